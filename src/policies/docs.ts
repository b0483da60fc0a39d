/**
 * Team policies as documentation: `hookguard explain ID` (one policy) and the team's standard that `hookguard policy`
 * renders (every policy, grouped by service, with its description, scope, severity, owners and examples).
 */
import type { PolicyDef, PolicyExample } from './types.js';

/** What a group of policies is about, as the standard's section headings say it. */
const SERVICES: Record<string, string> = {
  networking: 'Networking: how VPCs and security groups are configured',
  'data stores': 'Data stores: who may reach our data, and how it is kept',
  encryption: "Encryption: keys and the team's KMS key",
  identity: 'Identity: roles, users and their permissions',
  hosts: 'Hosts: how servers are hardened',
};

function heading(service: string): string {
  return SERVICES[service] ?? `${service.charAt(0).toUpperCase()}${service.slice(1)}`;
}

function fence(ex: PolicyExample): string {
  const body = ex.text.replace(/\n+$/, '');
  const ticks = /```/.test(body) ? '````' : '```';
  return `${ticks}yaml\n# ${ex.format}${ex.path ? ` (${ex.path})` : ''}\n${body}\n${ticks}`;
}

function what(p: PolicyDef): string {
  if (p.target.resources) return p.target.resources.map((r) => `\`${r}\``).join(', ');
  if (p.target.modules) return `Ansible tasks of ${p.target.modules.map((m) => `\`${m}\``).join(', ')}`;
  return `host settings (${p.target.host})`;
}

function scopeText(p: PolicyDef): string {
  const parts = [
    p.scope.paths.length ? `paths ${p.scope.paths.map((g) => `\`${g}\``).join(', ')}` : 'every path',
    p.scope.environments.length ? `environments ${p.scope.environments.join(', ')}` : 'every environment',
  ];
  return parts.join('; ');
}

/** The doc of one policy (`hookguard explain`, SARIF's rule help). */
export function policyDoc(p: PolicyDef): string {
  return [
    p.description.trim(),
    '',
    `Applies to: ${what(p)} — ${scopeText(p)}.`,
    ...(p.owners.length ? [`Owners: ${p.owners.join(', ')}.`] : []),
    `Defined in ${p.file}:${p.line} (team policy).`,
    '',
    'Fails:',
    '',
    ...p.examples.fail.map(fence),
    '',
    'Passes:',
    '',
    ...p.examples.pass.map(fence),
  ].join('\n');
}

/**
 * The team's standard: every policy, grouped by service, as Markdown. `hookguard policy` includes it, so
 * `hookguard policy --check` keeps the committed document in step with the policies.
 */
export function renderStandard(policies: readonly PolicyDef[]): string {
  if (!policies.length) return '';
  const groups = new Map<string, PolicyDef[]>();
  for (const p of [...policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    groups.set(p.service, [...(groups.get(p.service) ?? []), p]);
  const out = [
    '## Our standard',
    '',
    `The team's own policies (${policies.length}): each is enforced by hookguard in every hook, push and pull request, and is written here as the standard it defines.`,
  ];
  for (const service of [...groups.keys()].sort()) {
    out.push('', `### ${heading(service)}`);
    for (const p of groups.get(service)!) {
      out.push(
        '',
        `#### ${p.id}: ${p.title}`,
        '',
        p.description.trim(),
        '',
        `- Severity: ${p.severity}`,
        `- Applies to: ${what(p)}`,
        `- Scope: ${scopeText(p)}`,
        `- Owners: ${p.owners.length ? p.owners.join(', ') : 'none named'}`,
        `- Source: \`${p.file}:${p.line}\``,
        '',
        'Not compliant:',
        '',
        ...p.examples.fail.flatMap((ex) => [fence(ex), '']),
        'Compliant:',
        '',
        ...p.examples.pass.flatMap((ex) => [fence(ex), '']),
      );
      out.pop();
    }
  }
  return out.join('\n') + '\n';
}
