/**
 * scan(request, options) → result: the one entry both edges (CLI, Action) call. It picks the source, loads rules
 * and config, runs the engine over every target, applies the baseline and decides what blocks.
 */
import { secretRuleDocText } from '../rules/secrets/docs.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  UsageError,
  type FailOn,
  type FileError,
  type Finding,
  type RuleDoc,
  type ScanRequest,
  type ScanResult,
} from '../types.js';
import { compileRuleSet, loadBuiltinPatterns, type RuleSet } from '../rules/secrets/load.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import { CONFIG_NAMES, emptyConfig, findConfig, loadConfig, type Config } from '../config/load.js';
import { examine, loadFamily, type EngineOptions } from '../engine/index.js';
import { DEFAULT_BASELINE, parseBaseline, type BaselineEntry } from '../suppress/baseline.js';
import { isBareRepo, repoRoot } from '../git/repo.js';
import type { Prestarted } from '../git/prestart.js';
import { readAtRevs } from '../git/sources.js';
import { assignOwners } from '../owners/index.js';
import { loadOwnership } from './owners.js';
import { relatedLister, relatedReader } from './related.js';
import { ruleIdTest, wantsIac } from './wants.js';
import type { Extras } from './extras.js';
import type { ParityTable } from '../env/compare.js';
import type { PolicyBundle } from '../policies/types.js';
import { Examiner, type Progress } from './examine.js';
import { runSource } from './sources.js';
import { LIMITS } from './limits.js';
// Static: the hooks read your own credentials on every run (small modules, no dependencies).
import { readOwnCredentials, type OwnCredential } from '../own/credentials.js';
import type { ProvidersOutput } from '../own/providers.js';
import { OwnMatcher } from '../own/match.js';
import { OWN_ID } from '../rules/hookguard/own.js';
import {
  applyBaseline,
  bySeverity,
  decideExit,
  dedupe,
  judgedAtTips,
  keepAtPushedTips,
  sortFindings,
  staleEntries,
  withSnapshotFindings,
} from './merge.js';
import { profileFilter } from './profiles.js';

export interface ScanOptions {
  cwd: string;
  /** The environment git runs in (GIT_DIR and friends change how the repository is found). */
  env?: NodeJS.ProcessEnv;
  config?: string;
  baseline?: string;
  /** Texts of the config, baseline and team policy files by path from the root, as tracked (the index): read instead
   * of the disk when no file is named (`hookguard policy` describes what is committed; an untracked config or policy
   * file is not the policy). */
  tracked?: ReadonlyMap<string, string>;
  /** Do not apply any baseline (used when writing one). */
  noBaseline?: boolean;
  failOn?: FailOn;
  onProgress?: (p: Progress) => void;
  /** Called at each phase boundary (DEBUG=hookguard:* prints timings). */
  onPhase?: (phase: string) => void;
  /** A `git diff --cached` started early by bin/hookguard.cjs (used for staged scans, stopped otherwise). */
  prestarted?: Prestarted;
  /** Report the candidates secret rules set aside, and why (`scan --verbose`). */
  verbose?: boolean;
  /**
   * Worker threads for commit and directory scans: 0 or 1 scan on the main thread; unset = HOOKGUARD_WORKERS from
   * `env`, else one per core when the work is large enough (src/scan/parallel.ts).
   */
  workers?: number;
  /** `--profile NAME`, `--profile-path FILE`, `--deny-list-path FILE` (src/scan/profiles.ts). */
  profile?: string | undefined;
  profilePath?: string | undefined;
  denyListPath?: string | undefined;
  /** `--parameters FILE`: CloudFormation templates are evaluated with this parameter file's values. */
  parameters?: string | undefined;
}

export interface ScanOutcome {
  result: ScanResult;
  failOn: FailOn;
  root: string;
  exitCode: 0 | 1;
  config: Config;
  /** The environment parity table, when the scan compared environments. */
  parity?: { table: ParityTable; errors: FileError[] };
}

export { wantsIac, LIMITS, type Progress };

/** Worker threads asked for: the option, else HOOKGUARD_WORKERS (a whole number; 0 or 1 = none). */
function requestedWorkers(opts: ScanOptions): number | undefined {
  if (opts.workers !== undefined) return opts.workers;
  const v = opts.env?.HOOKGUARD_WORKERS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`HOOKGUARD_WORKERS must be a whole number (0 or 1: no worker threads), got "${v}"`);
  return n;
}

type IgnoreFactory = () => import('ignore').Ignore;
async function loadIgnore(): Promise<IgnoreFactory> {
  const m = (await import('ignore')) as unknown as { default?: IgnoreFactory } & IgnoreFactory;
  return m.default ?? m;
}

export async function requireRepo(cwd: string, what: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const root = await repoRoot(cwd, env);
  if (!root) {
    if (await isBareRepo(cwd)) throw new UsageError(`${what} needs a work tree; ${cwd} is a bare repository`);
    throw new UsageError(`${what} needs a git repository, and ${cwd} is not inside one`);
  }
  return root;
}

/** All IaC rule docs (loads the families, and with them the YAML parser), and the team's policies when given. */
export async function iacRuleDocs(policies?: PolicyBundle): Promise<RuleDoc[]> {
  const fams = await Promise.all([loadFamily('cloudformation'), loadFamily('ansible')]);
  const iac = fams.flatMap((f) =>
    f.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      docs: r.docs,
      remediation: r.remediation,
    })),
  );
  const { hookguardRuleDocs } = await import('../rules/hookguard/index.js');
  const own: RuleDoc[] = [];
  if (policies?.policies.length) {
    const { policyMeta } = await import('../policies/index.js');
    for (const p of policies.policies) {
      const m = policyMeta(p);
      own.push({
        id: m.id,
        title: m.title,
        severity: m.severity,
        category: 'policy',
        docs: m.docs,
        remediation: m.remediation,
      });
    }
  }
  return [...iac, ...(await import('./extras.js')).envRuleDocs(), ...hookguardRuleDocs(), ...own];
}

export function secretRuleDoc(p: SecretPattern): RuleDoc {
  return {
    id: p.id,
    title: p.title,
    severity: p.severity,
    category: 'secret',
    docs: secretRuleDocText(p),
    remediation: p.remediation,
  };
}

export interface LoadedRules {
  patterns: SecretPattern[];
  set: RuleSet;
  config: Config;
  /** The team's policies (validated, examples run), when there are any. */
  policies?: PolicyBundle;
}

/** Does the repository have policies to load (so src/policies is imported)? One stat on a plain commit. */
function mayHavePolicies(root: string, config: Config, tracked?: ReadonlyMap<string, string>): boolean {
  if (config.inlinePolicies === true || config.policyPaths !== undefined) return true;
  return tracked ? [...tracked.keys()].some((k) => k.startsWith('policies/')) : existsSync(path.join(root, 'policies'));
}

/** The team's policies (src/policies, imported only when there may be some). */
export async function loadTeamPolicies(
  root: string,
  config: Config,
  secretIds: Iterable<string>,
  env?: NodeJS.ProcessEnv,
  tracked?: ReadonlyMap<string, string>,
): Promise<PolicyBundle | undefined> {
  if (!mayHavePolicies(root, config, tracked)) return undefined;
  const { loadPolicies } = await import('../policies/index.js');
  const rel = config.file ? path.relative(root, config.file).split(path.sep).join('/') : undefined;
  const r = await loadPolicies({
    root,
    paths: config.policyPaths,
    ...(tracked ? { tracked } : {}),
    ...(config.inlinePolicies && config.file && rel
      ? { inline: { file: rel, text: tracked?.get(rel) ?? readFileSync(config.file, 'utf8') } }
      : {}),
    knownIds: new Set([...secretIds].map((i) => i.toLowerCase())),
    ...(config.environments ? { envGlobs: [...config.environments.envs].map(([k, v]) => [k, [...v]]) } : {}),
    env: env ?? process.env,
    families: async () => ({
      cloudformation: await loadFamily('cloudformation'),
      ansible: await loadFamily('ansible'),
    }),
  });
  if (r.error) throw new UsageError(r.error);
  return r.bundle;
}

/**
 * Policy ids written in the policy files and the config (so `rules:` and `owners:` may name them): the files
 * `policyPaths:` names in this config text (default `policies/`), read before the config is validated.
 */
async function policyIdsIn(root: string, configText: string, tracked?: ReadonlyMap<string, string>): Promise<string[]> {
  const texts = [configText];
  let paths: string[] | undefined;
  if (/^policyPaths\s*:/m.test(configText)) {
    try {
      const v: unknown = ((await import('yaml')).parse(configText) as Record<string, unknown> | null)?.policyPaths;
      paths = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    } catch {
      /* a config that does not parse is reported by loadConfig */
    }
  }
  const { policyFiles } = await import('../policies/load.js');
  for (const f of policyFiles(root, paths, tracked && [...tracked.keys()]))
    try {
      texts.push(tracked?.get(f) ?? readFileSync(path.join(root, f), 'utf8'));
    } catch {
      /* unreadable: reported when the policies load */
    }
  return texts.flatMap((t) =>
    [...t.matchAll(/^\s*-?\s*id:\s*['"]?([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)/gm)].map((m) => m[1]!),
  );
}

/** Built-in patterns plus the config (explicit file, or .hookguard.yaml at the root). */
export async function loadRulesAndConfig(
  root: string,
  configFile: string | undefined,
  cwd: string,
  tracked?: ReadonlyMap<string, string>,
): Promise<LoadedRules> {
  const builtin = await loadBuiltinPatterns();
  let config = emptyConfig();
  const trackedName = !configFile && tracked ? CONFIG_NAMES.find((n) => tracked.has(n)) : undefined;
  const file = configFile
    ? path.resolve(cwd, configFile)
    : tracked
      ? trackedName && path.join(root, trackedName)
      : findConfig(root);
  if (configFile && !existsSync(file!)) throw new UsageError(`config file ${configFile} does not exist`);
  if (file) {
    const builtinIds = new Set(builtin.map((p) => p.id));
    let iacIds: Set<string> | undefined;
    const categories = new Set<string>(['secret']);
    const text = trackedName ? tracked!.get(trackedName)! : readFileSync(file, 'utf8');
    // Rule ids of IaC families are only needed (and their modules only loaded) when the config names rules.
    if (/^\s*(?:rules|deny)\s*:/m.test(text)) {
      const docs = await iacRuleDocs();
      iacIds = new Set(docs.map((d) => d.id.toLowerCase()));
      for (const d of docs) categories.add(d.category);
    }
    const known = new Set([...builtinIds, ...(iacIds ?? [])]);
    if (iacIds) {
      for (const id of await policyIdsIn(root, text, tracked)) known.add(id.toLowerCase());
      categories.add('policy');
    }
    config = await loadConfig(file, known, path.relative(cwd, file) || file, categories, text);
  }
  const patterns = [...builtin, ...config.patterns];
  const policies = await loadTeamPolicies(
    root,
    config,
    patterns.map((p) => p.id),
    undefined,
    tracked,
  );
  return { patterns, set: compileRuleSet(patterns), config, ...(policies ? { policies } : {}) };
}

/** The null device turns the baseline off (`--baseline /dev/null`, as with other tools). */
export function isNullDevice(p: string): boolean {
  return p === '/dev/null' || p.toLowerCase() === 'nul' || p === '\\\\.\\nul';
}

/**
 * Where the baseline is: `--baseline FILE` (relative to the working directory), else `baseline:` of the config
 * (relative to the repository root), else `.hookguard-baseline.json` at the root. Undefined when turned off.
 */
export function baselinePath(
  root: string,
  cwd: string,
  flag: string | undefined,
  fromConfig: string | undefined,
): { file: string; display: string; explicit: boolean; fromConfig: boolean } | undefined {
  const explicit = flag ?? fromConfig;
  if (explicit !== undefined && isNullDevice(explicit)) return undefined;
  const file = explicit ? path.resolve(explicit === flag ? cwd : root, explicit) : path.join(root, DEFAULT_BASELINE);
  const rel = path.relative(cwd, file);
  const display = !rel ? file : rel.startsWith('..') ? file : rel;
  return {
    file,
    display,
    explicit: explicit !== undefined,
    fromConfig: flag === undefined && fromConfig !== undefined,
  };
}

export async function scan(request: ScanRequest, opts: ScanOptions): Promise<ScanOutcome> {
  try {
    return await scanInner(request, opts);
  } finally {
    // An early-started diff that was not consumed (a config error, another mode) must not outlive the scan.
    if (opts.prestarted && !opts.prestarted.used) opts.prestarted.child?.kill();
  }
}

/** The scan as stages: set up, run the mode's source through the examiner, merge, baseline, owners, exit code. */
async function scanInner(request: ScanRequest, opts: ScanOptions): Promise<ScanOutcome> {
  const t0 = Date.now();
  const { root, inRepo } = await findRoot(request, opts);
  opts.onPhase?.('repository found');
  let loaded = await loadRulesAndConfig(root, opts.config, opts.cwd, opts.tracked);
  opts.onPhase?.('rules and config loaded');
  const { config } = loaded;
  // Providers run once per scan; their patterns join the rules, their values the own-credential matcher.
  const provided = config.providers?.length ? await providersOutput(config, root, opts) : undefined;
  if (provided?.patterns.length) {
    const patterns = [...loaded.patterns, ...provided.patterns];
    loaded = { ...loaded, patterns, set: compileRuleSet(patterns) };
  }
  const failOn: FailOn = opts.failOn ?? config.failOn ?? 'high';
  const baseline = opts.noBaseline ? undefined : readBaseline(root, opts, config);
  const workersAsked = requestedWorkers(opts);
  const engine = engineOptions(request, root, loaded, opts.verbose === true);
  if (opts.parameters) engine.parameters = await readParameters(opts.parameters, opts.cwd, root);
  const own = ownMatcher(request, config, opts, provided?.values ?? []);
  if (own) {
    engine.own = own;
    opts.onPhase?.(`own credentials read (${own.size} forms)`);
  }
  // `ignore` is loaded only when there is something to ignore (or a directory to walk): not on a plain commit.
  const ig = config.ignore.length || request.kind === 'paths' ? (await loadIgnore())().add(config.ignore) : undefined;
  const isIgnored = (p: string) => ig !== undefined && config.ignore.length > 0 && ig.ignores(p);

  // Examine: the mode's source writes its targets to the examiner.
  const ex = new Examiner(
    {
      root,
      kind: request.kind,
      engine,
      patterns: loaded.patterns,
      config,
      workersAsked,
      verbose: opts.verbose === true,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onPhase ? { onPhase: opts.onPhase } : {}),
    },
    isIgnored,
  );
  // A provider that failed is said once, with the scan's other problems; it blocks nothing by itself.
  const cfgName = config.file ? path.relative(root, config.file).split(path.sep).join('/') : '.hookguard.yaml';
  for (const message of provided?.problems ?? []) ex.out.errors.push({ file: cfgName, message });
  const { pushedTips } = await runSource(request, ex, {
    root,
    cwd: opts.cwd,
    ignore: ig,
    prestarted: opts.prestarted,
    inRepo,
    ...(opts.env ? { env: opts.env } : {}),
  });
  opts.onPhase?.('sources scanned');
  const { out } = ex;

  // Merge: the pushed tips decide a push's IaC findings; the snapshot checks add theirs.
  let findings = out.findings;
  if (pushedTips.length)
    findings = keepAtPushedTips(findings, await iacAtTips(root, pushedTips, judgedAtTips(findings), engine));
  const snapshot = await ex.snapshot.finish();
  if (snapshot) {
    findings = withSnapshotFindings(findings, snapshot.findings);
    out.suppressed.push(...snapshot.suppressed);
    out.errors.push(...snapshot.errors);
    opts.onPhase?.('environments and at-rest checked');
  }
  await nameSecretStores(request, root, findings, ex.snapshot.now, storable(loaded.patterns));

  // Profiles: only the rules a file's profile names apply to it (nothing to do without one).
  const inProfile = profileFilter(config, opts);
  if (inProfile) findings = findings.filter(inProfile);

  // Baseline, then de-duplication; a full scan reports the entries that matched nothing (HG-UNUSED-001).
  const base = applyBaseline(findings, baseline?.entries, (file) => !existsSync(path.join(root, file)));
  out.suppressed.push(...base.suppressed);
  const merged = dedupe(base.kept, out.suppressed, out.commitSeq);
  const staleBaseline = staleEntries(
    fullScanKind(request, root, opts.cwd),
    baseline?.entries,
    base.matched,
    new Set(out.suppressed.filter((s) => s.by !== 'baseline').map((s) => s.fingerprint)),
  );
  if (staleBaseline.length && baseline) {
    const { unusedBaselineFindings } = await import('../suppress/unused-baseline.js');
    for (const f of unusedBaselineFindings(baseline.rel, baseline.text, staleBaseline, baseline.entries, config.rules))
      merged.set(f.fingerprint, f);
  }
  const all = sortFindings(merged.values());
  const ownersFrom = await ownersStage(root, config, request, opts.env, all, out.errors);

  const blocking = all.filter((f) => f.blocking);
  const result: ScanResult = {
    findings: blocking,
    existing: all.filter((f) => !f.blocking),
    suppressed: out.suppressed,
    errors: out.errors,
    staleBaseline,
    summary: {
      files: out.progress.files,
      bytes: out.progress.bytes,
      ...(request.kind === 'paths' ||
      request.kind === 'staged' ||
      request.kind === 'commit-msg' ||
      request.kind === 'stdin'
        ? {}
        : { commits: out.progress.commitsDone }),
      skipped: out.skipped,
      ...(out.generated.size ? { generated: out.generated.size } : {}),
      durationMs: Date.now() - t0,
      bySeverity: bySeverity(blocking),
    },
    ...(opts.verbose ? { dropped: out.dropped } : {}),
    ...(ownersFrom ? { ownersFrom } : {}),
    ...(config.escalation ? { escalation: config.escalation } : {}),
  };
  const exitCode = decideExit(request.kind, blocking, out.errors, failOn);
  return { result, failOn, root, exitCode, config, ...(snapshot?.parity ? { parity: snapshot.parity } : {}) };
}

/** Which whole the scan saw: every file of the tree (no paths, or the root itself), every commit, or neither. */
function fullScanKind(request: ScanRequest, root: string, cwd: string): 'files' | 'history' | undefined {
  if (request.kind === 'history') return request.since ? undefined : 'history';
  if (request.kind !== 'paths') return undefined;
  const whole = !request.paths.length || request.paths.some((p) => path.resolve(cwd, p) === root);
  return whole ? 'files' : undefined;
}

/** The repository root (a git mode needs one); a scan of paths or of a message file outside a repository is rooted
 * at the cwd. */
async function findRoot(request: ScanRequest, opts: ScanOptions): Promise<{ root: string; inRepo: boolean }> {
  if (request.kind === 'paths' || request.kind === 'commit-msg' || request.kind === 'stdin') {
    const root = await repoRoot(opts.cwd, opts.env);
    return { root: root ?? opts.cwd, inRepo: root !== undefined };
  }
  const label = { staged: '--staged', 'pre-push': '--pre-push', history: '--history', range: '--diff' }[request.kind];
  return { root: await requireRepo(opts.cwd, `hookguard scan ${label}`, opts.env), inRepo: true };
}

interface LoadedBaseline {
  entries: Map<string, BaselineEntry>;
  /** Its path from the root, with `/`, and its text (for HG-UNUSED-001 on a stale entry's line). */
  rel: string;
  text: string;
}

/** The baseline in use, if any (a named one that does not exist is an error). */
function readBaseline(root: string, opts: ScanOptions, config: Config): LoadedBaseline | undefined {
  const where = baselinePath(root, opts.cwd, opts.baseline, config.baseline);
  if (!where) return undefined;
  const rel = path.relative(root, where.file).split(path.sep).join('/');
  const tracked = opts.tracked && !opts.baseline ? opts.tracked.get(rel) : undefined;
  if (opts.tracked && !opts.baseline && tracked === undefined && !where.explicit) return undefined;
  if (tracked !== undefined || existsSync(where.file)) {
    const text = tracked ?? readFileSync(where.file, 'utf8');
    const parsed = parseBaseline(text, where.display);
    if ('error' in parsed) throw new UsageError(parsed.error);
    return { entries: parsed.entries, rel: path.relative(root, where.file).split(path.sep).join('/'), text };
  }
  if (where.explicit)
    throw new UsageError(
      `baseline file ${where.display}${where.fromConfig ? ` (baseline: in ${config.file ? path.relative(opts.cwd, config.file) || config.file : 'the config'})` : ''} does not exist: write it with "hookguard baseline", or scan without one with --no-baseline`,
    );
  return undefined;
}

/**
 * Your own credentials by value (OWN-001): on in the hooks (staged, pre-push, commit-msg) unless CI is set; config
 * `ownCredentials: true/false` (or `enabled:`) decides otherwise. Read now, held in memory only.
 */
function ownMatcher(
  request: ScanRequest,
  config: Config,
  opts: ScanOptions,
  fromProviders: OwnCredential[],
): OwnMatcher | undefined {
  const env = opts.env ?? {};
  const hook = request.kind === 'staged' || request.kind === 'pre-push' || request.kind === 'commit-msg';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  const on = config.ownCredentials?.enabled ?? (hook && !ci);
  const creds = on ? readOwnCredentials(env, config.ownCredentials ?? { files: [], env: [] }, opts.cwd) : [];
  // A provider's values are the team's list: looked for in every mode.
  creds.push(...fromProviders);
  return creds.length ? new OwnMatcher(creds) : undefined;
}

/** The configured providers' output; each failure becomes one line of `problems`, reported with the scan. */
async function providersOutput(config: Config, root: string, opts: ScanOptions): Promise<ProvidersOutput> {
  const { runProviders } = await import('../own/providers.js');
  const out = runProviders(config.providers ?? [], root, opts.env);
  opts.onPhase?.(`providers run (${config.providers?.length ?? 0})`);
  return out;
}

/** The engine's settings for a request. */
export function engineOptions(
  request: ScanRequest,
  root: string,
  loaded: LoadedRules,
  verbose: boolean,
): EngineOptions {
  const { config } = loaded;
  return {
    secrets: loaded.set,
    allow: config.allow,
    overrides: config.rules,
    // IaC rule ids are recognised by their shape, so the hook need not load the IaC families to read an allow comment.
    isRuleId: ruleIdTest([
      ...loaded.patterns.map((p) => p.id),
      OWN_ID,
      ...(loaded.policies?.policies.map((p) => p.id) ?? []),
    ]),
    // Allow markers that suppress nothing are reported, except in history audits (old commits are not the list).
    unusedAllows: request.kind !== 'history',
    ...(config.revoked ? { revoked: config.revoked } : {}),
    // Every mode runs every family: history audits included (each commit's changed templates and playbooks).
    iac: true,
    examples: config.patterns.flatMap((p) => p.examples.match),
    ...(loaded.policies ? { policies: loaded.policies } : {}),
    ...(config.parameterFiles?.length ? { parameterFiles: config.parameterFiles } : {}),
    // A hook, a push and a range see the changed files only: a changed template brings its parameter files.
    ...(request.kind === 'staged' || request.kind === 'pre-push' || request.kind === 'range'
      ? { templateEnvironments: true }
      : {}),
    readRelated: relatedReader(root, request.kind === 'paths' && !request.index),
    listRelated: relatedLister(root, request.kind === 'paths' && !request.index),
    ...(verbose ? { explainDropped: true } : {}),
  };
}

/**
 * Secret rules whose value an application keeps as configuration (passwords, connection strings, generic and custom
 * secrets): their fix may be to keep the value in the repository's secret store. A provider's token is revoked and
 * rotated, and kept out of the repository: no store is offered for it.
 */
const STORABLE_SOURCES = new Set(['patterns/generic.yaml', 'patterns/databases.yaml', 'patterns/config-files.yaml']);
function storable(patterns: LoadedRules['patterns']): (ruleId: string) => boolean {
  const ids = new Set(
    patterns.filter((p) => !p.source?.startsWith('patterns/') || STORABLE_SOURCES.has(p.source)).map((p) => p.id),
  );
  return (id) => ids.has(id) || id === OWN_ID;
}

/** Remediation of secret findings names the secret store the repository already uses (for secrets kept as
 * configuration; git-crypt not for a file that is already in a git-crypt path). */
async function nameSecretStores(
  request: ScanRequest,
  root: string,
  all: Finding[],
  extras: Extras | undefined,
  isStorable: (ruleId: string) => boolean,
): Promise<void> {
  const findings = all.filter((f) => f.category === 'secret' && !f.in && isStorable(f.ruleId));
  if (request.kind === 'commit-msg' || !findings.length) return;
  const m = await import('./extras.js');
  const snap =
    request.kind === 'staged' || (request.kind === 'paths' && request.index)
      ? ({ kind: 'index' } as const)
      : request.kind === 'paths' || request.kind === 'stdin'
        ? 'worktree'
        : ({
            kind: 'rev',
            rev: request.kind === 'range' ? request.range.replace(/^.*?\.\.\.?/, '') : 'HEAD',
          } as const);
  const stores = await m.storesInUse(root, snap, extras?.stores() ?? []);
  if (!stores.length) return;
  const crypted = stores.includes('git-crypt')
    ? await m.gitCryptPaths(root, snap, [...new Set(findings.map((f) => f.file))])
    : new Set<string>();
  for (const f of findings)
    f.remediation = m.storeRemediation(
      f.remediation,
      crypted.has(f.file) ? stores.filter((s) => s !== 'git-crypt') : stores,
    );
}

/** Owners: read (config, or CODEOWNERS from the index when staged) only when there is a finding to give them to.
 * Returns where they came from; problems reading them join `errors`. */
async function ownersStage(
  root: string,
  config: Config,
  request: ScanRequest,
  env: NodeJS.ProcessEnv | undefined,
  all: Finding[],
  errors: FileError[],
): Promise<string | undefined> {
  if (!all.length) return undefined;
  const own = await loadOwnership(root, config, request.kind === 'staged', env);
  errors.push(...own.problems);
  if (!own.ownership) return undefined;
  assignOwners(own.ownership, all);
  return own.ownership.from;
}

/** Fingerprints of the IaC findings that are still there at the pushed tips, in the files where a pushed commit
 * had one. */
async function iacAtTips(root: string, tips: string[], found: Finding[], engine: EngineOptions): Promise<Set<string>> {
  const out = new Set<string>();
  const files = [...new Set(found.map((f) => f.file))];
  if (!files.length) return out;
  const blobs = await readAtRevs(
    root,
    tips.flatMap((tip) => files.map((file) => ({ rev: tip, path: file }))),
    LIMITS.contentBytes,
  );
  for (const b of blobs) {
    if (b.text === undefined) continue;
    const r = await examine({ path: b.path, chunks: [], content: b.text, bytes: b.text.length }, engine);
    // A problem suppressed at the tip (an allow or Metadata added later in the push) is settled too.
    for (const f of r.findings) out.add(f.fingerprint);
  }
  return out;
}

/** `--parameters FILE`: read once (a missing or unreadable file, or one that is not a parameter file, is exit 2). */
async function readParameters(file: string, cwd: string, root: string): Promise<{ path: string; text: string }> {
  const { readFile } = await import('node:fs/promises');
  const abs = path.resolve(cwd, file);
  const text = await readFile(abs, 'utf8').catch(() => {
    throw new UsageError(`--parameters: cannot read ${file}`);
  });
  // Through the family's cold bundle (lib/cold/cloudformation.cjs): the YAML parser stays out of the hot path.
  const { readParameterFile } = await import('../rules/cloudformation/index.js');
  if (!readParameterFile(text))
    throw new UsageError(
      `--parameters: ${file} is not a CloudFormation parameter file ([{ParameterKey, ParameterValue}] or {"Parameters": {…}})`,
    );
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return { path: rel && !rel.startsWith('..') ? rel : file, text };
}
