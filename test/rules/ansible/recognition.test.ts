/**
 * Recognition by content wherever a file lives: bare task lists, handlers, playbooks, YAML/INI inventories and
 * ansible.cfg under other names — and a negative corpus of ordinary YAML/INI (Kubernetes, CI configs, compose,
 * OpenAPI, Helm, pre-commit, cloud-init…) that must stay out of the Ansible family, both in the hot path's cheap
 * detector and in the parser's decision.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { family, lintAnsible } from '../../../src/rules/ansible/index.js';
import { looksLikeAnsible } from '../../../src/rules/ansible/detect.js';
import { loadAnsible } from '../../../src/parse/ansible.js';
import { ROOT } from '../../helpers.js';

const DIR = path.join(ROOT, 'fixtures', 'ansible', 'classify');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const negative = filesUnder(path.join(DIR, 'negative'));
const read = (sub: string, logical: string) => readFileSync(path.join(DIR, sub, logical), 'utf8');

describe('negative corpus: ordinary YAML and INI is not Ansible', () => {
  it('has a corpus worth the name', () => expect(negative.length).toBeGreaterThanOrEqual(20));
  it.each(negative)('%s', (logical) => {
    const text = read('negative', logical);
    expect(family.lint(logical, text)).toEqual({ matched: false, findings: [], errors: [] });
  });
  it('the cheap detector already drops most of it', () => {
    const routed = negative.filter((l) => looksLikeAnsible(l, read('negative', l)));
    // Files in Ansible-named folders (tasks/, inventories/), a list of containers with `command:` keys and values
    // files with a `hosts:` key pass the prefilter; the parser then says no (test above).
    expect(routed).toEqual([
      'cli/inventories/list.yaml',
      'cli/tasks/describe.yaml',
      'containers-list.yaml',
      'helm-inventory-like-values.yaml',
      'helm-values.yaml',
    ]);
  });
});

describe('positive corpus: Ansible wherever it lives', () => {
  it.each([
    ['includes/harden.yml', 'tasks'],
    ['provisioners/web.yaml', 'tasks'],
    ['ops/handlers.yml', 'tasks'],
    ['bootstrap.yml', 'tasks'],
    ['env/prod-hosts.yml', 'inventory'],
    ['config/ansible-prod.cfg', 'config'],
    ['deploy/production', 'inventory'],
    ['molecule/default/converge.yml', 'playbook'],
    ['roles/web/tests/test.yml', 'playbook'],
    ['scripts/site.yaml', 'playbook'],
  ])('%s is %s, and the cheap detector routes it', (logical, kind) => {
    const text = read('positive', logical);
    expect(looksLikeAnsible(logical, text)).toBe(true);
    const r = loadAnsible(logical, text);
    expect(r.errors).toEqual([]);
    expect(r.file?.kind).toBe(kind);
  });

  const ids = (logical: string) =>
    lintAnsible(logical, read('positive', logical))
      .findings.filter((f) => !f.suppressed)
      .map((f) => `${f.ruleId}@${f.line}:${f.severity}`);

  it('checks a bare task list found outside the usual folders, custom modules included', () => {
    expect(ids('includes/harden.yml')).toEqual(['ANS-SSH-004@11:critical']);
    expect(
      loadAnsible('includes/harden.yml', read('positive', 'includes/harden.yml')).file!.tasks.map((t) => t.short),
    ).toEqual(['apt', 'lineinfile', 'my_custom_module']);
    expect(ids('provisioners/web.yaml')).toEqual(['ANS-TLS-001@5:high']);
    expect(ids('bootstrap.yml')).toEqual(['ANS-PERM-001@6:high']);
  });

  it('reads a handlers file by its name as handlers', () => {
    const f = loadAnsible('ops/handlers.yml', read('positive', 'ops/handlers.yml')).file!;
    expect(f.tasks.map((t) => [t.kind, t.short])).toEqual([['handler', 'service']]);
  });

  it('checks an ansible.cfg under another name', () => {
    expect(ids('config/ansible-prod.cfg')).toEqual(['ANS-SSH-001@3:high']);
  });

  it('reads a YAML inventory found by content', () => {
    const f = loadAnsible('env/prod-hosts.yml', read('positive', 'env/prod-hosts.yml')).file!;
    expect(f.vars.map((v) => v.path)).toEqual(['env/prod-hosts.yml:web1.example.com.ansible_host']);
  });

  it('reports findings in molecule scenarios and role tests as low, and says why', () => {
    expect(ids('molecule/default/converge.yml')).toEqual(['ANS-TLS-001@10:low']);
    expect(ids('roles/web/tests/test.yml')).toEqual(['ANS-TLS-001@7:low']);
    const [f] = lintAnsible(
      'molecule/default/converge.yml',
      read('positive', 'molecule/default/converge.yml'),
    ).findings;
    expect(f!.message).toMatch(/Reported as low \(was high\): molecule\/ holds test material/);
  });

  it('a dynamic inventory script under inventory/ is a program, not a malformed INI file', () => {
    for (const l of ['inventory/ec2.py', 'inventory/gce.sh'])
      expect(family.lint(l, read('negative', l))).toEqual({ matched: false, findings: [], errors: [] });
  });
});
