/**
 * Shared network knowledge, in one place for every format: which CIDRs mean "the whole internet" (in every
 * spelling) and which ports are administrative, data or remote-management services.
 */

/** Parse `a.b.c.d/n` or an IPv6 `x::y/n` into family and prefix length; undefined when it is not a CIDR. */
export function parseCidr(s: string): { v6: boolean; prefix: number; addr: string } | undefined {
  const m = /^\s*([0-9A-Fa-f:.]+)\s*\/\s*(\d{1,3})\s*$/.exec(s);
  if (!m) return undefined;
  const addr = m[1]!;
  const prefix = Number(m[2]);
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(addr)) {
    if (addr.split('.').some((o) => Number(o) > 255) || prefix > 32) return undefined;
    return { v6: false, prefix, addr };
  }
  if (addr.includes(':') && /^[0-9A-Fa-f:.]+$/.test(addr) && prefix <= 128) {
    const groups = addr.split('::');
    if (groups.length > 2) return undefined;
    if (groups.some((g) => g.split(':').some((h) => h.length > 4 && !h.includes('.')))) return undefined;
    return { v6: true, prefix, addr };
  }
  return undefined;
}

/**
 * A CIDR that covers every address: `0.0.0.0/0`, `::/0`, `0000::/0`, `0:0:0:0:0:0:0:0/0`, the full zero form, and
 * any address with prefix length 0 (`10.0.0.0/0` is the whole internet too).
 */
export function isWorldCidr(s: string): boolean {
  const c = parseCidr(s);
  return c !== undefined && c.prefix === 0;
}

/** Does IPv4/IPv6 CIDR `outer` contain `inner`? IPv6 is compared only when equal or when `outer` is a /0. */
export function cidrContains(outer: string, inner: string): boolean | undefined {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || o.v6 !== i.v6) return undefined;
  if (o.prefix === 0) return true;
  if (o.v6) return o.addr.toLowerCase() === i.addr.toLowerCase() && o.prefix <= i.prefix ? true : undefined;
  if (o.prefix > i.prefix) return false;
  const num = (a: string) => a.split('.').reduce((n, x) => n * 256 + Number(x), 0);
  const mask = o.prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - o.prefix);
  const and = (n: number) => Number(BigInt(n) & BigInt(mask));
  return and(num(o.addr)) === and(num(i.addr));
}

/** A very wide range: IPv4 prefix shorter than /8 or IPv6 shorter than /16 (but not the whole internet). */
export function isWideCidr(s: string): boolean {
  const c = parseCidr(s);
  if (!c || c.prefix === 0) return false;
  return c.v6 ? c.prefix < 16 : c.prefix < 8;
}

/** Private (RFC 1918 / unique-local) ranges are not "the internet" even when wide. */
export function isPrivateCidr(s: string): boolean {
  const c = parseCidr(s);
  if (!c) return false;
  if (c.v6) return /^f[cd]/i.test(c.addr) && c.prefix >= 7;
  const [a, b] = c.addr.split('.').map(Number) as [number, number];
  return (
    (a === 10 && c.prefix >= 8) ||
    (a === 172 && b >= 16 && b <= 31 && c.prefix >= 12) ||
    (a === 192 && b === 168 && c.prefix >= 16)
  );
}

/** The transport a service listens on (`tcp` unless it says otherwise). */
export type Transport = 'tcp' | 'udp' | 'both';
/** `[port, service, transport]`; the transport defaults to `tcp`. */
export type PortList = ReadonlyArray<readonly [number, string, Transport?]>;

/** Remote administration of a host: a shell or desktop. */
export const ADMIN_PORTS: PortList = [
  [22, 'SSH'],
  [3389, 'RDP', 'both'],
];

/** Databases, caches, search engines, message brokers and analytics stores. */
export const DATA_PORTS: PortList = [
  [1433, 'SQL Server'],
  [1434, 'SQL Server browser', 'both'],
  [1521, 'Oracle'],
  [2383, 'SQL Server Analysis Services'],
  [2379, 'etcd'],
  [2380, 'etcd peer'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5439, 'Redshift'],
  [5601, 'Kibana'],
  [5672, 'AMQP'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [7000, 'Cassandra inter-node'],
  [7001, 'Cassandra inter-node (TLS)'],
  [7199, 'Cassandra JMX'],
  [7474, 'Neo4j'],
  [8020, 'HDFS NameNode'],
  [8086, 'InfluxDB'],
  [8888, 'Cassandra OpsCenter'],
  [9000, 'Hadoop / object storage'],
  [9042, 'Cassandra'],
  [9092, 'Kafka'],
  [9160, 'Cassandra Thrift'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [11211, 'Memcached', 'both'],
  [11214, 'Memcached (TLS)'],
  [27017, 'MongoDB'],
  [27018, 'MongoDB shard'],
  [27019, 'MongoDB config'],
  [50070, 'HDFS web UI'],
  [61616, 'ActiveMQ'],
];

/**
 * Remote-access, file-sharing, directory and cluster-management services. Public services that are meant to be
 * reached from the internet (SMTP, DNS, HTTP) are deliberately not listed.
 */
export const REMOTE_PORTS: PortList = [
  [20, 'FTP data'],
  [21, 'FTP'],
  [23, 'Telnet'],
  [135, 'MS RPC', 'both'],
  [137, 'NetBIOS', 'both'],
  [138, 'NetBIOS', 'udp'],
  [139, 'NetBIOS'],
  [161, 'SNMP', 'udp'],
  [389, 'LDAP', 'both'],
  [445, 'SMB'],
  [636, 'LDAPS'],
  [2049, 'NFS', 'both'],
  [2375, 'Docker API'],
  [2376, 'Docker API (TLS)'],
  [4333, 'mSQL'],
  [5500, 'VNC'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM (TLS)'],
  [6443, 'Kubernetes API'],
  [10250, 'kubelet'],
];

/** Every entry of the three lists. */
export const SENSITIVE_SERVICES: PortList = [...ADMIN_PORTS, ...DATA_PORTS, ...REMOTE_PORTS];

/** Every port of the three lists (a range that includes none of them is "just a range"). */
export const SENSITIVE_PORTS: readonly number[] = SENSITIVE_SERVICES.map(([p]) => p);

/**
 * The transport a rule's protocol names: `tcp`/`6`, `udp`/`17`; every protocol (`-1`, `all`, `*`, and a protocol
 * that cannot be read) is `any`; anything else (`icmp`, `sctp`, `esp`) is `other`.
 */
export function transportOf(protocol: string | undefined): 'tcp' | 'udp' | 'any' | 'other' {
  const l = (protocol ?? '*').trim().toLowerCase();
  if (l === 'tcp' || l === '6') return 'tcp';
  if (l === 'udp' || l === '17') return 'udp';
  if (l === '' || l === '*' || l === 'any' || isAllProtocols(l)) return 'any';
  return 'other';
}

/**
 * Does a listed service answer on this protocol? Services match by transport as well as port: UDP 22 is not SSH and
 * UDP 2383 is not Analysis Services, while RDP, the SQL Server browser, NFS or Memcached do answer on UDP.
 */
export function servesOn(entry: PortList[number], protocol: string | undefined): boolean {
  const tr = transportOf(protocol);
  const svc = entry[2] ?? 'tcp';
  return tr === 'any' || svc === 'both' || svc === tr;
}

/** Protocol names/numbers that mean "all traffic". */
export function isAllProtocols(p: string): boolean {
  const l = p.trim().toLowerCase();
  return l === '-1' || l === 'all';
}

/** Protocols that carry ports (tcp, udp and their numbers). */
export function hasPorts(p: string): boolean {
  return ['tcp', 'udp', '6', '17'].includes(p.trim().toLowerCase());
}
