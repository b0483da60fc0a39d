/**
 * scan(request, options) → result: the one entry both edges (CLI, Action) call. It picks the source, loads rules
 * and config, runs the engine over every target, applies the baseline and decides what blocks.
 */
import { secretRuleDocText } from '../rules/secrets/docs.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  atLeast,
  compareText,
  UsageError,
  type FailOn,
  type FileError,
  type Finding,
  type RuleDoc,
  type ScanRequest,
  type ScanResult,
  type Suppressed,
  type Target,
  type Dropped,
} from '../types.js';
import { compileRuleSet, loadBuiltinPatterns, type RuleSet } from '../rules/secrets/load.js';
import { narrowRuleSet } from '../rules/secrets/detect.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import { emptyConfig, findConfig, loadConfig, type Config } from '../config/load.js';
import {
  examine,
  loadFamily,
  multiLineRules,
  toSuppressed,
  type EngineOptions,
  type EngineOutput,
} from '../engine/index.js';
import { DEFAULT_BASELINE, parseBaseline, type BaselineEntry } from '../suppress/baseline.js';
import { isBareRepo, repoRoot } from '../git/repo.js';
import type { Prestarted } from '../git/prestart.js';
import { assignOwners } from '../owners/index.js';
import { loadOwnership } from './owners.js';
import type { WalkEntry } from '../disk/walk.js';
import { relatedReader } from './related.js';
import { declaredNear, ruleIdTest, SPANNING_SECRETS, wantsIac } from './wants.js';
import { hasSopsMetadata, isAtRestConfig, isConfigFile, isEnvCandidate, isVaultName } from '../env/paths.js';
import { scanDiskFile } from './disk.js';
import { commitJobs, fileJobs, fromSlim, runInWorkers, workerCount, type Item, type Job } from './parallel.js';
import type { Extras } from './extras.js';
import type { ParityTable } from '../env/compare.js';
import {
  commitsSource,
  commitExists,
  hasCommits,
  listCommits,
  logSource,
  prePushCommits,
  readAtRevs,
  stagedSource,
  type Sink,
} from '../git/sources.js';

export interface ScanOptions {
  cwd: string;
  /** The environment git runs in (GIT_DIR and friends change how the repository is found). */
  env?: NodeJS.ProcessEnv;
  config?: string;
  baseline?: string;
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
}

export interface Progress {
  commitsDone: number;
  commitsTotal: number;
  bytes: number;
  files: number;
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

export const LIMITS = {
  /** Largest file read whole for IaC rules. */
  contentBytes: 2 * 1024 * 1024,
  /** Disk files up to this are read in one go; larger ones in pieces. */
  wholeBytes: 8 * 1024 * 1024,
  pieceBytes: 1024 * 1024,
  /** A staged change up to this size is prefiltered as a whole (see flushBatch). */
  batchBytes: 512 * 1024,
  /** Disk files are scanned up to this many bytes; the rest is reported as not scanned. */
  maxBytes: 256 * 1024 * 1024,
};

export { wantsIac };

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

/** All IaC rule docs (loads the families, and with them the YAML parser). */
export async function iacRuleDocs(): Promise<RuleDoc[]> {
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
  return [...iac, ...(await import('./extras.js')).envRuleDocs(), ...hookguardRuleDocs()];
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
}

/** Built-in patterns plus the config (explicit file, or .hookguard.yaml at the root). */
export async function loadRulesAndConfig(
  root: string,
  configFile: string | undefined,
  cwd: string,
): Promise<LoadedRules> {
  const builtin = await loadBuiltinPatterns();
  let config = emptyConfig();
  const file = configFile ? path.resolve(cwd, configFile) : findConfig(root);
  if (configFile && !existsSync(file!)) throw new UsageError(`config file ${configFile} does not exist`);
  if (file) {
    const builtinIds = new Set(builtin.map((p) => p.id));
    let iacIds: Set<string> | undefined;
    const categories = new Set<string>(['secret']);
    const text = readFileSync(file, 'utf8');
    // Rule ids of IaC families are only needed (and their modules only loaded) when the config names rules.
    if (/^\s*rules\s*:/m.test(text)) {
      const docs = await iacRuleDocs();
      iacIds = new Set(docs.map((d) => d.id.toLowerCase()));
      for (const d of docs) categories.add(d.category);
    }
    const known = new Set([...builtinIds, ...(iacIds ?? [])]);
    config = await loadConfig(file, known, path.relative(cwd, file) || file, categories);
  }
  const patterns = [...builtin, ...config.patterns];
  return { patterns, set: compileRuleSet(patterns), config };
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

async function scanInner(request: ScanRequest, opts: ScanOptions): Promise<ScanOutcome> {
  const t0 = Date.now();
  const gitMode = request.kind !== 'paths';
  const label = { staged: '--staged', 'pre-push': '--pre-push', history: '--history', range: '--diff', paths: 'scan' }[
    request.kind
  ];
  const root = gitMode
    ? await requireRepo(opts.cwd, `hookguard scan ${label}`, opts.env)
    : ((await repoRoot(opts.cwd, opts.env)) ?? opts.cwd);
  opts.onPhase?.('repository found');
  const { set, config, patterns } = await loadRulesAndConfig(root, opts.config, opts.cwd);
  opts.onPhase?.('rules and config loaded');
  const failOn: FailOn = opts.failOn ?? config.failOn ?? 'high';

  // Baseline.
  let baseline: Map<string, BaselineEntry> | undefined;
  let baselineFile: { rel: string; text: string } | undefined;
  const where = baselinePath(root, opts.cwd, opts.baseline, config.baseline);
  if (!opts.noBaseline && where) {
    if (existsSync(where.file)) {
      const text = readFileSync(where.file, 'utf8');
      const parsed = parseBaseline(text, where.display);
      if ('error' in parsed) throw new UsageError(parsed.error);
      baseline = parsed.entries;
      baselineFile = { rel: path.relative(root, where.file).split(path.sep).join('/'), text };
    } else if (where.explicit)
      throw new UsageError(
        `baseline file ${where.display}${where.fromConfig ? ` (baseline: in ${config.file ? path.relative(opts.cwd, config.file) || config.file : 'the config'})` : ''} does not exist: write it with "hookguard baseline", or scan without one with --no-baseline`,
      );
  }

  const workersAsked = requestedWorkers(opts);
  const engine: EngineOptions = {
    secrets: set,
    allow: config.allow,
    overrides: config.rules,
    // IaC rule ids are recognised by their shape, so the hook need not load the IaC families to read an allow comment.
    isRuleId: ruleIdTest(patterns.map((p) => p.id)),
    // Allow markers that suppress nothing are reported, except in history audits (old commits are not the list).
    unusedAllows: request.kind !== 'history',
    ...(config.revoked ? { revoked: config.revoked } : {}),
    // Every mode runs every family: history audits included (each commit's changed templates and playbooks).
    iac: true,
    examples: config.patterns.flatMap((p) => p.examples.match),
    readRelated: relatedReader(root, request.kind === 'paths'),
    ...(opts.verbose ? { explainDropped: true } : {}),
  };

  const findings: Finding[] = [];
  // The order in which commits were streamed: newest first in every mode (a push's list is given to git reversed).
  const commitSeq = new Map<string, number>();
  const suppressed: Suppressed[] = [];
  const errors: FileError[] = [];
  const dropped: Dropped[] = [];
  const generatedFiles = new Set<string>();
  const skipped = { binary: 0, large: 0, other: 0 };
  const progress: { commitsDone: number; commitsTotal: number; bytes: number; files: number } = {
    commitsDone: 0,
    commitsTotal: 0,
    bytes: 0,
    files: 0,
  };
  // `ignore` is loaded only when there is something to ignore (or a directory to walk): not on a plain commit.
  const ig = config.ignore.length || request.kind === 'paths' ? (await loadIgnore())().add(config.ignore) : undefined;
  const isIgnored = (p: string) => ig !== undefined && config.ignore.length > 0 && ig.ignores(p);

  // Environment parity and secrets at rest (./extras.ts): loaded when a file needs them; commit modes create it
  // up front with the snapshot (pushed tip, range head, HEAD), since any text blob may sit under git-crypt.
  const envGlobs = config.environments?.envs;
  const envPath = (p: string) => (envGlobs?.size ? isConfigFile(p) : isEnvCandidate(p));
  const sopsNear = declaredNear(root, ['.sops.yaml', '.sops.yml'], 'creation_rules');
  const sopsConfigured = (p: string) => isConfigFile(p) && sopsNear(p);
  const gitCryptNear = request.kind === 'staged' ? declaredNear(root, ['.gitattributes'], 'git-crypt') : () => false;
  const extrasFor = (t: Target) =>
    envPath(t.path) ||
    isVaultName(t.path) ||
    isAtRestConfig(t.path) ||
    sopsConfigured(t.path) ||
    (t.content !== undefined && hasSopsMetadata(t.content)) ||
    gitCryptNear(t.path);
  let extras: Promise<Extras> | undefined;
  let extrasNow: Extras | undefined;
  const getExtras = (tip?: string, base?: string) =>
    (extras ??= import('./extras.js').then(async (m) => {
      extrasNow = await m.Extras.create({
        root,
        mode: request.kind === 'paths' ? 'paths' : request.kind,
        ...(tip ? { tip } : {}),
        ...(base ? { base } : {}),
        secrets: set,
        allow: config.allow,
        overrides: config.rules,
        isRuleId: engine.isRuleId,
        ...(config.environments ? { environments: config.environments } : {}),
        maxBytes: LIMITS.contentBytes,
      });
      return extrasNow;
    }));

  const record = (file: string, out: EngineOutput) => {
    findings.push(...out.findings);
    suppressed.push(...out.suppressed);
    errors.push(...out.errors);
    if (out.dropped) dropped.push(...out.dropped);
    if (out.generated) generatedFiles.add(file);
  };
  const onTarget = async (t: Target, rules: EngineOptions = engine) => {
    if (extras || extrasFor(t)) await (await getExtras()).onTarget(t);
    progress.files++;
    progress.bytes += t.bytes;
    record(t.path, await examine(t, rules));
    opts.onProgress?.(progress);
  };

  // A staged change is usually small: collect it (up to a bound), prefilter the secret rules once over all of its
  // added lines, then examine each file against only the rules that can fire. Larger changes stream as usual.
  const batch: Target[] | undefined = request.kind === 'staged' ? [] : undefined;
  let batchBytes = 0;
  const flushBatch = async (narrow: boolean) => {
    if (!batch?.length) return;
    const items = batch.splice(0);
    batchBytes = 0;
    const rules = narrow
      ? {
          ...engine,
          secrets: narrowRuleSet(
            engine.secrets,
            items.flatMap((t) => t.chunks.map((c) => c.text)),
          ),
          // The rules run over whole texts keep their keywords from the unchanged lines: not narrowed.
          spanning: multiLineRules(engine.secrets),
        }
      : engine;
    if (narrow) opts.onPhase?.(`secret rules narrowed to ${rules.secrets.rules.length}`);
    for (const t of items) await onTarget(t, rules);
  };
  const sink: Sink = {
    target: async (t) => {
      if (isIgnored(t.path)) return;
      if (!batch) return onTarget(t);
      batch.push(t);
      batchBytes += t.bytes + (t.content?.length ?? 0);
      if (batchBytes > LIMITS.batchBytes) await flushBatch(false);
    },
    skip: (kind) => {
      skipped[kind]++;
    },
    binary: async (b) => {
      if (!isIgnored(b.path) && (extras || gitCryptNear(b.path))) (await getExtras()).onBinary(b);
    },
    commit: (c) => {
      commitSeq.set(c.sha, progress.commitsDone);
      progress.commitsDone++;
      opts.onProgress?.(progress);
    },
    error: (e) => errors.push(e),
  };
  let pushedTips: string[] = [];
  const srcOpts = {
    wantsContent: (p: string) =>
      (engine.iac && wantsIac(p)) ||
      SPANNING_SECRETS.test(p) ||
      envPath(p) ||
      isVaultName(p) ||
      isAtRestConfig(p) ||
      sopsConfigured(p) ||
      (extrasNow?.wants(p) ?? false),
    binaryHead: (p: string) => gitCryptNear(p) || (extrasNow?.gitCryptDeclared(p) ?? false),
    maxContentBytes: LIMITS.contentBytes,
    maxDecodeBytes: LIMITS.wholeBytes,
  };

  /**
   * Jobs on worker threads (./parallel.ts), given the same settings as plain data. Their items arrive out of order,
   * each with its place in the sequential stream (`place`); counts are taken as they come, the rest is applied in
   * stream order once all are in: the findings, commits and errors of the sequential scan, in its order.
   */
  const inWorkers = async (
    jobs: Job[],
    n: number,
    disk: boolean,
    place: (job: number, index: number, item: Item) => [number, number],
    earlier: Array<[number, number, Item]> = [],
  ): Promise<boolean> => {
    const x = extrasNow?.forWorkers();
    const got = earlier;
    const ok = await runInWorkers(
      jobs,
      n,
      {
        root,
        patterns,
        allow: config.allow.map((r) => [r.source, r.flags]),
        overrides: [...config.rules],
        unusedAllows: engine.unusedAllows ?? false,
        ...(config.revoked ? { revoked: config.revoked } : {}),
        examples: engine.examples ?? [],
        explainDropped: opts.verbose === true,
        ...(engine.budgetMs !== undefined ? { budgetMs: engine.budgetMs } : {}),
        ignore: config.ignore,
        wants: { iac: engine.iac, ...(envGlobs ? { envs: envGlobs } : {}), ...(x ? { extras: x } : {}) },
        maxContentBytes: LIMITS.contentBytes,
        maxDecodeBytes: LIMITS.wholeBytes,
        ...(disk ? { disk: LIMITS } : {}),
      },
      {
        item: (job, index, it) => {
          if (it.k === 'skip') skipped[it.kind]++;
          else if (it.k === 'commit') progress.commitsDone++;
          else if (it.k === 'target') {
            progress.files++;
            progress.bytes += it.t.bytes;
          }
          if (it.k !== 'skip') got.push([...place(job, index, it), it]);
        },
        counted: (files, bytes) => {
          progress.files += files;
          progress.bytes += bytes;
          opts.onProgress?.(progress);
        },
      },
    );
    if (!ok) return false;
    got.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let seq = 0;
    for (const [, , it] of got) {
      if (it.k === 'commit') commitSeq.set(it.sha, seq++);
      else if (it.k === 'error') errors.push(it.e);
      else if (it.k === 'binary') {
        if (extras || gitCryptNear(it.b.path)) (await getExtras()).onBinary(it.b);
      } else if (it.k === 'target') {
        const t = fromSlim(it.t);
        if (it.x && (extras || extrasFor(t))) await (await getExtras()).onTarget(t);
        if (it.out) record(t.path, it.out);
      }
    }
    opts.onProgress?.(progress);
    return true;
  };
  /** Commits in `git log` order: on worker threads when there are enough of them (and the environment/at-rest pass
   * was set up before the first: the workers are given its settings), else as `sequential` does. */
  const scanCommits = async (shas: string[], sequential: () => Promise<void>) => {
    const n = extrasNow ? workerCount({ commits: shas.length }, workersAsked) : 0;
    if (n >= 2 && (await inWorkers(commitJobs(shas, n), n, false, (job, index) => [job, index]))) {
      opts.onPhase?.(`commits scanned on ${n} worker threads`);
      return;
    }
    await sequential();
  };

  switch (request.kind) {
    case 'staged':
      await stagedSource(root, sink, srcOpts, opts.prestarted);
      opts.onPhase?.('staged diff read');
      await flushBatch(true);
      break;
    case 'pre-push': {
      const { shas, tips } = await prePushCommits(root, request.stdin, request.remote);
      progress.commitsTotal = shas.length;
      if (shas.length) await getExtras(tips[tips.length - 1] ?? shas[shas.length - 1]);
      // Newest first, as git log gives a history: git then reads the commits' files in the order its delta-base
      // cache serves best (500 commits: ~10% less git time than oldest first, on a repacked clone too).
      const newest = [...shas].reverse();
      await scanCommits(newest, () => commitsSource(root, newest, sink, srcOpts));
      pushedTips = tips;
      break;
    }
    case 'range': {
      const m = /^(.+?)\.\.\.?(.+)$/.exec(request.range);
      if (!m) throw new UsageError(`--diff expects BASE..HEAD, got "${request.range}"`);
      for (const rev of [m[1]!, m[2]!])
        if (!(await commitExists(root, rev)))
          throw new UsageError(
            `--diff: commit ${rev} is not in this clone; fetch it (git fetch origin ${rev}) or, in GitHub Actions, check out with fetch-depth: 0`,
          );
      const revs = [`${m[1]}..${m[2]}`];
      await getExtras(m[2], m[1]);
      const shas = await listCommits(root, revs);
      progress.commitsTotal = shas.length;
      await scanCommits(shas, () => logSource(root, revs, sink, srcOpts));
      break;
    }
    case 'history': {
      if (!(await hasCommits(root))) break; // a repository with no commits has no history to scan
      if (request.since && !(await commitExists(root, request.since)))
        throw new UsageError(`--since: ${request.since} is not a commit in this repository`);
      const revs = request.since ? [`${request.since}..HEAD`] : ['--all'];
      if (await commitExists(root, 'HEAD')) await getExtras('HEAD');
      const shas = await listCommits(root, revs);
      progress.commitsTotal = shas.length;
      await scanCommits(shas, () => logSource(root, revs, sink, srcOpts));
      break;
    }
    case 'paths': {
      const targets = request.paths.length ? request.paths : ['.'];
      for (const p of targets)
        if (!existsSync(path.resolve(opts.cwd, p))) throw new UsageError(`path ${p} does not exist`);
      const { walk } = await import('../disk/walk.js');
      // The walk first (cheap), in order; then the files, on worker threads when there is enough to read.
      type Walked = { k: 'file'; e: WalkEntry } | { k: 'skip'; kind: 'binary' | 'large' | 'other' } | FileError;
      const walked: Walked[] = [];
      await walk(
        root,
        targets.map((p) => path.resolve(opts.cwd, p)),
        ig!,
        {
          skip: (kind) => {
            if (kind !== 'ignored') walked.push({ k: 'skip', kind });
          },
          error: (rel, message) => walked.push({ file: rel, message }),
          file: async (e) => {
            walked.push({ k: 'file', e });
          },
        },
      );
      opts.onPhase?.('directories walked');
      const files: Array<{ e: WalkEntry; at: number }> = [];
      walked.forEach((w, i) => {
        if ('k' in w && w.k === 'file') files.push({ e: w.e, at: i });
      });
      const bytes = files.reduce((n, f) => n + Math.min(f.e.size, LIMITS.maxBytes), 0);
      let at = 0;
      /** Walk events up to the next file. */
      const upToFile = () => {
        for (let w = walked[at]; w && !('k' in w && w.k === 'file'); w = walked[++at]) {
          if (!('k' in w)) errors.push(w);
          else if (w.k === 'skip') skipped[w.kind]++;
        }
      };
      // A .sops.yaml on disk is read when the first file below it comes (Extras.probeDisk), and what is read then
      // decides what later files keep: with one anywhere near, the files stay in order on this thread.
      const sopsFile = declaredNear(root, ['.sops.yaml', '.sops.yml'], '');
      const sopsAround =
        files.some(({ e }) => /(?:^|\/)\.sops\.ya?ml$/.test(e.rel)) ||
        targets.some((t) => sopsFile(`${path.relative(root, path.resolve(opts.cwd, t)).split(path.sep).join('/')}/x`));
      const n = sopsAround ? 0 : workerCount({ bytes, files: files.length }, workersAsked);
      let inParallel = false;
      if (n >= 2) {
        const jobs = fileJobs(
          files.map(({ e }) => ({ abs: e.abs, rel: e.rel, size: e.size, wantsContent: srcOpts.wantsContent(e.rel) })),
        );
        // An item's place: (the walk index of its file, its index among that file's items).
        const firstFile: number[] = [];
        let k = 0;
        for (const j of jobs) {
          firstFile.push(k);
          k += 'files' in j ? j.files.length : 0;
        }
        const cursor = new Map<number, { file: number; minor: number }>();
        // Walk errors take their place among the files' items; walk skips are counted now.
        const walkErrors: Array<[number, number, Item]> = [];
        walked.forEach((w, i) => {
          if (!('k' in w)) walkErrors.push([i, 0, { k: 'error', e: w }]);
        });
        inParallel = await inWorkers(
          jobs,
          n,
          true,
          (job, _index, it) => {
            let c = cursor.get(job);
            if (!c) cursor.set(job, (c = { file: firstFile[job]!, minor: 0 }));
            const place: [number, number] = [files[c.file]!.at, c.minor++];
            if (it.k === 'end') {
              c.file++;
              c.minor = 0;
            }
            return place;
          },
          walkErrors,
        );
        if (inParallel) for (const w of walked) if ('k' in w && w.k === 'skip') skipped[w.kind]++;
      }
      if (inParallel) opts.onPhase?.(`files scanned on ${n} worker threads`);
      else {
        const diskSink = {
          target: (t: Target) => onTarget(t),
          skip: (kind: 'binary' | 'large') => void skipped[kind]++,
          error: (e: FileError) => void errors.push(e),
        };
        for (upToFile(); at < walked.length; at++, upToFile()) {
          const { e } = walked[at] as { e: WalkEntry };
          await scanDiskFile(e, srcOpts.wantsContent(e.rel), LIMITS, engine.budgetMs ?? 10_000, diskSink);
        }
      }
      break;
    }
  }

  opts.onPhase?.('sources scanned');
  // A push: an IaC problem that a later commit of the same push fixed is gone; the pushed tips decide. A secret still
  // counts in every commit that carries it (it is in the pushed history either way).
  if (pushedTips.length) {
    const atTips = await iacAtTips(
      root,
      pushedTips,
      findings.filter((f) => !f.secret && f.commit && f.blocking),
      engine,
    );
    for (let i = findings.length - 1; i >= 0; i--) {
      const f = findings[i]!;
      if (!f.secret && f.commit && !atTips.has(f.fingerprint)) findings.splice(i, 1);
    }
  }
  let parity: ScanOutcome['parity'];
  if (extras) {
    const out = await (await extras).finish();
    // A plaintext value in a file that must be encrypted is one problem: the at-rest finding, which knows why.
    const atRest = out.findings.filter((f) => f.ruleId === 'ATREST-002' || f.ruleId === 'ATREST-003');
    if (atRest.length)
      for (let i = findings.length - 1; i >= 0; i--) {
        const f = findings[i]!;
        if (
          (f.category === 'secret' || /SECRET/.test(f.ruleId)) &&
          atRest.some((a) => a.file === f.file && a.line === f.line && a.commit === f.commit)
        )
          findings.splice(i, 1);
      }
    findings.push(...out.findings);
    suppressed.push(...out.suppressed);
    errors.push(...out.errors);
    parity = out.parity;
    opts.onPhase?.('environments and at-rest checked');
  }
  // Remediation of secret findings names the secret store the repository already uses.
  if (findings.some((f) => f.category === 'secret')) {
    const m = await import('./extras.js');
    const snap =
      request.kind === 'staged'
        ? ({ kind: 'index' } as const)
        : request.kind === 'paths'
          ? 'worktree'
          : ({
              kind: 'rev',
              rev: request.kind === 'range' ? request.range.replace(/^.*?\.\.\.?/, '') : 'HEAD',
            } as const);
    const stores = await m.storesInUse(root, snap, extrasNow?.stores() ?? []);
    if (stores.length)
      for (const f of findings) if (f.category === 'secret') f.remediation = m.storeRemediation(f.remediation, stores);
  }
  // Baseline (exact fingerprint first; then, for an entry whose file is gone — renamed —, the content key), then
  // de-duplication and blocking vs existing.
  const kept: Finding[] = [];
  const matchedBaseline = new Set<string>();
  const unmatched: Finding[] = [];
  for (const f of findings) {
    if (baseline?.has(f.fingerprint)) {
      matchedBaseline.add(f.fingerprint);
      suppressed.push(toSuppressed(f, 'baseline', 'accepted in baseline'));
      continue;
    }
    unmatched.push(f);
  }
  const byKey = new Map<string, BaselineEntry>();
  if (baseline)
    for (const e of baseline.values())
      if (e.key && !matchedBaseline.has(e.fingerprint) && !existsSync(path.join(root, e.file))) byKey.set(e.key, e);
  for (const f of unmatched) {
    const e = f.contentKey ? byKey.get(f.contentKey) : undefined;
    if (e) {
      // One entry accepts one finding: a copy of an accepted secret next to the renamed file is new.
      byKey.delete(f.contentKey!);
      matchedBaseline.add(e.fingerprint);
      suppressed.push(toSuppressed(f, 'baseline', `accepted in baseline (as ${e.file})`));
      continue;
    }
    kept.push(f);
  }
  // The same problem seen in several commits is reported once, at the oldest commit that introduced it (a secret
  // counts once per commit and line).
  const seq = (f: Finding) => {
    const n = f.commit ? commitSeq.get(f.commit) : undefined;
    return n === undefined ? undefined : -n;
  };
  const older = (a: Finding, b: Finding) => {
    const x = seq(a);
    const y = seq(b);
    return x !== undefined && y !== undefined && x < y;
  };
  // A marker that allowed an environment/at-rest finding (./extras.ts reads allows itself) is used, not HG-UNUSED-001.
  const inlineAt = new Set(
    suppressed.filter((x) => x.by === 'inline').map((x) => `${x.commit ?? ''}\0${x.file}\0${x.line}`),
  );
  const dedup = new Map<string, Finding>();
  for (const f of kept) {
    if (f.ruleId === 'HG-UNUSED-001' && inlineAt.has(`${f.commit ?? ''}\0${f.file}\0${f.line}`)) continue;
    const key = f.category === 'secret' ? `${f.fingerprint}:${f.commit ?? ''}:${f.file}:${f.line}` : f.fingerprint;
    const prev = dedup.get(key);
    if (!prev || (!prev.blocking && f.blocking) || (prev.blocking === f.blocking && older(f, prev))) dedup.set(key, f);
  }
  const fullScan = request.kind === 'paths' || (request.kind === 'history' && !request.since);
  const staleBaseline = fullScan && baseline ? [...baseline.keys()].filter((k) => !matchedBaseline.has(k)) : [];
  // A baseline entry that matched nothing in a full scan is an unused suppression too (HG-UNUSED-001).
  if (staleBaseline.length && baselineFile) {
    const { unusedBaselineFindings } = await import('../suppress/unused-baseline.js');
    for (const f of unusedBaselineFindings(baselineFile.rel, baselineFile.text, staleBaseline, baseline!, config.rules))
      dedup.set(f.fingerprint, f);
  }
  const all = [...dedup.values()].sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId),
  );
  // Owners: read (config, or CODEOWNERS from the index when staged) only when there is a finding to give them to.
  let ownersFrom: string | undefined;
  if (all.length) {
    const own = await loadOwnership(root, config, request.kind === 'staged', opts.env);
    if (own.ownership) {
      assignOwners(own.ownership, all);
      ownersFrom = own.ownership.from;
    }
    errors.push(...own.problems);
  }
  const blocking = all.filter((f) => f.blocking);
  const existing = all.filter((f) => !f.blocking);

  const bySeverity: ScanResult['summary']['bySeverity'] = {};
  for (const f of blocking) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const result: ScanResult = {
    findings: blocking,
    existing,
    suppressed,
    errors,
    staleBaseline,
    summary: {
      files: progress.files,
      bytes: progress.bytes,
      ...(request.kind === 'paths' || request.kind === 'staged' ? {} : { commits: progress.commitsDone }),
      skipped,
      ...(generatedFiles.size ? { generated: generatedFiles.size } : {}),
      durationMs: Date.now() - t0,
      bySeverity,
    },
    ...(opts.verbose ? { dropped } : {}),
    ...(ownersFrom ? { ownersFrom } : {}),
    ...(config.escalation ? { escalation: config.escalation } : {}),
  };
  // A hook never lets through what it could not read: a bound that cut a file's new text blocks (the CLI says why).
  const hook = request.kind === 'staged' || request.kind === 'pre-push';
  const exitCode =
    blocking.some((f) => atLeast(f.severity, failOn)) || (hook && failOn !== 'none' && errors.some((e) => e.incomplete))
      ? 1
      : 0;
  return { result, failOn, root, exitCode, config, ...(parity ? { parity } : {}) };
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
