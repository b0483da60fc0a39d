/**
 * The Ansible twin of per-environment parameter files: an `amazon.aws.cloudformation` task deploys a template of the
 * repository (`template:`, or `template_body: "{{ lookup('file', …) }}"`) with `template_parameters`. The template is
 * evaluated with those values (variables resolved as the Ansible rules resolve them: vars, vars_files, role vars and
 * defaults, inventories' group_vars/host_vars — one variant per group), and what only they open is reported at the
 * parameter's line in the task, naming the task (and the group, when an inventory value made the difference).
 */
import { isMap, isScalar, type Node } from 'yaml';
import { loadAnsible, type Task } from '../../parse/ansible.js';
import { relatedDirs, relatedPaths, Resolver, isInventoryVars } from '../../parse/ansible-resolve.js';
import type { GivenValue } from '../../parse/cloudformation.js';
import type { IacFinding, IacLintResult } from '../iac.js';
import { findingsOnlyWith, givenOf, place, type ParamEntry } from './environments.js';
import { parseTemplate } from '../../parse/cloudformation.js';
import { normaliseRepoPath } from '../../parse/repo-path.js';

type Lint = (content: string, given?: ReadonlyMap<string, GivenValue>) => IacLintResult;

const MODULE = /^(?:amazon\.aws\.|community\.aws\.)?cloudformation$/;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i + 1);
}

/** Where a playbook's `template:` (or a `lookup('file', …)`) may be, relative to the repository: beside the playbook,
 * in the role's `files/`, the role itself, the repository root. */
function whereIs(playbook: string, name: string): string[] {
  const dir = dirOf(playbook);
  const role = /^(.*?\/)?(?:tasks|handlers)\/[^/]+$/.exec(playbook);
  const base = role ? (role[1] ?? '') : undefined;
  const n = name.replace(/\{\{\s*role_path\s*\}\}\/?/, base ?? '').replace(/\{\{\s*playbook_dir\s*\}\}\/?/, dir);
  if (n.includes('{{') || n.startsWith('/')) return [];
  const out = [dir + n, dir + 'files/' + n, n];
  if (base !== undefined) out.unshift(base + 'files/' + n, base + n);
  return [...new Set(out.map(normaliseRepoPath).filter((p): p is string => Boolean(p)))];
}

/** Template names a playbook's stack tasks use, as written (cheap; no parse). */
function templateNames(content: string): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(/^\s*template:\s*["']?([^"'\n#]+?)["']?\s*(?:#.*)?$/gm)) out.push(m[1]!);
  for (const m of content.matchAll(/lookup\(\s*['"](?:file|template)['"]\s*,\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

/** Files a playbook with stack tasks needs: its templates, and what its variables come from. */
export function stackTaskRelated(path: string, content: string): string[] {
  const out = templateNames(content).flatMap((n) => whereIs(path, n));
  return [...new Set([...out, ...relatedPaths(path, content)])];
}

export const stackTaskRelatedIn = { dirs: relatedDirs, keep: isInventoryVars };

function templateOf(t: Task): string | undefined {
  const tpl = t.args.get('template')?.value;
  if (typeof tpl === 'string') return tpl;
  const body = t.args.get('template_body')?.value;
  const m = typeof body === 'string' ? /lookup\(\s*['"](?:file|template)['"]\s*,\s*['"]([^'"]+)['"]/.exec(body) : null;
  return m?.[1];
}

export function lintStackTasks(
  path: string,
  content: string,
  related: ReadonlyMap<string, string | undefined>,
  lint: Lint,
): IacLintResult {
  let loaded;
  try {
    loaded = loadAnsible(path, content);
  } catch {
    return { matched: false, findings: [], errors: [] };
  }
  const file = loaded.file;
  if (!loaded.matched || !file?.lc) return { matched: false, findings: [], errors: [] };
  const lc = file.lc;
  let tasks: Task[];
  try {
    tasks = new Resolver(file, related).tasks();
  } catch {
    tasks = file.tasks;
  }
  const findings: IacFinding[] = [];
  const seen = new Set<string>();
  for (const t of tasks) {
    if (!MODULE.test(t.module)) continue;
    const name = templateOf(t);
    const tplPath = name ? whereIs(path, name).find((p) => related.get(p) !== undefined) : undefined;
    const text = tplPath ? related.get(tplPath) : undefined;
    const params = t.args.get('template_parameters');
    if (!tplPath || text === undefined || !isMap(params?.node)) continue;
    const entries: ParamEntry[] = [];
    for (const p of (params.node as { items: Array<{ key: unknown; value: unknown }> }).items) {
      const key = p.key as Node & { range?: [number, number, number] };
      if (!isScalar(key) || !key.range) continue;
      const v = p.value;
      const value =
        isScalar(v) && v.value !== null && typeof v.value !== 'object' && !String(v.value).includes('{{')
          ? String(v.value)
          : undefined;
      const a = lc.linePos(key.range[0]);
      const b = lc.linePos(((v as Node | null)?.range ?? key.range)[1]);
      entries.push({ name: String(key.value), value, line: a.line, column: a.col, endLine: a.line, endColumn: b.col });
    }
    const tpl = parseTemplate(text).templates[0];
    if (!tpl || !entries.length) continue;
    const given = givenOf(tpl, entries);
    const label = t.name ? `task "${t.name}"` : `the task at line ${t.pos.line}`;
    const from = t.origins?.get('template_parameters');
    const via = (t.via ? ` (${t.via})` : '') + (from?.length ? ` (value through ${from.join(', then ')})` : '');
    for (const { finding: f, params: ps } of findingsOnlyWith(text, given, lint)) {
      const at = entries.filter((e) => ps.includes(e.name)).sort((a, b) => a.line - b.line)[0] ?? entries[0]!;
      const values = ps.map((n) => given.get(n)!.why);
      const named = values.length && !values.every((v) => f.message.includes(v)) ? ` (${values.join(', ')})` : '';
      const k = `${f.ruleId}\0${t.path}\0${f.path}\0${at.line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: `deployed by ${label}${via}${named}: ${f.message} — ${tplPath}:${f.line}`,
        path: `${t.path}#${tplPath}#${f.path}`,
        scope: t.scope,
        related: [{ file: tplPath, ...place(f), message: `where ${tplPath} uses the value` }],
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        ...(f.suppressed ? { suppressed: f.suppressed } : {}),
        ...(f.why ? { why: f.why } : {}),
      });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { matched: true, findings, errors: [] };
}
