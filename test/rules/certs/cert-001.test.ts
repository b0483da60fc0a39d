/**
 * CERT-001: certificates with an RSA key under 2048 bits, read with node's X509Certificate. The fixtures are public
 * certificates only (made with `openssl req -x509 -newkey rsa:1024|rsa:2048|ec …`, their keys thrown away).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { weakCertificates } from '../../../src/rules/certs/index.js';

const dir = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'certs');
const cert = (name: string) => readFileSync(path.join(dir, name), 'utf8');

describe('CERT-001 weakCertificates', () => {
  it('reports a 1024-bit RSA certificate at its BEGIN line, with its subject and size', () => {
    const text = cert('legacy-rsa1024.crt');
    expect(weakCertificates(text)).toEqual([
      { line: 1, endLine: text.trimEnd().split('\n').length, bits: 1024, subject: 'CN=legacy-1024.example.test' },
    ]);
  });

  it('passes RSA 2048 and EC keys', () => {
    expect(weakCertificates(cert('rsa2048.crt'))).toEqual([]);
    expect(weakCertificates(cert('ec-p256.crt'))).toEqual([]);
  });

  it('judges each certificate of a bundle on its own', () => {
    const good = cert('rsa2048.crt');
    const bundle = good + cert('ec-p256.crt') + cert('legacy-rsa1024.crt');
    const line = (good + cert('ec-p256.crt')).split('\n').length;
    expect(weakCertificates(bundle).map((h) => [h.line, h.bits])).toEqual([[line, 1024]]);
  });

  it('reads a certificate embedded in YAML (indented block) and in JSON (\\n escapes)', () => {
    const pem = cert('legacy-rsa1024.crt').trimEnd();
    const yaml = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n${pem.replace(/^/gm, '    ')}\n`;
    expect(weakCertificates(yaml).map((h) => [h.line, h.bits])).toEqual([[6, 1024]]);
    const json = JSON.stringify({ caBundle: pem }, null, 2);
    expect(weakCertificates(json).map((h) => [h.line, h.bits])).toEqual([[2, 1024]]);
  });

  it('skips a block that is not a certificate it can read', () => {
    expect(weakCertificates('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n')).toEqual([]);
  });
});
