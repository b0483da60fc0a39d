/** CERT-001 through the built CLI: a staged certificate file, a certificate in a YAML value, and a disk scan. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

const dir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'certs');
const weak = readFileSync(path.join(dir, 'legacy-rsa1024.crt'), 'utf8');
const strong = readFileSync(path.join(dir, 'rsa2048.crt'), 'utf8');

describe('CERT-001 (certificate with a short RSA key)', () => {
  it('reports a staged 1024-bit certificate (medium: blocks only with --fail-on medium), not a 2048-bit one', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'hello\n' });
    repo.write('certs/legacy-api.crt', weak);
    repo.write('certs/api.crt', strong);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    const certs = report.findings.filter((f) => f.ruleId === 'CERT-001');
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({
      file: 'certs/legacy-api.crt',
      line: 1,
      severity: 'medium',
      category: 'certificate',
    });
    expect(certs[0]!.message).toContain('1024-bit RSA key');
    expect(repo.json(['scan', '--staged', '--fail-on', 'medium']).code).toBe(1);
  });

  it('finds a certificate inside a Kubernetes manifest on disk, and honours an inline allow', () => {
    const repo = Repo.init();
    const pem = weak.trimEnd().replace(/^/gm, '    ');
    repo.write(
      'k8s/tls.yaml',
      `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n${pem}\n`,
    );
    const { report } = repo.json(['scan', '.']);
    expect(report.findings.filter((f) => f.ruleId === 'CERT-001').map((f) => [f.file, f.line])).toEqual([
      ['k8s/tls.yaml', 6],
    ]);
    repo.write(
      'k8s/tls.yaml',
      `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nstringData:\n  # hookguard:allow CERT-001 test CA of the local cluster\n  tls.crt: |\n${pem}\n`,
    );
    const again = repo.json(['scan', '.']);
    expect(again.report.findings.filter((f) => f.ruleId === 'CERT-001')).toEqual([]);
  });
});
