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
import { examine, loadFamily, multiLineRules, toSuppressed, type EngineOptions } from '../engine/index.js';
import { DEFAULT_BASELINE, parseBaseline, type BaselineEntry } from '../suppress/baseline.js';
import { isBareRepo, repoRoot } from '../git/repo.js';
import type { Prestarted } from '../git/prestart.js';
import { assignOwners } from '../owners/index.js';
import { loadOwnership } from './owners.js';
import { hasSopsMetadata, isAtRestConfig, isConfigFile, isEnvCandidate, isVaultName } from '../env/paths.js';
import type { Extras } from './extras.js';
import type { ParityTable } from '../env/compare.js';
import {
  commitsSource,
  commitExists,
  countCommits,
  hasCommits,
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

const IAC_NAME =
  /\.(?:ya?ml|json|template|tmpl|cfn)$|(?:^|\/)(?:ansible\.cfg|\.ansible\.cfg)$|(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\/|(?:^|\/)(?:hosts|inventory)(?:\.ini)?$/i;

/** Templates may have any name: files without an extension (or .txt) are loaded too, and their content decides;
 * so are INI-ish files (.cfg, .conf), which may be an ansible.cfg under another name (ANSIBLE_CONFIG). */
const NO_EXT = /(?:^|\/)[^/.]+$|\.(?:txt|ini|cfg|conf)$/i;

/**
 * How the engine reads a file a playbook refers to (vars_files, role defaults): from the disk for a scan of paths,
 * else from the index (staged) or the commit being scanned. Small regular files only; cached for the run.
 */
function relatedReader(root: string, disk: boolean): NonNullable<EngineOptions['readRelated']> {
  const cache = new Map<string, Promise<string | undefined>>();
  const read = async (rel: string, commit?: string): Promise<string | undefined> => {
    if (!disk) {
      const { readTreeText } = await import('../git/related.js');
      return readTreeText(root, commit ?? '', rel);
    }
    if (!rel || rel.startsWith('/') || rel.split('/').includes('..')) return undefined;
    const { lstat, readFile } = await import('node:fs/promises');
    const abs = path.join(root, rel);
    const st = await lstat(abs).catch(() => undefined);
    if (!st?.isFile() || st.size > 1024 * 1024) return undefined;
    const b = await readFile(abs);
    return b.subarray(0, 8000).includes(0) ? undefined : b.toString('utf8');
  };
  return (rel, commit) => {
    const key = `${commit ?? ''}:${rel}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = read(rel, commit).catch(() => undefined)));
    return p;
  };
}

/** Files whose credentials span lines (.netrc machine blocks, .pypirc sections, Gradle/Maven blocks): git modes read
 * them whole so those rules see the unchanged lines around a changed value (YAML and JSON are read for IaC anyway). */
const SPANNING_SECRETS =
  /(?:^|\/)(?:[._]netrc|\.pypirc|\.pgpass|settings\.xml|\.htpasswd|[^/]*\.gradle(?:\.kts)?|gradle\.properties|\.npmrc)$/i;

export function wantsIac(p: string): boolean {
  return IAC_NAME.test(p) || NO_EXT.test(p);
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

/**
 * Whether a folder above a path holds, on disk, one of `names` that mentions `needle`: a cheap hint (no git, no
 * parsing, one read per folder) that decides whether a scan loads the at-rest checks, which then read the
 * snapshot's own declarations. git-crypt: `.gitattributes`; SOPS: `.sops.yaml`, nearest folder first as sops looks.
 */
function declaredNear(root: string, names: string[], needle: string): (p: string) => boolean {
  const cache = new Map<string, boolean>();
  const dirHas = (dir: string): boolean => {
    let v = cache.get(dir);
    if (v === undefined) {
      v = names.some((n) => {
        try {
          return readFileSync(path.join(root, dir, n), 'utf8').includes(needle);
        } catch {
          return false;
        }
      });
      cache.set(dir, v);
    }
    return v;
  };
  return (p) => {
    for (let i = p.lastIndexOf('/'); ; i = p.lastIndexOf('/', i - 1)) {
      if (dirHas(i <= 0 ? '' : p.slice(0, i))) return true;
      if (i <= 0) return false;
    }
  };
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

const IAC_ID = /^(?:cfn|ans|env|atrest|hg|access)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function scan(request: ScanRequest, opts: ScanOptions): Promise<ScanOutcome> {
  try {
    return await scanInner(request, opts);
  } finally {
    // An early-started diff that was not consumed (a config error, another mode) must not outlive the scan.
    if (opts.prestarted && !opts.prestarted.used) opts.prestarted.child.kill();
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

  const secretIds = new Set(patterns.map((p) => p.id.toLowerCase()));
  const engine: EngineOptions = {
    secrets: set,
    allow: config.allow,
    overrides: config.rules,
    // IaC rule ids are recognised by their shape, so the hook need not load the IaC families to read an allow comment.
    isRuleId: (id) => secretIds.has(id) || IAC_ID.test(id),
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
  // The order in which commits were streamed: `git log` gives newest first, a push's list is oldest first.
  const commitSeq = new Map<string, number>();
  const newestFirst = request.kind === 'history' || request.kind === 'range';
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
        order: request.kind === 'range' || request.kind === 'history' ? 'newest-first' : 'oldest-first',
      });
      return extrasNow;
    }));

  const onTarget = async (t: Target, rules: EngineOptions = engine) => {
    if (extras || extrasFor(t)) await (await getExtras()).onTarget(t);
    progress.files++;
    progress.bytes += t.bytes;
    const out = await examine(t, rules);
    findings.push(...out.findings);
    suppressed.push(...out.suppressed);
    errors.push(...out.errors);
    if (out.dropped) dropped.push(...out.dropped);
    if (out.generated) generatedFiles.add(t.path);
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
          secrets: narrowRuleSet(engine.secrets, items.flatMap((t) => t.chunks.map((c) => c.text)).join('\n')),
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
      await commitsSource(root, shas, sink, srcOpts);
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
      progress.commitsTotal = await countCommits(root, revs);
      await logSource(root, revs, sink, srcOpts);
      break;
    }
    case 'history': {
      if (!(await hasCommits(root))) break; // a repository with no commits has no history to scan
      if (request.since && !(await commitExists(root, request.since)))
        throw new UsageError(`--since: ${request.since} is not a commit in this repository`);
      const revs = request.since ? [`${request.since}..HEAD`] : ['--all'];
      if (await commitExists(root, 'HEAD')) await getExtras('HEAD');
      progress.commitsTotal = await countCommits(root, revs);
      await logSource(root, revs, sink, srcOpts);
      break;
    }
    case 'paths': {
      const targets = request.paths.length ? request.paths : ['.'];
      for (const p of targets)
        if (!existsSync(path.resolve(opts.cwd, p))) throw new UsageError(`path ${p} does not exist`);
      const { readTextFile, walk } = await import('../disk/walk.js');
      await walk(
        root,
        targets.map((p) => path.resolve(opts.cwd, p)),
        ig!,
        {
          skip: (kind) => {
            if (kind !== 'ignored') skipped[kind]++;
          },
          error: (rel, message) => errors.push({ file: rel, message }),
          file: async (e) => {
            // Large files arrive in pieces, each scanned before the next is read, within one time budget per file.
            const deadline = Date.now() + (engine.budgetMs ?? 10_000);
            const r = await readTextFile(
              e.abs,
              e.size,
              { ...LIMITS, contentBytes: srcOpts.wantsContent(e.rel) ? LIMITS.contentBytes : 0 },
              async (c) => {
                if (Date.now() > deadline) {
                  errors.push({
                    file: e.rel,
                    line: c.startLine,
                    message: `time budget spent: lines from ${c.startLine} on were not scanned`,
                    incomplete: true,
                  });
                  return false;
                }
                await onTarget({ path: e.rel, chunks: [c], bytes: Buffer.byteLength(c.text) });
                return true;
              },
            );
            if (r.kind === 'binary') skipped.binary++;
            else if (r.kind === 'error') errors.push({ file: e.rel, message: r.message });
            else if (r.pieces) {
              skipped.large++;
              if (e.size > LIMITS.maxBytes && !r.stopped)
                errors.push({
                  file: e.rel,
                  message: `only the first ${LIMITS.maxBytes >> 20} MiB were scanned`,
                  incomplete: true,
                });
            } else
              await onTarget({
                path: e.rel,
                chunks: r.chunks,
                ...(r.content !== undefined ? { content: r.content } : {}),
                bytes: e.size,
              });
          },
        },
      );
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
    return n === undefined ? undefined : newestFirst ? -n : n;
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
    const own = await loadOwnership(root, config, request.kind === 'staged');
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
