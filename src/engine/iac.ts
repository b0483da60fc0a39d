/** CloudFormation and Ansible rules over a target's whole new text, their findings made and admitted. */
import type { Finding, Target } from '../types.js';
import type { ExtraRules, IacFamily, IacRuleMeta } from '../rules/iac.js';
import {
  looksLikeCloudFormation,
  looksLikeParameterFile,
  looksLikeStackTask,
  mappedTemplates,
} from '../rules/cloudformation/detect.js';
import { looksLikeAnsible } from '../rules/ansible/detect.js';
import { toSuppressed } from '../suppress/record.js';
import { makeFinding } from '../finding/index.js';
import { lineStarts, lineText, overlaps } from './lines.js';
import type { Emit } from './allows.js';
import type { EngineOptions, EngineOutput } from './index.js';

const families: Record<string, Promise<IacFamily> | undefined> = {};
let policyRunner: Promise<typeof import('../policies/run.js')> | undefined;
export function loadFamily(name: 'cloudformation' | 'ansible'): Promise<IacFamily> {
  families[name] ??=
    name === 'cloudformation'
      ? import('../rules/cloudformation/index.js').then((m) => m.family)
      : import('../rules/ansible/index.js').then((m) => m.family);
  return families[name];
}

/**
 * CloudFormation and Ansible rules over the whole new text. Returns the findings that flag a plaintext secret (the
 * engine keeps them over a secret rule's finding of the same value).
 */
export async function iacFindings(
  t: Target & { content: string },
  opts: EngineOptions,
  out: EngineOutput,
  emit: Emit,
): Promise<Finding[]> {
  const iacSecrets: Finding[] = [];
  const kinds: Array<'cloudformation' | 'ansible'> = [];
  if (looksLikeCloudFormation(t.path, t.content)) kinds.push('cloudformation');
  else if (looksLikeAnsible(t.path, t.content)) {
    kinds.push('ansible');
    // A play that deploys a template with parameters: the template is judged with them.
    if (looksLikeStackTask(t.content)) kinds.push('cloudformation');
  }
  // A parameter file: the family judges the template it belongs to with its values.
  else if (looksLikeParameterFile(t.path, t.content)) kinds.push('cloudformation');
  // Config parameterFiles: the templates this file deploys.
  const mapped = kinds.includes('cloudformation') ? mappedTemplates(t.path, opts.parameterFiles) : [];
  for (const kind of kinds) {
    const fam = await loadFamily(kind);
    let res;
    const related = new Map<string, string | undefined>();
    if (fam.related && opts.readRelated)
      for (const p of fam.related(t.path, t.content).slice(0, 16))
        related.set(p, await opts.readRelated(p, t.commit?.sha).catch(() => undefined));
    if (kind === 'cloudformation' && opts.readRelated)
      for (const p of mapped) related.set(p, await opts.readRelated(p, t.commit?.sha).catch(() => undefined));
    if (fam.relatedIn && opts.listRelated && opts.readRelated) {
      const found: string[] = [];
      const dirs = fam.relatedIn.dirs(t.path, t.content);
      if (dirs.length)
        for (const p of await opts.listRelated(dirs, t.commit?.sha, fam.relatedIn.names).catch(() => []))
          if (fam.relatedIn.keep(p) && !related.has(p) && p !== t.path) found.push(p);
      for (const p of [...new Set(found)].slice(0, 64))
        related.set(p, await opts.readRelated(p, t.commit?.sha).catch(() => undefined));
    }
    // The team's policies run as rules of the family (one parse, the family's suppressions and positions).
    let extra: IacRuleMeta[] = [];
    let extraRules: ExtraRules | undefined;
    if (opts.policies?.policies.length) {
      const run = await (policyRunner ??= import('../policies/run.js'));
      const rules =
        kind === 'cloudformation' ? run.cfnRules(opts.policies, t.path) : run.ansibleRules(opts.policies, t.path);
      if (rules.length) {
        extra = rules.map((r) => r.meta);
        extraRules = { rules };
      }
    }
    try {
      res = fam.lint(t.path, t.content, related, extraRules, {
        ...(opts.parameters ? { parameters: opts.parameters } : {}),
        ...(mapped.length ? { templates: mapped } : {}),
      });
    } catch (e) {
      out.errors.push({
        file: t.path,
        ...(t.commit ? { commit: t.commit.sha } : {}),
        message: `${kind} rules failed: ${(e as Error).message}`,
      });
      continue;
    }
    for (const err of res.errors)
      out.errors.push({
        file: t.path,
        ...(err.line ? { line: err.line } : {}),
        ...(t.commit ? { commit: t.commit.sha } : {}),
        message: err.message,
      });
    if (!res.findings.length) continue;
    const starts = lineStarts(t.content);
    const metas = new Map([...fam.rules, ...extra].map((r) => [r.id, r]));
    // Two identical tasks or resources in one file are two findings: the second and later occurrences of a rule at
    // the same logical path get an occurrence number, so fingerprints stay unique per location and stable when
    // lines move.
    const seen = new Map<string, number>();
    const ordered = [...res.findings].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const r of ordered) {
      const occKey = `${r.ruleId}\0${r.path}`;
      const occ = seen.get(occKey) ?? 0;
      seen.set(occKey, occ + 1);
      const where = occ ? [r.path, `#${occ}`] : [r.path];
      const meta = metas.get(r.ruleId);
      const raw = lineText(t.content, starts, Math.min(r.line - 1, starts.length - 1));
      const secretRange: Array<[number, number]> =
        r.secret && r.endLine === r.line ? [[r.column - 1, r.endColumn - 1]] : [];
      const f = makeFinding({
        ruleId: r.ruleId,
        category: meta?.category ?? fam.category,
        severity: r.severity,
        title: meta?.title ?? r.ruleId,
        message: r.message,
        remediation: meta?.remediation ?? '',
        file: t.path,
        line: r.line,
        column: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
        commit: t.commit,
        value: r.secret && secretRange.length ? raw.slice(secretRange[0]![0], secretRange[0]![1]) : undefined,
        identity: where,
        keyed: true,
        ...(r.secret ? { secret: true } : {}),
        why: r.why,
        snippet: { line: raw, masked: secretRange },
        blocking: overlaps(r.scope, t.changed),
        ...(meta?.owners?.length ? { owners: meta.owners } : {}),
        ...(r.related?.length ? { related: r.related } : {}),
      });
      if (r.suppressed) {
        out.suppressed.push(toSuppressed(f, r.suppressed.by, r.suppressed.reason));
        continue;
      }
      // Inline allow on (or above) the flagged line, or on (or above) the first line of its resource/task.
      const at = (n: number) => lineText(t.content, starts, Math.min(Math.max(n, 1) - 1, starts.length - 1));
      emit(f, [
        [r.line, raw, r.line > 1 ? at(r.line - 1) : undefined],
        [r.scope[0], at(r.scope[0]), r.scope[0] > 1 ? at(r.scope[0] - 1) : undefined],
      ]);
      if (r.secret) iacSecrets.push(f);
    }
  }
  if (kinds.includes('cloudformation') && opts.templateEnvironments) await environmentFindings(t, opts, out, emit);
  return iacSecrets;
}

/**
 * A changed template judged with its environments' parameter files, which a git mode does not otherwise see when
 * they did not change: they are listed and read from the index or the commit (src/scan/related.ts), and the findings
 * that appear only with a file's values are reported at the parameter's line in that file, naming the environment
 * (the same findings, with the same fingerprints, as when the parameter file itself is scanned). One blocks when the
 * template's lines that use the value changed. Only templates that declare parameters list anything.
 */
async function environmentFindings(
  t: Target & { content: string },
  opts: EngineOptions,
  out: EngineOutput,
  emit: Emit,
): Promise<void> {
  const fam = await loadFamily('cloudformation');
  const envs = fam.environments;
  if (!envs || !opts.listRelated || !opts.readRelated || !envs.wants(t.path, t.content)) return;
  let { dirs, names } = envs.dirs(t.path);
  // The config's parameterFiles globs that map files to this template: the folders they start in.
  const mappedDirs = (opts.parameterFiles ?? [])
    .filter(([, tpl]) => tpl === t.path)
    .map(([g]) => {
      const segs = g.split('/').slice(0, -1);
      const wild = segs.findIndex((s) => /[*?[{]/.test(s));
      return (wild === -1 ? segs : segs.slice(0, wild)).join('/');
    })
    .filter(Boolean);
  if (mappedDirs.length) {
    dirs = [...new Set([...dirs, ...mappedDirs])];
    names = [];
  }
  const listed = await opts.listRelated(dirs, t.commit?.sha, names.length ? names : undefined).catch(() => []);
  const params: Array<{ path: string; text: string; mapped: string[] }> = [];
  const mine = (x: string) => envs.keep(t.path, x) || mappedTemplates(x, opts.parameterFiles).includes(t.path);
  for (const p of [...new Set(listed)].filter(mine).slice(0, 32)) {
    const text = await opts.readRelated(p, t.commit?.sha).catch(() => undefined);
    if (text !== undefined && looksLikeParameterFile(p, text))
      params.push({ path: p, text, mapped: mappedTemplates(p, opts.parameterFiles) });
  }
  if (!params.length) return;
  const metas = new Map<string, IacRuleMeta>(fam.rules.map((r) => [r.id, r]));
  // The team's policies judge each environment too, in that parameter file's scope (a policy for prod sees prod's
  // values).
  let extraFor: ((p: string) => ExtraRules | undefined) | undefined;
  const bundle = opts.policies;
  if (bundle?.policies.length) {
    const run = await (policyRunner ??= import('../policies/run.js'));
    extraFor = (p) => {
      const rules = run.cfnRules(bundle, p);
      for (const r of rules) metas.set(r.meta.id, r.meta);
      return rules.length ? { rules } : undefined;
    };
  }
  const startsOf = new Map<string, number[]>();
  for (const { file, text, finding: r, templateScope } of envs.lint(t.path, t.content, params, extraFor)) {
    let starts = startsOf.get(file);
    if (!starts) startsOf.set(file, (starts = lineStarts(text)));
    const at = (n: number) => lineText(text, starts, Math.min(Math.max(n, 1) - 1, starts.length - 1));
    const raw = at(r.line);
    const meta = metas.get(r.ruleId);
    const f = makeFinding({
      ruleId: r.ruleId,
      category: meta?.category ?? fam.category,
      severity: r.severity,
      title: meta?.title ?? r.ruleId,
      message: r.message,
      remediation: meta?.remediation ?? '',
      file,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      commit: t.commit,
      value: undefined,
      identity: [r.path],
      keyed: true,
      why: r.why,
      snippet: { line: raw, masked: [] },
      blocking: overlaps(templateScope, t.changed),
      ...(meta?.owners?.length ? { owners: meta.owners } : {}),
      ...(r.related?.length ? { related: r.related } : {}),
    });
    if (r.suppressed) {
      out.suppressed.push(toSuppressed(f, r.suppressed.by, r.suppressed.reason));
      continue;
    }
    emit(f, [[r.line, raw, r.line > 1 ? at(r.line - 1) : undefined]]);
  }
}
