import { describe, expect, it } from 'vitest';
import {
  ADMIN_PORTS,
  DATA_PORTS,
  isPrivateCidr,
  isWideCidr,
  isWorldCidr,
  parseCidr,
  REMOTE_PORTS,
  servesOn,
  transportOf,
  cidrContains,
} from '../../src/cloud/constants.js';

describe('world CIDRs', () => {
  it.each([
    '0.0.0.0/0',
    ' 0.0.0.0/0 ',
    '::/0',
    '::0/0',
    '0::0/0',
    '0000::/0',
    '0:0:0:0:0:0:0:0/0',
    '0000:0000:0000:0000:0000:0000:0000:0000/0',
    '10.0.0.0/0',
    '192.168.1.1/0',
    '2001:db8::/0',
  ])('%s is the whole internet', (c) => expect(isWorldCidr(c)).toBe(true));

  it.each(['0.0.0.0/1', '10.0.0.0/8', '::/1', '::1/128', '0.0.0.0', '300.0.0.0/0', 'any', '', '0.0.0.0/00x', '::/129'])(
    '%s is not',
    (c) => expect(isWorldCidr(c)).toBe(false),
  );

  it('wide and private ranges', () => {
    expect(isWideCidr('0.0.0.0/1')).toBe(true);
    expect(isWideCidr('128.0.0.0/4')).toBe(true);
    expect(isWideCidr('10.0.0.0/8')).toBe(false);
    expect(isWideCidr('0.0.0.0/0')).toBe(false);
    expect(isWideCidr('2000::/3')).toBe(true);
    expect(isPrivateCidr('10.1.0.0/16')).toBe(true);
    expect(isPrivateCidr('172.20.0.0/16')).toBe(true);
    expect(isPrivateCidr('172.32.0.0/16')).toBe(false);
    expect(isPrivateCidr('fd00::/8')).toBe(true);
    expect(parseCidr('1.2.3.4/33')).toBeUndefined();
  });
});

describe('port lists', () => {
  const all = [...ADMIN_PORTS, ...DATA_PORTS, ...REMOTE_PORTS].map(([p]) => p);
  it('hold the ports the issue names, once each', () => {
    for (const p of [20, 22, 636, 2383, 3389, 9000]) expect(all).toContain(p);
    expect(new Set(all).size).toBe(all.length);
  });
  it('leave out public services (HTTP, HTTPS, SMTP, DNS)', () => {
    for (const p of [80, 443, 25, 53]) expect(all).not.toContain(p);
  });
});

describe('services match by transport', () => {
  const svc = (port: number) => [...ADMIN_PORTS, ...DATA_PORTS, ...REMOTE_PORTS].find(([p]) => p === port)!;
  it.each([
    [22, 'tcp', true],
    [22, '6', true],
    [22, 'udp', false],
    [22, '17', false],
    [22, '-1', true],
    [22, '*', true],
    [2383, 'Udp', false],
    [3389, 'udp', true],
    [1434, 'udp', true],
    [161, 'tcp', false],
    [161, 'udp', true],
    [11211, '17', true],
  ] as Array<[number, string, boolean]>)('port %i on %s: %s', (port, proto, want) => {
    expect(servesOn(svc(port), proto)).toBe(want);
  });
  it('reads protocol names and numbers', () => {
    expect(transportOf('TCP')).toBe('tcp');
    expect(transportOf('17')).toBe('udp');
    expect(transportOf(undefined)).toBe('any');
    expect(transportOf('icmp')).toBe('other');
  });
});

describe('cidrContains', () => {
  it.each([
    ['10.0.0.0/8', '10.20.0.0/16', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.0.0/16', '10.0.0.0/8', false],
    ['0.0.0.0/0', '198.51.100.0/24', true],
    ['198.51.100.0/24', '198.51.100.7/32', true],
    ['::/0', '2001:db8::/32', true],
  ] as Array<[string, string, boolean]>)('%s contains %s: %s', (a, b, want) => {
    expect(cidrContains(a, b)).toBe(want);
  });
  it('cannot tell across families or for unreadable input', () => {
    expect(cidrContains('10.0.0.0/8', '::/0')).toBeUndefined();
    expect(cidrContains('nope', '10.0.0.0/8')).toBeUndefined();
  });
});
