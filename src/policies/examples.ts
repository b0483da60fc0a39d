/**
 * Each policy's examples, run through the real families with the policy alone: a `fail` example must give the policy
 * a finding, a `pass` example none. What misbehaves is named by the example's file:line, as a custom secret pattern
 * that misses its example is.
 */
import type { IacFamily } from '../rules/iac.js';
import type { PolicyBundle, PolicyDef, PolicyExample } from './types.js';
import { ansibleRules, cfnRules, environmentOf } from './run.js';

export type Families = Record<'cloudformation' | 'ansible', IacFamily>;

const DEFAULT_PATH = { cloudformation: 'template.yaml', ansible: 'playbook.yml' } as const;

/** Findings of one policy on one example (the policy's path scope is the example's own business: not applied). */
export function runExample(
  p: PolicyDef,
  ex: PolicyExample,
  fams: Families,
  b: PolicyBundle,
): { hits: number; errors: string[] } {
  const one: PolicyBundle = { ...b, policies: [{ ...p, scope: { ...p.scope, paths: [] } }] };
  const path = ex.path ?? DEFAULT_PATH[ex.format];
  const env = ex.path ? environmentOf(b, ex.path) : p.scope.environments[0];
  const rules = ex.format === 'cloudformation' ? cfnRules(one, path, env) : ansibleRules(one, path, env);
  const r = fams[ex.format].lint(path, ex.text, new Map(), { rules, only: true });
  return {
    hits: r.findings.filter((f) => f.ruleId === p.id).length,
    errors: r.matched
      ? r.errors.map((e) => e.message)
      : [`the example is not ${ex.format === 'ansible' ? 'an Ansible file' : 'a CloudFormation template'}`],
  };
}

/** Problems with every policy's examples, as `file:line: message`. */
export function checkExamples(b: PolicyBundle, fams: Families): string[] {
  const out: string[] = [];
  for (const p of b.policies)
    for (const kind of ['fail', 'pass'] as const)
      p.examples[kind].forEach((ex, i) => {
        const { hits, errors } = runExample(p, ex, fams, b);
        const where = `${p.file}:${ex.line}: policy ${p.id} ${kind} example ${i + 1} (${ex.format})`;
        if (errors.length) out.push(`${where}: ${errors[0]}`);
        else if (kind === 'fail' && !hits) out.push(`${where} is not reported: the condition does not catch it`);
        else if (kind === 'pass' && hits) out.push(`${where} is reported, but it should pass`);
      });
  return out;
}
