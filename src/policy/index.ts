/**
 * `hookguard policy`: gathers what the policy document shows — the config, the rules, ownership, the baseline, the
 * enforcement points set up in the repository, and the exceptions a full scan of the tree finds in effect — and
 * renders it (./render.ts). Reads files; never writes (the CLI does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SEVERITY_RANK, type RuleDoc } from '../types.js';
import { scan, iacRuleDocs, secretRuleDoc, loadRulesAndConfig } from '../scan/index.js';
import { loadOwnership } from '../scan/owners.js';
import { repoRoot } from '../git/repo.js';
import { DEFAULT_BASELINE } from '../suppress/baseline.js';
import { renderPolicy, type Enforcement, type Exception, type Family, type PolicyData } from './render.js';

export const DOCS_BASE = 'https://github.com/hookguard/hookguard/blob/main/docs/rules';

export interface PolicyOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  config?: string;
  baseline?: string;
  toolVersion: string;
}

const NO_REASON = /no reason given|without a reason/i;

function read(root: string, rel: string): string | undefined {
  try {
    return readFileSync(path.join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** Where the repository itself sets hookguard up (committed files only: a developer's .git/hooks is not policy). */
export function enforcementPoints(root: string): Enforcement[] {
  const found = (cands: Array<[string, RegExp]>) =>
    cands.filter(([rel, re]) => re.test(read(root, rel) ?? '')).map(([rel]) => rel);
  const lefthook = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml'];
  const workflows: string[] = [];
  const wfDir = path.join(root, '.github', 'workflows');
  if (existsSync(wfDir))
    for (const n of readdirSync(wfDir).sort())
      if (/\.ya?ml$/.test(n) && /hookguard/i.test(read(root, `.github/workflows/${n}`) ?? ''))
        workflows.push(`.github/workflows/${n}`);
  return [
    {
      where: 'pre-commit hook',
      what: 'staged changes: added lines for secrets; CloudFormation/Ansible resources and tasks the change touches',
      configuredIn: found([
        ['.husky/pre-commit', /hookguard/],
        ['.pre-commit-config.yaml', /id:\s*hookguard\s*$/m],
        ...lefthook.map((f) => [f, /hookguard scan --staged/] as [string, RegExp]),
      ]),
    },
    {
      where: 'pre-push hook',
      what: 'every commit being pushed (a secret added and removed again still blocks)',
      configuredIn: found([
        ['.husky/pre-push', /hookguard/],
        ['.pre-commit-config.yaml', /id:\s*hookguard-pre-push\b/],
        ...lefthook.map((f) => [f, /hookguard scan --pre-push/] as [string, RegExp]),
      ]),
    },
    {
      where: 'pull requests (GitHub Action)',
      what: 'every commit of the pull request: check run, inline comments on blocking findings, reviews requested from their owners',
      configuredIn: workflows,
    },
  ];
}

export async function buildPolicy(o: PolicyOptions): Promise<string> {
  const root = (await repoRoot(o.cwd, o.env)) ?? o.cwd;
  // A full scan of the tree: which inline allows and Metadata suppressions are in effect, and which match nothing.
  const outcome = await scan(
    { kind: 'paths', paths: [root] },
    {
      cwd: o.cwd,
      ...(o.env ? { env: o.env } : {}),
      ...(o.config ? { config: o.config } : {}),
      ...(o.baseline ? { baseline: o.baseline } : {}),
      failOn: 'none',
    },
  );
  const { config, result } = outcome;
  const { patterns, policies } = await loadRulesAndConfig(root, o.config, o.cwd);
  const docs: RuleDoc[] = [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))];
  const byLower = new Map(docs.map((d) => [d.id.toLowerCase(), d]));

  const families = new Map<string, Family>();
  for (const d of docs) {
    const f = families.get(d.category) ?? { category: d.category, total: 0, off: [], changed: [] };
    f.total++;
    families.set(d.category, f);
  }
  for (const [id, setting] of [...config.rules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const d = byLower.get(id);
    if (!d) continue;
    const f = families.get(d.category)!;
    if (setting === 'off') f.off.push(d.id);
    else if (setting !== d.severity) f.changed.push([d.id, `${d.severity} → ${setting}`]);
  }

  const own = await loadOwnership(root, config, false);

  const seen = new Set<string>();
  const inline: Exception[] = [];
  for (const s of result.suppressed) {
    if (s.by !== 'inline' && s.by !== 'metadata') continue;
    const what = `${s.file}:${s.line}`;
    const key = `${what}\0${s.ruleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inline.push({
      kind: s.by === 'inline' ? 'inline allow' : 'resource Metadata',
      what,
      ruleId: s.ruleId,
      ...(NO_REASON.test(s.reason) ? {} : { reason: s.reason }),
    });
  }

  let baseline: PolicyData['baseline'];
  const bfile = o.baseline
    ? path.resolve(o.cwd, o.baseline)
    : config.baseline
      ? path.resolve(root, config.baseline)
      : path.join(root, DEFAULT_BASELINE);
  if (existsSync(bfile)) {
    const raw = JSON.parse(readFileSync(bfile, 'utf8')) as {
      createdAt?: string;
      findings?: Array<{ ruleId?: string; date?: string; reason?: string }>;
    };
    baseline = {
      file: path.relative(root, bfile).split(path.sep).join('/'),
      entries: (raw.findings ?? []).map((e) => ({
        ruleId: String(e.ruleId ?? 'unknown'),
        ...(typeof e.date === 'string' ? { date: e.date.slice(0, 10) } : {}),
        ...(typeof e.reason === 'string' && e.reason.trim() ? { reason: e.reason } : {}),
      })),
      ...(typeof raw.createdAt === 'string' ? { createdAt: raw.createdAt } : {}),
      stale: result.staleBaseline.length,
    };
  }

  const unused = [...result.findings, ...result.existing]
    .filter((f) => f.ruleId === 'HG-UNUSED-001')
    .map((f) => ({ where: `${f.file}:${f.line}`, message: f.message }));

  // Config exceptions; a severity change counts only when it lowers the rule.
  const configExceptions: Exception[] = [];
  for (const e of config.exceptions ?? []) {
    if (e.kind === 'severity lowered') {
      const d = byLower.get(e.what.toLowerCase());
      if (!d || !e.severity || SEVERITY_RANK[e.severity] >= SEVERITY_RANK[d.severity]) continue;
      configExceptions.push({
        kind: e.kind,
        what: `${d.id}: ${d.severity} → ${e.severity}`,
        ...(e.reason ? { reason: e.reason } : {}),
      });
    } else configExceptions.push({ kind: e.kind, what: e.what, ...(e.reason ? { reason: e.reason } : {}) });
  }

  const data: PolicyData = {
    toolVersion: o.toolVersion,
    ...(config.file ? { configFile: path.relative(root, config.file).split(path.sep).join('/') } : {}),
    failOn: config.failOn ?? 'high',
    enforcement: enforcementPoints(root),
    families: [...families.values()],
    docsBase: DOCS_BASE,
    ...(own.ownership ? { owners: own.ownership } : {}),
    ...(config.escalation ? { escalation: config.escalation } : {}),
    inline,
    ...(baseline ? { baseline } : {}),
    config: configExceptions,
    unused,
  };
  // The team's own policies, as the standard they define (src/policies renders it).
  const standard = policies ? `\n${(await import('../policies/docs.js')).renderStandard(policies.policies)}` : '';
  return renderPolicy(data) + standard;
}
