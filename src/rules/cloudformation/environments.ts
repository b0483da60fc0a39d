/**
 * Templates judged per environment (cfn_nag's `--parameter-values-path`, made environment-aware): a parameter file
 * (`params/prod.json`, `parameters-prod.json`, `stack.prod.json`, as `[{ParameterKey, ParameterValue}]`,
 * `{"Parameters": {…}}` or `["Key=Value"]`) is mapped to the template whose parameters it sets, the template is
 * evaluated once with the file's values (conditions included), and the findings that appear only with those values
 * are reported at the parameter's line, naming the environment. Nested stacks (`TemplateURL` of a local file) are
 * judged the same way with the `Parameters` their parent gives them, and so is a `scan --parameters FILE`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import { SEVERITY_RANK } from '../../types.js';
import { parseTemplate, type CfnTemplate, type GivenValue } from '../../parse/cloudformation.js';
import { envRoleFromPath } from '../../env/roles.js';
import { ENV_WORDS } from '../../env/paths.js';
import type { IacFinding, IacLintResult } from '../iac.js';
import { looksLikeCloudFormation } from './detect.js';
import { normaliseRepoPath } from '../../parse/repo-path.js';

/** One parameter a file sets, with the place its value is written. */
export interface ParamEntry {
  name: string;
  /** Undefined: `UsePreviousValue` or a value that is not a scalar (not known here). */
  value: string | undefined;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

type Lint = (content: string, given?: ReadonlyMap<string, GivenValue>) => IacLintResult;

const PARAM_DIR =
  /^(?:params|parameters|parameter|param|cfn-params|cfn-parameters|stack-params|config|configs|env|envs|environments)$/i;
const TEMPLATE_EXT = ['yaml', 'yml', 'json', 'template'];

function pos(lc: LineCounter, n: Node | Scalar | undefined | null) {
  const r = (n as { range?: [number, number, number] } | undefined)?.range;
  if (!r) return undefined;
  const a = lc.linePos(r[0]);
  const b = lc.linePos(r[1]);
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * The parameters a file sets, or undefined when it is not a parameter file. Formats: the CLI's
 * `[{ParameterKey, ParameterValue}]` (also under `Parameters:`), CodePipeline's template configuration
 * `{"Parameters": {Key: Value}}`, and `aws cloudformation deploy --parameter-overrides` files `["Key=Value"]`.
 */
export function readParameterFile(text: string): ParamEntry[] | undefined {
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length) return undefined;
  let root = doc.contents as Node | null;
  if (isMap(root)) {
    if (root.items.some((p) => ['Resources', 'AWSTemplateFormatVersion'].includes(scalarText(p.key) ?? ''))) return;
    const p = root.items.find((q) => scalarText(q.key) === 'Parameters');
    root = (p?.value as Node | undefined) ?? null;
  }
  const out: ParamEntry[] = [];
  const entry = (name: string, value: string | undefined, at: Node | Scalar | null | undefined, key?: unknown) => {
    const vp = pos(lc, at ?? undefined);
    const kp = pos(lc, key as Scalar | undefined);
    const p = kp && vp && kp.line === vp.line ? { ...kp, endLine: vp.endLine, endColumn: vp.endColumn } : (vp ?? kp);
    if (p) out.push({ name, value, ...p });
  };
  if (isMap(root)) {
    for (const p of root.items) {
      const name = scalarText(p.key);
      if (name) entry(name, scalarText(p.value) ?? listText(p.value), p.value as Node, p.key);
    }
  } else if (isSeq(root)) {
    for (const it of root.items) {
      if (isMap(it)) {
        const k = it.items.find((q) => scalarText(q.key) === 'ParameterKey');
        const v = it.items.find((q) => scalarText(q.key) === 'ParameterValue');
        const name = scalarText(k?.value);
        if (!name) return undefined;
        entry(name, v ? (scalarText(v.value) ?? listText(v.value)) : undefined, (v?.value ?? k?.value) as Node, v?.key);
      } else {
        const s = scalarText(it);
        const m = s ? /^([A-Za-z0-9]+)=(.*)$/s.exec(s) : null;
        if (!m) return undefined;
        entry(m[1]!, m[2], it as Scalar);
      }
    }
  } else return undefined;
  return out.length ? out : undefined;
}

/** A list value (`ParameterValue: [a, b]`) as CloudFormation takes it: comma-separated. */
function listText(n: unknown): string | undefined {
  if (!isSeq(n)) return undefined;
  const parts = n.items.map(scalarText);
  return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** `stack.prod.json` → `stack`; `stack-parameters-prod.json` → `stack`; `prod.json` → ``. */
function stemOf(paramPath: string): string {
  const base = paramPath.slice(paramPath.lastIndexOf('/') + 1).replace(/\.(?:ya?ml|json)$/i, '');
  const parts = base.split(/[._-]/);
  const env = envRoleFromPath(paramPath)?.env;
  const drop = (w: string) =>
    /^(?:params?|parameters?|values|overrides|config|cfg)$/i.test(w) ||
    (env !== undefined && (w.toLowerCase() === env || envRoleFromPath(`${w}.json`)?.env === env));
  const kept = parts.filter((w) => !drop(w));
  return kept.length === parts.length ? '' : kept.join(base.includes('-') ? '-' : '.');
}

/** Template files a parameter file may belong to, by name (read through the scan's source). */
export function templateCandidates(paramPath: string): string[] {
  const dir = dirOf(paramPath);
  const dirs = [dir];
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  if (dir && (PARAM_DIR.test(last) || envRoleFromPath(`${last}/x.json`))) dirs.push(dirOf(dir));
  const stem = stemOf(paramPath);
  const out: string[] = [];
  for (const d of dirs) {
    if (stem) for (const e of TEMPLATE_EXT) out.push(join(d, `${stem}.${e}`));
    for (const e of TEMPLATE_EXT.slice(0, 3)) out.push(join(d, `template.${e}`));
  }
  return [...new Set(out)].filter((p) => p !== paramPath);
}

/** Folders whose templates a parameter file may belong to (listed by the scan): its own, or the one above a
 * `params/`-like folder. The repository's root is never listed whole. */
export function templateDirs(paramPath: string): string[] {
  const dir = dirOf(paramPath);
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  const up = dir && (PARAM_DIR.test(last) || envRoleFromPath(`${last}/x.json`)) ? dirOf(dir) : dir;
  return up ? [up] : [];
}

/** Listed files worth reading as a possible template (not another environment's parameter file). */
export function mayBeTemplate(p: string): boolean {
  if (!/\.(?:ya?ml|json|template|cfn)$/i.test(p)) return false;
  const dir = dirOf(p);
  if (PARAM_DIR.test(dir.slice(dir.lastIndexOf('/') + 1))) return false;
  return !/(?:^|[/._-])(?:params?|parameters?)(?:[._-]|\.[a-z]+$)/i.test(p.slice(p.lastIndexOf('/')));
}

/** The environment a parameter file is for: named by its path (src/env's reading), else its own name. */
export function environmentOf(paramPath: string): string {
  const env = envRoleFromPath(paramPath)?.env;
  if (env) return env;
  const base = paramPath.slice(paramPath.lastIndexOf('/') + 1).replace(/\.(?:ya?ml|json)$/i, '');
  return base.replace(/^(?:params?|parameters?)[._-]|[._-](?:params?|parameters?)$/i, '') || base;
}

const parsedCache = new Map<string, CfnTemplate[]>();
function templatesOf(text: string): CfnTemplate[] {
  let t = parsedCache.get(text);
  if (!t) {
    if (parsedCache.size > 32) parsedCache.clear();
    t = parseTemplate(text).templates;
    parsedCache.set(text, t);
  }
  return t;
}

/**
 * The templates a parameter file belongs to: those among `related` that declare every parameter it sets (a deploy
 * with an undeclared parameter fails); templates named after the file are preferred to others of the folder.
 */
export function templatesFor(
  paramPath: string,
  entries: readonly ParamEntry[],
  related: ReadonlyMap<string, string | undefined>,
  mapped: readonly string[] = [],
): Array<{ path: string; text: string }> {
  // The config's mapping decides alone.
  if (mapped.length)
    return mapped.flatMap((p) => {
      const text = related.get(p);
      return text !== undefined && looksLikeCloudFormation(p, text) ? [{ path: p, text }] : [];
    });
  const named = new Set(templateCandidates(paramPath));
  const fits: Array<{ path: string; text: string; named: boolean }> = [];
  for (const [p, text] of related) {
    if (text === undefined || p === paramPath || !looksLikeCloudFormation(p, text)) continue;
    const ts = templatesOf(text);
    if (ts.length !== 1) continue;
    if (!entries.every((e) => ts[0]!.parameters.has(e.name))) continue;
    fits.push({ path: p, text, named: named.has(p) });
  }
  const byName = fits.filter((f) => f.named);
  return (byName.length ? byName : fits).slice(0, 3).map(({ path, text }) => ({ path, text }));
}

/** A value as a message may show it: NoEcho parameters never, long values cut. */
function shown(t: CfnTemplate, name: string, value: string | undefined): string {
  if (value === undefined) return `${name} (unknown)`;
  if (t.parameters.get(name)?.noEcho) return `${name} (NoEcho)`;
  return `${name} = ${value.length > 60 ? `${value.slice(0, 57)}…` : value || '""'}`;
}

export interface EnvFinding extends IacFinding {
  /** The template the finding is in, and where. */
  template: string;
  templateLine: number;
}

/**
 * The findings of `templateText` that appear (or rise in severity) only with `given` values, each attributed to the
 * parameters that cause it: those its message names, else those its resource (or a condition it depends on) refers
 * to. Credential findings and those caused by NoEcho parameters are left out: the parameter file's own checks report
 * its secrets, masked.
 */
export function findingsOnlyWith(
  templateText: string,
  given: ReadonlyMap<string, GivenValue>,
  lint: Lint,
): Array<{ finding: IacFinding; params: string[] }> {
  const base = lint(templateText);
  const before = new Map(base.findings.map((f) => [`${f.ruleId}\0${f.path}\0${f.line}\0${f.column}`, f]));
  const after = lint(templateText, given);
  const t = parseTemplate(templateText, given).templates[0];
  if (!t) return [];
  const out: Array<{ finding: IacFinding; params: string[] }> = [];
  for (const f of after.findings) {
    // Credentials: the parameter file's own checks (ENV-005, the secret rules) report them, masked; a finding here
    // would show the line that holds the value.
    if (f.secret || f.ruleId.startsWith('CFN-CRED-')) continue;
    const old = before.get(`${f.ruleId}\0${f.path}\0${f.line}\0${f.column}`);
    if (old && SEVERITY_RANK[old.severity] >= SEVERITY_RANK[f.severity]) continue;
    const params = causes(t, f, given);
    if (params.some((n) => t.parameters.get(n)?.noEcho)) continue;
    out.push({ finding: f, params });
  }
  return out;
}

function causes(t: CfnTemplate, f: IacFinding, given: ReadonlyMap<string, GivenValue>): string[] {
  const text = `${f.message} ${f.why ?? ''}`;
  const named = [...given].filter(([, g]) => text.includes(g.why)).map(([n]) => n);
  if (named.length) return named;
  const id = /^Resources\.([^.[]+)/.exec(f.path)?.[1];
  const r = id ? t.resource(id) : undefined;
  if (!r) return [];
  const refs = t.references(r.node);
  const conds = new Set<string>();
  const c = t.get(r.node, 'Condition');
  if (isScalar(c) && typeof c.value === 'string') conds.add(c.value);
  for (const m of JSON.stringify(r.node.toJSON() ?? null).matchAll(/"(?:Fn::If|!If)"\s*:\s*\[\s*"([^"]+)"/g))
    conds.add(m[1]!);
  for (const name of conds) t.references(t.conditions.get(name), refs);
  return [...given.keys()].filter((n) => refs.has(n));
}

/** Given values from a parameter file's entries (the why names the value, as messages show it). */
export function givenOf(t: CfnTemplate | undefined, entries: readonly ParamEntry[]): Map<string, GivenValue> {
  const given = new Map<string, GivenValue>();
  for (const e of entries)
    given.set(e.name, { value: e.value, why: t ? shown(t, e.name, e.value) : `${e.name} = ${e.value ?? '?'}` });
  return given;
}

/** A parameter file's own findings: its environment's values evaluated in the templates it belongs to. */
export function lintParameterFile(
  paramPath: string,
  text: string,
  related: ReadonlyMap<string, string | undefined>,
  lint: Lint,
  mapped: readonly string[] = [],
): IacLintResult {
  const found = paramFileFindings(paramPath, text, related, lint, mapped);
  if (!found) return { matched: false, findings: [], errors: [] };
  return { matched: true, findings: found.map((x) => x.finding), errors: [] };
}

/**
 * lintParameterFile's findings, each with the template it is in and the scope there of the resource that uses the
 * value (what a git mode compares with the template's changed lines); undefined when `text` is not a parameter file.
 */
export function paramFileFindings(
  paramPath: string,
  text: string,
  related: ReadonlyMap<string, string | undefined>,
  lint: Lint,
  mapped: readonly string[] = [],
): Array<{ finding: IacFinding; template: string; templateScope: [number, number] }> | undefined {
  const entries = readParameterFile(text);
  if (!entries) return undefined;
  const env = environmentOf(paramPath);
  const findings: Array<{ finding: IacFinding; template: string; templateScope: [number, number] }> = [];
  for (const tpl of templatesFor(paramPath, entries, related, mapped)) {
    const t = templatesOf(tpl.text)[0];
    const given = givenOf(t, entries);
    for (const { finding: f, params } of findingsOnlyWith(tpl.text, given, lint)) {
      const at = entries.filter((e) => params.includes(e.name)).sort((a, b) => a.line - b.line)[0] ?? entries[0]!;
      const values = params.length ? params.map((n) => given.get(n)!.why) : [];
      const named = values.length && !values.every((v) => f.message.includes(v)) ? ` (${values.join(', ')})` : '';
      const finding: IacFinding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: `in ${env}${named}: ${f.message} — ${tpl.path}:${f.line}`,
        path: `${tpl.path}#${f.path}`,
        scope: [at.line, at.endLine],
        related: [{ file: tpl.path, ...place(f), message: `where ${tpl.path} uses the value` }],
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        ...(f.suppressed ? { suppressed: f.suppressed } : {}),
        ...(f.why ? { why: f.why } : {}),
      };
      findings.push({ finding, template: tpl.path, templateScope: f.scope });
    }
  }
  const kept = new Set(dedupe(findings.map((x) => x.finding)));
  return findings.filter((x) => kept.has(x.finding));
}

/** Folder names that hold a template's parameter files (`params/prod.json` beside `stack.yaml`). */
const PARAM_DIR_NAMES = [
  'params',
  'parameters',
  'parameter',
  'param',
  'cfn-params',
  'cfn-parameters',
  'stack-params',
  'environments',
  'envs',
];

/**
 * Words one of which every path mayBeParameterFileOf takes holds (in lower case): a params-like folder or name, an
 * environment word, or a word stemOf drops. A hook's index that holds none of them has no parameter file to list
 * (read byte for byte: a parameter file named only in capitals, `PROD.json`, is not looked for).
 */
const PARAM_PATH_WORDS = ['param', 'env', 'values', 'overrides', 'config', 'cfg', ...Object.keys(ENV_WORDS)];

/**
 * Folders a git mode lists for a changed template's parameter files: its own folder (listed recursively, its
 * params/ folders with it) or, for a template at the root (never listed whole), the params-like folders there; and
 * the words the index must hold for any parameter file to exist.
 */
export function parameterDirs(templatePath: string): { dirs: string[]; names: string[] } {
  const dir = dirOf(templatePath);
  return { dirs: dir ? [dir] : PARAM_DIR_NAMES, names: PARAM_PATH_WORDS };
}

/** A listed path that may be a parameter file of `templatePath`: one whose templates are looked for in its folder. */
export function mayBeParameterFileOf(templatePath: string, p: string): boolean {
  if (p === templatePath || !/\.(?:json|ya?ml)$/i.test(p)) return false;
  if (templateCandidates(p).includes(templatePath)) return true;
  const dir = dirOf(p);
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  // Beside the template, only files named as parameter files or for an environment (not other templates).
  if (dir === dirOf(templatePath))
    return (
      /(?:^|[._-])(?:params?|parameters?)(?:[._-]|$)/i.test(p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')) ||
      envRoleFromPath(p) !== undefined
    );
  return PARAM_DIR.test(last) && dirOf(dir) === dirOf(templatePath);
}

/** A finding's own position (for a related location in another file). */
export function place(f: IacFinding) {
  return { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

function dedupe(fs: IacFinding[]): IacFinding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.ruleId}\0${f.path}\0${f.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Local files a template's nested stacks name (`TemplateURL: ./network.yaml`, as `aws cloudformation package`
 * takes them), relative to the repository root. */
export function nestedTemplatePaths(templatePath: string, content: string): string[] {
  if (!content.includes('TemplateURL')) return [];
  const out: string[] = [];
  for (const m of content.matchAll(/["']?TemplateURL["']?\s*:\s*["']?([^"'\s,}]+)/g)) {
    const url = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:|^!|^\{|\$\{/i.test(url)) continue;
    const p = normaliseRepoPath(join(dirOf(templatePath), url));
    if (p) out.push(p);
  }
  return [...new Set(out)].slice(0, 8);
}

/**
 * Findings of nested stacks that appear only with the `Parameters` their parent gives them, reported at the
 * parent's parameter entry (or its `TemplateURL`), naming the stack.
 */
export function nestedStackFindings(
  templatePath: string,
  t: CfnTemplate,
  related: ReadonlyMap<string, string | undefined>,
  lint: Lint,
): IacFinding[] {
  const out: IacFinding[] = [];
  for (const r of t.resources) {
    if (r.type !== 'AWS::CloudFormation::Stack') continue;
    const urlNode = t.propOf(r, 'TemplateURL');
    const url = isScalar(urlNode) && typeof urlNode.value === 'string' ? urlNode.value : undefined;
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    const child = normaliseRepoPath(join(dirOf(templatePath), url));
    const text = child ? related.get(child) : undefined;
    if (!child || text === undefined) continue;
    const ct = templatesOf(text)[0];
    if (!ct) continue;
    const params = t.propOf(r, 'Parameters');
    const given = new Map<string, GivenValue>();
    const keyLines = new Map<string, Node>();
    for (const e of t.entries(params)) {
      const v = t.single(e.value);
      const value = v && typeof v.value !== 'symbol' && v.value !== null ? String(v.value) : undefined;
      given.set(e.key, { value, why: shown(ct, e.key, value) });
      keyLines.set(e.key, e.keyNode);
    }
    if (!given.size) continue;
    for (const { finding: f, params: ps } of findingsOnlyWith(text, given, lint)) {
      const key = ps.map((n) => keyLines.get(n)).find(Boolean) ?? urlNode;
      const p = t.pos(key) ?? t.pos(r.keyNode);
      if (!p) continue;
      const values = ps.map((n) => given.get(n)!.why);
      const named = values.length && !values.every((v) => f.message.includes(v)) ? ` (${values.join(', ')})` : '';
      out.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: `in nested stack ${r.id}${named}: ${f.message} — ${child}:${f.line}`,
        path: `${r.path}#${child}#${f.path}`,
        scope: r.scope,
        related: [{ file: child, ...place(f), message: `where ${child} uses the value` }],
        ...p,
        ...(f.suppressed ? { suppressed: f.suppressed } : {}),
        ...(f.why ? { why: f.why } : {}),
      });
    }
  }
  return dedupe(out);
}
