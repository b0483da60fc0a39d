/**
 * Security-group rules, written once for every format. Finding codes (each format maps them to its rule ids):
 * world-open ingress on admin / data / remote-management ports, on all traffic, on a wide port range; all egress to the
 * world; a group without a VPC. The world is every spelling of a /0 (see ../constants.ts); an unknown CIDR or port is
 * never reported.
 */
import {
  ADMIN_PORTS,
  DATA_PORTS,
  hasPorts,
  isAllProtocols,
  isWorldCidr,
  REMOTE_PORTS,
  SENSITIVE_SERVICES,
  servesOn,
  type PortList,
} from '../constants.js';
import type { CloudCheck, CloudFinding, CloudResource, CValue, Emit } from '../model.js';
import { asNum, asStr, get, isKnown, items, scalars, type Scalar, getSet } from '../values.js';

export const SG_KINDS = ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'];

/** Resources read for context only: load balancers (whose groups they use) and VPCs (is this a sample?). */
const CONTEXT_KINDS = [
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::EC2::VPC',
];

export interface SgRuleView {
  rule: CValue;
  dir: 'ingress' | 'egress';
}

/** Ingress or egress rules of a group (inline entries), or the standalone rule resource itself. */
export function sgRules(r: CloudResource, dir: 'ingress' | 'egress'): CValue[] {
  if (r.kind === 'AWS::EC2::SecurityGroup')
    return items(get(r.props, dir === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress')).filter(
      (x) => x.t === 'map',
    );
  if (r.kind === (dir === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress'))
    return [r.props];
  return [];
}

/** The first world-open CIDR of a rule (IPv4 then IPv6). */
export function worldCidr(rule: CValue): (Scalar & { cidr: string }) | undefined {
  for (const key of ['CidrIp', 'CidrIpv6', 'CidrIpv4']) {
    const hit = scalars(get(rule, key)).find((s) => {
      const v = isKnown(s) ? asStr(s) : undefined;
      return v !== undefined && isWorldCidr(v);
    });
    if (hit) return { ...hit, cidr: asStr(hit)! };
  }
  return undefined;
}

export interface PortSpan {
  all: boolean;
  from: number;
  to: number;
  protocol: string;
  why?: string | undefined;
}

/** Port ranges a rule may open (every option of protocol × from × to); unknown bounds are skipped. */
export function portSpans(rule: CValue): PortSpan[] {
  const out: PortSpan[] = [];
  for (const p of scalars(get(rule, 'IpProtocol'))) {
    if (!isKnown(p)) continue;
    const proto = String(p.value).trim().toLowerCase();
    if (isAllProtocols(proto)) {
      out.push({ all: true, from: 0, to: 65535, protocol: proto, why: p.why });
      continue;
    }
    if (!hasPorts(proto)) continue;
    for (const f of scalars(get(rule, 'FromPort')))
      for (const t of scalars(get(rule, 'ToPort'))) {
        const a = asNum(f.value);
        const b = asNum(t.value);
        if (a === undefined || b === undefined) continue;
        const lo = a === -1 ? 0 : a;
        const hi = b === -1 ? 65535 : b;
        out.push({ all: lo <= 0 && hi >= 65535, from: lo, to: hi, protocol: proto, why: f.why ?? t.why });
      }
  }
  return out;
}

/** The rule's port values (FromPort, and ToPort when it differs), as related locations of a port finding. */
function portsAt(rule: CValue): CloudFinding['related'] {
  const at = [...scalars(get(rule, 'FromPort')), ...scalars(get(rule, 'ToPort'))]
    .map((v) => v.at)
    .filter((v) => v.loc.node ?? v.loc.pos);
  const seen = new Set<string>();
  const out = at.filter((v) => {
    if (seen.has(v.loc.path)) return false;
    seen.add(v.loc.path);
    return true;
  });
  return out.length ? out.map((v) => ({ at: v, message: 'the ports it opens' })) : undefined;
}

function firstHit(spans: PortSpan[], ports: PortList): PortList[number] | undefined {
  for (const s of spans) {
    if (s.all) continue;
    const hit = ports.find((e) => s.from <= e[0] && e[0] <= s.to && servesOn(e, s.protocol));
    if (hit) return hit;
  }
  return undefined;
}

export const SG_CODES = {
  'ingress-admin': 'SSH or RDP open to the internet',
  'ingress-data': 'a database, cache or broker port open to the internet',
  'ingress-remote': 'a remote-access or management port open to the internet',
  'ingress-all': 'all traffic open to the internet',
  'ingress-range': 'a port range open to the internet',
  'egress-all': 'all traffic allowed out to the internet',
  'default-vpc': 'the group is created in the default VPC',
} as const;

export type SgCode = keyof typeof SG_CODES;

/**
 * Is this a load balancer's group? A load balancer of the same file lists it in `SecurityGroups`, or its name or
 * description says so. A load balancer forwards only its listeners' ports, so all-traffic ingress there is far less
 * dangerous than on an instance.
 */
export function isLoadBalancerGroup(r: CloudResource, all: readonly CloudResource[]): boolean {
  for (const lb of all)
    if (/LoadBalancer$/.test(lb.kind) && scalars(get(lb.props, 'SecurityGroups')).some((s) => s.ref === r.name))
      return true;
  const text = [r.name, ...['GroupDescription', 'GroupName'].flatMap((k) => scalars(get(r.props, k)).map(asStr))]
    .filter(Boolean)
    .join(' ');
  return /(?:^|[^a-z])(?:elb|alb|nlb|lb|load[\s-]?balancer)(?:[^a-z]|$)|LoadBalancer|Elb|Alb/i.test(text);
}

function run(r: CloudResource, emit: Emit, all: readonly CloudResource[]): void {
  if (!SG_KINDS.includes(r.kind)) return;
  const where = r.kind === 'AWS::EC2::SecurityGroup' ? r.name : `${r.name}`;
  for (const rule of sgRules(r, 'ingress')) {
    const w = worldCidr(rule);
    if (!w) continue;
    const spans = portSpans(rule);
    const why = w.why ?? spans.find((s) => s.why)?.why;
    const allSpan = spans.find((s) => s.all);
    if (allSpan) {
      const what = isAllProtocols(allSpan.protocol) ? 'all protocols and ports' : 'every port';
      emit({
        code: 'ingress-all',
        resource: r,
        at: w.at,
        message: `${where} allows ${what} from ${w.cidr}`,
        why,
        detail: `${w.cidr} all`,
        ...(isLoadBalancerGroup(r, all) ? { severity: 'medium' as const } : {}),
      });
      continue;
    }
    const lists: Array<[SgCode, PortList]> = [
      ['ingress-admin', ADMIN_PORTS],
      ['ingress-data', DATA_PORTS],
      ['ingress-remote', REMOTE_PORTS],
    ];
    for (const [code, ports] of lists) {
      const hit = firstHit(spans, ports);
      if (hit)
        emit({
          code,
          resource: r,
          at: w.at,
          message: `${hit[1]} (port ${hit[0]}) is open to ${w.cidr} in ${where}`,
          why,
          detail: `${w.cidr} ${hit[0]}`,
          related: portsAt(rule),
        });
    }
    const range = spans.find(
      (s) =>
        !s.all &&
        s.to > s.from &&
        !SENSITIVE_SERVICES.some((e) => s.from <= e[0] && e[0] <= s.to && servesOn(e, s.protocol)),
    );
    if (range)
      emit({
        code: 'ingress-range',
        resource: r,
        at: w.at,
        message: `${where} opens ports ${range.from}-${range.to} to ${w.cidr}`,
        why,
        detail: `${w.cidr} ${range.from}-${range.to}`,
        related: portsAt(rule),
      });
  }
  for (const rule of sgRules(r, 'egress')) {
    const w = worldCidr(rule);
    if (!w) continue;
    const allOut = portSpans(rule).find((s) => s.all);
    if (allOut)
      emit({
        code: 'egress-all',
        resource: r,
        at: w.at,
        message: `${where} allows all outbound traffic to ${w.cidr}`,
        why: w.why ?? allOut.why,
        detail: `${w.cidr} all`,
      });
  }
  if (r.kind === 'AWS::EC2::SecurityGroup' && getSet(r.props, 'VpcId') === undefined)
    emit({
      code: 'default-vpc',
      resource: r,
      message: `${where} has no VpcId, so it is created in the default VPC`,
      detail: 'no VpcId',
      // Without a VPC of its own the file is usually a sample meant for the default VPC: note it, do not block.
      ...(r.format === 'cloudformation' && !all.some((x) => x.kind === 'AWS::EC2::VPC')
        ? { severity: 'info' as const }
        : {}),
    });
}

export const securityGroupCheck: CloudCheck = {
  name: 'security-group',
  kinds: [...SG_KINDS, ...CONTEXT_KINDS],
  codes: SG_CODES,
  run,
};
