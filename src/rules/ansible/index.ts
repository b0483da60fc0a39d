/**
 * The Ansible rule family: classify the file, model it (parse/ansible), run every rule, apply `# noqa`.
 * Rules are registered here explicitly, one file each under ./rules. Loaded lazily by the engine (it imports yaml).
 */
import type { IacFamily, IacFinding, IacLintResult } from '../iac.js';
import { loadAnsible, TEST_PATH } from '../../parse/ansible.js';
import { isInventoryVars, relatedDirs, relatedPaths, Resolver } from '../../parse/ansible-resolve.js';
import { compareText, SEVERITY_RANK } from '../../types.js';
import { makeContext, type AnsibleRule } from './context.js';
import { noqaMatch, noqaOn } from './noqa.js';
import tls_001 from './rules/tls-001.js';
import tls_002 from './rules/tls-002.js';
import tls_003 from './rules/tls-003.js';
import tls_004 from './rules/tls-004.js';
import tls_005 from './rules/tls-005.js';
import dl_001 from './rules/dl-001.js';
import exec_001 from './rules/exec-001.js';
import exec_002 from './rules/exec-002.js';
import exec_003 from './rules/exec-003.js';
import pkg_001 from './rules/pkg-001.js';
import pkg_002 from './rules/pkg-002.js';
import pkg_003 from './rules/pkg-003.js';
import pkg_004 from './rules/pkg-004.js';
import perm_001 from './rules/perm-001.js';
import perm_002 from './rules/perm-002.js';
import perm_003 from './rules/perm-003.js';
import perm_004 from './rules/perm-004.js';
import secret_001 from './rules/secret-001.js';
import secret_002 from './rules/secret-002.js';
import secret_003 from './rules/secret-003.js';
import secret_004 from './rules/secret-004.js';
import secret_005 from './rules/secret-005.js';
import secret_006 from './rules/secret-006.js';
import secret_007 from './rules/secret-007.js';
import ssh_001 from './rules/ssh-001.js';
import ssh_002 from './rules/ssh-002.js';
import ssh_003 from './rules/ssh-003.js';
import ssh_004 from './rules/ssh-004.js';
import ssh_005 from './rules/ssh-005.js';
import ssh_006 from './rules/ssh-006.js';
import os_001 from './rules/os-001.js';
import os_002 from './rules/os-002.js';
import os_003 from './rules/os-003.js';
import os_004 from './rules/os-004.js';
import ctr_001 from './rules/ctr-001.js';
import ctr_002 from './rules/ctr-002.js';
import ctr_003 from './rules/ctr-003.js';
import ctr_004 from './rules/ctr-004.js';
import aws_001 from './rules/aws-001.js';
import aws_002 from './rules/aws-002.js';
import aws_003 from './rules/aws-003.js';
import aws_004 from './rules/aws-004.js';
import aws_005 from './rules/aws-005.js';
import aws_006 from './rules/aws-006.js';
import pkg_005 from './rules/pkg-005.js';
import perm_005 from './rules/perm-005.js';
import priv_001 from './rules/priv-001.js';
import path_001 from './rules/path-001.js';
import cfg_001 from './rules/cfg-001.js';
import cfg_002 from './rules/cfg-002.js';
import az_001 from './rules/az-001.js';
import az_002 from './rules/az-002.js';
import gcp_001 from './rules/gcp-001.js';
import gcp_002 from './rules/gcp-002.js';
import aws_007 from './rules/aws-007.js';
import aws_008 from './rules/aws-008.js';
import aws_009 from './rules/aws-009.js';
import aws_010 from './rules/aws-010.js';
import aws_011 from './rules/aws-011.js';
import aws_012 from './rules/aws-012.js';
import aws_013 from './rules/aws-013.js';
import aws_014 from './rules/aws-014.js';
import aws_015 from './rules/aws-015.js';
import aws_016 from './rules/aws-016.js';
import aws_017 from './rules/aws-017.js';
import aws_018 from './rules/aws-018.js';
import aws_019 from './rules/aws-019.js';
import aws_020 from './rules/aws-020.js';
import aws_021 from './rules/aws-021.js';
import aws_022 from './rules/aws-022.js';
import aws_023 from './rules/aws-023.js';
import aws_024 from './rules/aws-024.js';
import aws_025 from './rules/aws-025.js';
import aws_026 from './rules/aws-026.js';
import aws_027 from './rules/aws-027.js';
import aws_028 from './rules/aws-028.js';
import aws_029 from './rules/aws-029.js';
import aws_030 from './rules/aws-030.js';
import aws_031 from './rules/aws-031.js';
import aws_032 from './rules/aws-032.js';
import aws_033 from './rules/aws-033.js';
import aws_034 from './rules/aws-034.js';
import aws_035 from './rules/aws-035.js';
import aws_036 from './rules/aws-036.js';
import aws_037 from './rules/aws-037.js';
import aws_038 from './rules/aws-038.js';
import az_003 from './rules/az-003.js';
import az_004 from './rules/az-004.js';
import az_005 from './rules/az-005.js';
import az_006 from './rules/az-006.js';
import az_007 from './rules/az-007.js';
import az_008 from './rules/az-008.js';
import az_009 from './rules/az-009.js';
import az_010 from './rules/az-010.js';
import az_011 from './rules/az-011.js';
import az_012 from './rules/az-012.js';
import az_013 from './rules/az-013.js';
import az_014 from './rules/az-014.js';
import az_015 from './rules/az-015.js';
import az_016 from './rules/az-016.js';
import az_017 from './rules/az-017.js';
import az_018 from './rules/az-018.js';
import az_019 from './rules/az-019.js';
import az_020 from './rules/az-020.js';
import az_021 from './rules/az-021.js';
import gcp_003 from './rules/gcp-003.js';
import gcp_004 from './rules/gcp-004.js';
import gcp_005 from './rules/gcp-005.js';
import gcp_006 from './rules/gcp-006.js';
import gcp_007 from './rules/gcp-007.js';
import gcp_008 from './rules/gcp-008.js';
import gcp_009 from './rules/gcp-009.js';
import gcp_010 from './rules/gcp-010.js';
import gcp_011 from './rules/gcp-011.js';
import gcp_012 from './rules/gcp-012.js';
import gcp_013 from './rules/gcp-013.js';
import gcp_014 from './rules/gcp-014.js';
import gcp_015 from './rules/gcp-015.js';

export const rules: readonly AnsibleRule[] = [
  tls_001,
  tls_002,
  tls_003,
  tls_004,
  tls_005,
  dl_001,
  exec_001,
  exec_002,
  exec_003,
  pkg_001,
  pkg_002,
  pkg_003,
  pkg_004,
  perm_001,
  perm_002,
  perm_003,
  perm_004,
  secret_001,
  secret_002,
  secret_003,
  secret_004,
  secret_005,
  secret_006,
  secret_007,
  ssh_001,
  ssh_002,
  ssh_003,
  ssh_004,
  ssh_005,
  ssh_006,
  os_001,
  os_002,
  os_003,
  os_004,
  ctr_001,
  ctr_002,
  ctr_003,
  ctr_004,
  aws_001,
  aws_002,
  aws_003,
  aws_004,
  aws_005,
  aws_006,
  pkg_005,
  perm_005,
  priv_001,
  path_001,
  cfg_001,
  cfg_002,
  az_001,
  az_002,
  gcp_001,
  gcp_002,
  aws_007,
  aws_008,
  aws_009,
  aws_010,
  aws_011,
  aws_012,
  aws_013,
  aws_014,
  aws_015,
  aws_016,
  aws_017,
  aws_018,
  aws_019,
  aws_020,
  aws_021,
  aws_022,
  aws_023,
  aws_024,
  aws_025,
  aws_026,
  aws_027,
  aws_028,
  aws_029,
  aws_030,
  aws_031,
  aws_032,
  aws_033,
  aws_034,
  aws_035,
  aws_036,
  aws_037,
  aws_038,
  az_003,
  az_004,
  az_005,
  az_006,
  az_007,
  az_008,
  az_009,
  az_010,
  az_011,
  az_012,
  az_013,
  az_014,
  az_015,
  az_016,
  az_017,
  az_018,
  az_019,
  az_020,
  az_021,
  gcp_003,
  gcp_004,
  gcp_005,
  gcp_006,
  gcp_007,
  gcp_008,
  gcp_009,
  gcp_010,
  gcp_011,
  gcp_012,
  gcp_013,
  gcp_014,
  gcp_015,
];

/**
 * Lint one file. `related` holds the text of the files `relatedPaths` named (vars_files, role defaults/vars) that the
 * scan's source could read; a missing one leaves its variables unknown.
 */
export function lintAnsible(
  path: string,
  content: string,
  only: readonly AnsibleRule[] = rules,
  related: ReadonlyMap<string, string | undefined> = new Map(),
): IacLintResult {
  let loaded;
  try {
    loaded = loadAnsible(path, content);
  } catch (e) {
    // Never quote the file: only the kind of failure.
    return {
      matched: true,
      findings: [],
      errors: [{ message: `Ansible file could not be read (${(e as Error).name})` }],
    };
  }
  if (!loaded.matched) return { matched: false, findings: [], errors: [] };
  const file = loaded.file;
  const errors = [...loaded.errors];
  if (!file) return { matched: true, findings: [], errors };
  try {
    file.tasks = new Resolver(file, related).tasks();
  } catch (e) {
    errors.push({ message: `variables could not be resolved (${(e as Error).name})` });
  }
  const findings: IacFinding[] = [];
  const seen = new Set<string>();
  for (const rule of only) {
    const ctx = makeContext(file, (r) => {
      const key = `${rule.meta.id}:${r.at.line}:${r.at.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      const related = [
        ...(r.related ?? []).map((x) => ({ ...x.at, message: x.message })),
        ...(r.at.line !== r.scope[0] ? [taskLine(file.lines, r.scope[0])] : []),
      ];
      findings.push({
        ruleId: rule.meta.id,
        severity: r.severity ?? rule.meta.severity,
        message: r.message,
        path: r.path,
        scope: r.scope,
        line: r.at.line,
        column: r.at.column,
        endLine: r.at.endLine,
        endColumn: r.at.endColumn,
        ...(r.secret ? { secret: true } : {}),
        ...(r.why ? { why: r.why } : {}),
        ...(related.length ? { related } : {}),
      });
    });
    try {
      rule.check(ctx);
    } catch (e) {
      errors.push({ message: `rule ${rule.meta.id} failed (${(e as Error).name})` });
    }
  }
  for (const f of findings) {
    const onLine = noqaOn(file.lines[f.line - 1]);
    const onTask = f.scope[0] !== f.line ? noqaOn(file.lines[f.scope[0] - 1]) : undefined;
    const hitLine = onLine ? noqaMatch(onLine, f.ruleId) : undefined;
    const hitTask = onTask && onTask.tokens.length ? noqaMatch(onTask, f.ruleId) : undefined;
    const hit = hitLine ?? hitTask;
    if (hit !== undefined) f.suppressed = { by: 'inline', reason: hit ? `noqa ${hit}` : 'noqa' };
  }
  // A finding on one item of a literal loop says which.
  const vias = file.tasks.filter((t) => t.via).map((t) => [t.path, t.via!] as const);
  if (vias.length)
    for (const f of findings) {
      const v = vias.find(([p]) => f.path === p || f.path.startsWith(`${p}.`));
      if (v && !f.why) f.why = `Resolved through ${v[1]}`;
    }
  // A value that came through a variable of another file says where it is set (file:line, and the group).
  const withOrigins = file.tasks.filter((t) => t.origins);
  if (withOrigins.length)
    for (const f of findings) {
      const t = withOrigins.find((x) => f.path === x.path || f.path.startsWith(`${x.path}.`));
      if (!t) continue;
      const rest = f.path.slice(t.path.length + 1);
      const arg = t.module && rest.startsWith(`${t.module}.`) ? rest.slice(t.module.length + 1).split('.')[0]! : '';
      const from = t.origins!.get(arg) ?? (t.origins!.size === 1 ? [...t.origins!.values()][0] : undefined);
      if (!from) continue;
      f.message += `${/[.!?]$/.test(f.message) ? '' : '.'} The value comes through ${from.join(', then ')}.`;
      f.why = f.why ? `${f.why}; value through ${from.join(', then ')}` : `Value through ${from.join(', then ')}`;
    }
  // A role default the role's own tasks refuse to run with (`fail`/`assert` when the variable still equals it) is a
  // sentinel that says "set me", not a password anyone deploys.
  if (file.kind === 'vars' && /(?:^|\/)defaults\/main\.ya?ml$/.test(path) && related.size) {
    const tasks = [...related]
      .filter(([p, t]) => t !== undefined && /(?:^|\/)tasks\/main\.ya?ml$/.test(p))
      .map(([, t]) => t!)
      .filter((t) => /\b(?:fail|assert)\s*:/.test(t));
    if (tasks.length)
      for (let i = findings.length - 1; i >= 0; i--) {
        const f = findings[i]!;
        if (f.ruleId !== 'ANS-SECRET-007' || !f.secret || f.line !== f.endLine) continue;
        const name =
          f.path
            .slice(f.path.lastIndexOf(':') + 1)
            .split('.')
            .pop() ?? '';
        const value = (file.lines[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
        if (name && value && tasks.some((t) => refusesValue(t, name, value))) findings.splice(i, 1);
      }
  }
  // Molecule scenarios and the test playbooks of a role or collection exercise the role; they are not deployed.
  const test = TEST_PATH.exec(path);
  if (test)
    for (const f of findings)
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK.low) {
        f.message += ` Reported as low (was ${f.severity}): ${test[0].replace(/^\//, '')} holds test material.`;
        f.severity = 'low';
      }
  // Demo playbooks (a collection's or repository's examples/, demo/) show how to use the content; they are not what
  // is deployed. Shown, not blocking: reported at medium at most.
  const demo = test ? null : DEMO_PATH.exec(path);
  if (demo)
    for (const f of findings)
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK.medium) {
        f.message += ` Reported as medium (was ${f.severity}): ${demo[0].replace(/^\//, '')} holds demo material.`;
        f.severity = 'medium';
      }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId));
  return { matched: true, findings, errors };
}

/** Does a tasks file compare `name` with the literal `value` (`name == 'value'`, `'value' != name`)? */
function refusesValue(tasks: string, name: string, value: string): boolean {
  const v = value.replace(/^(["'])(.*)\1$/, '$2').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${n}\\s*(?:==|!=)\\s*(["'])${v}\\1|(["'])${v}\\2\\s*(?:==|!=)\\s*${n}\\b`).test(tasks);
}

/** Example and demo folders (`examples/`, `demo/`, `samples/`). */
const DEMO_PATH = /(?:^|\/)(?:examples?|demos?|samples?)\//;

/** The first line of a task (or play) as a related location: its first key, after the list dash. */
function taskLine(lines: readonly string[], line: number) {
  const text = lines[line - 1] ?? '';
  const col = (/^[\s-]*/.exec(text)?.[0].length ?? 0) + 1;
  return { line, column: col, endLine: line, endColumn: Math.max(col, text.trimEnd().length + 1), message: 'the task' };
}

/** Ansible rule family (rules are registered here one file each). */
export const family: IacFamily = {
  category: 'ansible',
  rules: rules.map((r) => r.meta),
  lint: (path, content, related, extra) =>
    lintAnsible(
      path,
      content,
      !extra?.rules.length
        ? rules
        : extra.only
          ? (extra.rules as readonly AnsibleRule[])
          : [...rules, ...(extra.rules as readonly AnsibleRule[])],
      related,
    ),
  related: relatedPaths,
  relatedIn: { dirs: relatedDirs, keep: isInventoryVars, names: ['group_vars/', 'host_vars/'] },
};
