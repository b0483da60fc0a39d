/**
 * The examine stage of a scan: targets from a source (./sources.ts) → the engine → what was found, suppressed and
 * counted. It owns the sink every source writes to, the staged batch, the worker threads, and the snapshot checks
 * (environment parity and secrets at rest, ./extras.ts), which see every target of the snapshot.
 */
import type { Dropped, FileError, Finding, ScanRequest, Suppressed, Target } from '../types.js';
import { binaryWhole } from './binaries.js';
import { examine, multiLineRules, type EngineOptions, type EngineOutput } from '../engine/index.js';
import { narrowRuleSet } from '../rules/secrets/detect.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import type { Config } from '../config/load.js';
import type { Sink, SourceOptions } from '../git/sources.js';
import { hasSopsMetadata, isAtRestConfig, isConfigFile, isEnvCandidate, isVaultName } from '../env/paths.js';
import { commitJobs, fromSlim, runInWorkers, workerCount, type Item, type Job } from './parallel.js';
import { certFile, declaredNear, spanningSecrets, wantsIac } from './wants.js';
import type { Extras, ExtrasOutput } from './extras.js';
import { LIMITS } from './limits.js';

export interface Progress {
  commitsDone: number;
  commitsTotal: number;
  bytes: number;
  files: number;
}

/** What the examine stage gathered: the input of the merge stages (./merge.ts). */
export class Collected {
  readonly findings: Finding[] = [];
  readonly suppressed: Suppressed[] = [];
  readonly errors: FileError[] = [];
  readonly dropped: Dropped[] = [];
  /** Files whose text looked generated (heuristic rules were not applied to them). */
  readonly generated = new Set<string>();
  readonly skipped = { binary: 0, large: 0, other: 0 };
  readonly progress: Progress = { commitsDone: 0, commitsTotal: 0, bytes: 0, files: 0 };
  /** The order in which commits were streamed: newest first in every mode (a push's list is given to git reversed). */
  readonly commitSeq = new Map<string, number>();

  record(file: string, out: EngineOutput): void {
    this.findings.push(...out.findings);
    this.suppressed.push(...out.suppressed);
    this.errors.push(...out.errors);
    if (out.dropped) this.dropped.push(...out.dropped);
    if (out.generated) this.generated.add(file);
  }
}

/** What the examine stage needs from the scan: the repository, the loaded rules and config, and the caller's hooks. */
export interface ExamineSettings {
  root: string;
  kind: ScanRequest['kind'];
  engine: EngineOptions;
  patterns: SecretPattern[];
  config: Config;
  /** Worker threads asked for (undefined: decided by the size of the work). */
  workersAsked: number | undefined;
  verbose: boolean;
  onProgress?: (p: Progress) => void;
  onPhase?: (phase: string) => void;
}

/**
 * Environment parity and secrets at rest (./extras.ts): loaded when a file needs them; commit modes create it up front
 * with the snapshot (pushed tip, range head, HEAD), since any text blob may sit under git-crypt.
 */
export class SnapshotChecks {
  private started: Promise<Extras> | undefined;
  /** The checks once loaded (what sources may ask synchronously). */
  now: Extras | undefined;
  readonly envGlobs: ReadonlyMap<string, string[]> | undefined;
  readonly envPath: (p: string) => boolean;
  readonly sopsConfigured: (p: string) => boolean;
  readonly gitCryptNear: (p: string) => boolean;

  constructor(
    private readonly s: ExamineSettings,
    private readonly isIgnored?: (p: string) => boolean,
  ) {
    const envGlobs = s.config.environments?.envs;
    this.envGlobs = envGlobs;
    this.envPath = (p) => (envGlobs?.size ? isConfigFile(p) : isEnvCandidate(p));
    const sopsNear = declaredNear(s.root, ['.sops.yaml', '.sops.yml'], 'creation_rules');
    this.sopsConfigured = (p) => isConfigFile(p) && sopsNear(p);
    this.gitCryptNear = s.kind === 'staged' ? declaredNear(s.root, ['.gitattributes'], 'git-crypt') : () => false;
  }

  /** Whether the checks are running (a file needed them, or a commit mode started them). */
  get active(): boolean {
    return this.started !== undefined;
  }

  /** Whether a target needs the checks. */
  wantedFor(t: Target): boolean {
    return (
      this.envPath(t.path) ||
      isVaultName(t.path) ||
      isAtRestConfig(t.path) ||
      this.sopsConfigured(t.path) ||
      (t.content !== undefined && hasSopsMetadata(t.content)) ||
      this.gitCryptNear(t.path)
    );
  }

  /** The checks, created on first use at the snapshot `tip` (and `base`, for a range). */
  get(tip?: string, base?: string): Promise<Extras> {
    const { root, kind, engine, config } = this.s;
    return (this.started ??= import('./extras.js').then(async (m) => {
      this.now = await m.Extras.create({
        root,
        mode: kind === 'paths' || kind === 'commit-msg' || kind === 'stdin' ? 'paths' : kind, // a message never needs them
        ...(tip ? { tip } : {}),
        ...(base ? { base } : {}),
        secrets: engine.secrets,
        allow: config.allow,
        overrides: config.rules,
        isRuleId: engine.isRuleId,
        ...(config.environments ? { environments: config.environments } : {}),
        maxBytes: LIMITS.contentBytes,
        ignored: this.isIgnored,
      });
      return this.now;
    }));
  }

  /** The snapshot-wide findings, once every target was seen; undefined when the checks never ran. */
  async finish(): Promise<ExtrasOutput | undefined> {
    return this.started ? (await this.started).finish() : undefined;
  }
}

/** Targets → engine → `out`. Sources (./sources.ts) write to `sink`; the staged source flushes its batch. */
export class Examiner {
  readonly out = new Collected();
  readonly snapshot: SnapshotChecks;
  readonly sink: Sink;
  readonly srcOpts: SourceOptions & { wantsContent: (p: string) => boolean };
  /** A staged change is usually small: collect it (up to a bound), prefilter the secret rules once over all of its
   * added lines, then examine each file against only the rules that can fire. Larger changes stream as usual. */
  private readonly batch: Target[] | undefined;
  private batchBytes = 0;

  constructor(
    readonly s: ExamineSettings,
    isIgnored: (p: string) => boolean,
  ) {
    this.snapshot = new SnapshotChecks(s, isIgnored);
    this.batch = s.kind === 'staged' ? [] : undefined;
    const snap = this.snapshot;
    const { out } = this;
    this.sink = {
      target: async (t) => {
        if (isIgnored(t.path)) return;
        if (!this.batch) return this.onTarget(t);
        this.batch.push(t);
        this.batchBytes += t.bytes + (t.content?.length ?? 0);
        if (this.batchBytes > LIMITS.batchBytes) await this.flushBatch(false);
      },
      skip: (kind) => {
        out.skipped[kind]++;
      },
      binary: async (b) => {
        if (!isIgnored(b.path) && (snap.active || snap.gitCryptNear(b.path) || b.bytes))
          await (await snap.get()).onBinary(b);
      },
      commit: (c) => {
        out.commitSeq.set(c.sha, out.progress.commitsDone);
        out.progress.commitsDone++;
        s.onProgress?.(out.progress);
      },
      error: (e) => out.errors.push(e),
    };
    this.srcOpts = {
      wantsContent: (p: string) =>
        (s.engine.iac && wantsIac(p)) ||
        spanningSecrets(p) ||
        certFile(p) ||
        snap.envPath(p) ||
        isVaultName(p) ||
        isAtRestConfig(p) ||
        snap.sopsConfigured(p) ||
        (snap.now?.wants(p) ?? false),
      binaryHead: (p: string) => binaryWhole(p) > 0 || snap.gitCryptNear(p) || (snap.now?.gitCryptDeclared(p) ?? false),
      binaryWhole,
      maxContentBytes: LIMITS.contentBytes,
      maxDecodeBytes: LIMITS.wholeBytes,
    };
  }

  /** One target: the snapshot checks (when they want it), the counts, the engine. */
  async onTarget(t: Target, rules: EngineOptions = this.s.engine): Promise<void> {
    const { out, snapshot } = this;
    if (snapshot.active || snapshot.wantedFor(t)) await (await snapshot.get()).onTarget(t);
    out.progress.files++;
    out.progress.bytes += t.bytes;
    out.record(t.path, await examine(t, rules));
    this.s.onProgress?.(out.progress);
  }

  /**
   * A commit message: the rules over its text, not counted as a file. `fix` says what to do about a secret in it,
   * which depends on where the message is (being written, about to be pushed, already shared).
   */
  async onMessage(t: Target, fix: string, where = ''): Promise<void> {
    const r = await examine(t, this.s.engine);
    for (const f of r.findings)
      if (f.secret) {
        f.remediation = `${fix} ${f.remediation}`;
        f.message = `${where}${f.message}`;
      }
    this.out.progress.bytes += t.bytes;
    this.out.record('', r);
  }

  /** Examine the batched staged targets; `narrow`: against the secret rules whose keywords their added lines hold. */
  async flushBatch(narrow: boolean): Promise<void> {
    if (!this.batch?.length) return;
    const items = this.batch.splice(0);
    this.batchBytes = 0;
    const { engine } = this.s;
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
    if (narrow) this.s.onPhase?.(`secret rules narrowed to ${rules.secrets.rules.length}`);
    for (const t of items) await this.onTarget(t, rules);
  }

  /**
   * Jobs on worker threads (./parallel.ts), given the same settings as plain data. Their items arrive out of order,
   * each with its place in the sequential stream (`place`); counts are taken as they come, the rest is applied in
   * stream order once all are in: the findings, commits and errors of the sequential scan, in its order.
   */
  async inWorkers(
    jobs: Job[],
    n: number,
    disk: boolean,
    place: (job: number, index: number, item: Item) => [number, number],
    earlier: Array<[number, number, Item]> = [],
  ): Promise<boolean> {
    const { s, out, snapshot } = this;
    const { engine, config } = s;
    const x = snapshot.now?.forWorkers();
    const got = earlier;
    const ok = await runInWorkers(
      jobs,
      n,
      {
        root: s.root,
        patterns: s.patterns,
        allow: config.allow.map((r) => [r.source, r.flags]),
        overrides: [...config.rules],
        unusedAllows: engine.unusedAllows ?? false,
        ...(config.revoked ? { revoked: config.revoked } : {}),
        ...(engine.own ? { own: engine.own.creds } : {}),
        examples: engine.examples ?? [],
        ...(engine.policies ? { policies: engine.policies } : {}),
        ...(engine.parameters ? { parameters: engine.parameters } : {}),
        ...(engine.parameterFiles ? { parameterFiles: engine.parameterFiles } : {}),
        ...(engine.templateEnvironments ? { templateEnvironments: true } : {}),
        explainDropped: s.verbose,
        ...(engine.budgetMs !== undefined ? { budgetMs: engine.budgetMs } : {}),
        ignore: config.ignore,
        wants: {
          iac: engine.iac,
          ...(snapshot.envGlobs ? { envs: snapshot.envGlobs } : {}),
          ...(x ? { extras: x } : {}),
        },
        maxContentBytes: LIMITS.contentBytes,
        maxDecodeBytes: LIMITS.wholeBytes,
        ...(disk ? { disk: LIMITS } : {}),
      },
      {
        item: (job, index, it) => {
          if (it.k === 'skip') out.skipped[it.kind]++;
          else if (it.k === 'commit') out.progress.commitsDone++;
          else if (it.k === 'target') {
            out.progress.files++;
            out.progress.bytes += it.t.bytes;
          }
          if (it.k !== 'skip') got.push([...place(job, index, it), it]);
        },
        counted: (files, bytes) => {
          out.progress.files += files;
          out.progress.bytes += bytes;
          s.onProgress?.(out.progress);
        },
      },
    );
    if (!ok) return false;
    got.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let seq = 0;
    for (const [, , it] of got) {
      if (it.k === 'commit') out.commitSeq.set(it.sha, seq++);
      else if (it.k === 'error') out.errors.push(it.e);
      else if (it.k === 'binary') {
        if (snapshot.active || snapshot.gitCryptNear(it.b.path) || it.b.bytes)
          await (await snapshot.get()).onBinary(it.b);
      } else if (it.k === 'target') {
        const t = fromSlim(it.t);
        if (it.x && (snapshot.active || snapshot.wantedFor(t))) await (await snapshot.get()).onTarget(t);
        if (it.out) out.record(t.path, it.out);
      }
    }
    s.onProgress?.(out.progress);
    return true;
  }

  /** Commits in `git log` order: on worker threads when there are enough of them (and the environment/at-rest pass
   * was set up before the first: the workers are given its settings), else as `sequential` does. */
  async scanCommits(shas: string[], sequential: () => Promise<void>): Promise<void> {
    const n = this.snapshot.now ? workerCount({ commits: shas.length }, this.s.workersAsked) : 0;
    if (n >= 2 && (await this.inWorkers(commitJobs(shas, n), n, false, (job, index) => [job, index]))) {
      this.s.onPhase?.(`commits scanned on ${n} worker threads`);
      return;
    }
    await sequential();
  }
}
