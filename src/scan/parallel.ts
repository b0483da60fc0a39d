/**
 * Scans on several cores, with worker threads (./worker.ts, built as lib/worker.cjs).
 * - Commit scans: the commit list is cut into one contiguous range per worker; each worker runs one `git log -p` over
 *   its range (one process per range: git's delta-base cache stays warm, where many small batches each paid to
 *   rebuild it) and the engine over every file, and streams back what it found.
 * - Directory scans: the main thread walks; workers read and examine batches of files, handed out as they free up.
 * Results arrive out of order; each carries its place in the sequential stream (a pair of numbers), and the scan
 * applies them in that order at the end, so findings, their order, their commits, suppressions and errors are those
 * of the sequential scan. What arrives is small (a file with nothing to report arrives as two counters), so memory
 * stays flat however long the history.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { CommitInfo, FileError, Severity, Target } from '../types.js';
import { UsageError } from '../types.js';
import type { EngineOutput } from '../engine/index.js';
import type { PolicyBundle } from '../policies/types.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import type { WantsConfig } from './wants.js';
import type { OwnCredential } from '../own/credentials.js';
import type { DiskLimits } from './disk.js';

/** What a worker needs to run the engine as the main thread would: plain data only. */
export interface WorkerConfig {
  root: string;
  patterns: SecretPattern[];
  allow: Array<[source: string, flags: string]>;
  overrides: Array<[string, 'off' | Severity]>;
  unusedAllows: boolean;
  revoked?: { users: string[]; keys: string[] };
  /** Your own credentials (and providers' values) to look for by value (OWN-001). */
  own?: OwnCredential[];
  examples: string[];
  /** The team's policies (plain data). */
  policies?: PolicyBundle;
  /** `--parameters FILE`, read by the main thread. */
  parameters?: { path: string; text: string };
  /** Config `parameterFiles`. */
  parameterFiles?: Array<[glob: string, template: string]>;
  /** Git modes: changed templates are judged with their parameter files (EngineOptions.templateEnvironments). */
  templateEnvironments?: boolean;
  explainDropped: boolean;
  budgetMs?: number;
  /** Config `ignore` patterns (gitignore syntax). */
  ignore: string[];
  wants: WantsConfig;
  maxContentBytes: number;
  maxDecodeBytes: number;
  /** Directory scans: how files are read (and related files come from the disk, not from git). */
  disk?: DiskLimits;
}

/** A file for a worker to read and examine (a directory scan). */
export interface FileJob {
  abs: string | Uint8Array;
  rel: string;
  size: number;
  wantsContent: boolean;
}

export type Job = { shas: string[] } | { files: FileJob[] };
export type WorkerRequest = { job: number } & Job;

/** A target as the environment/at-rest pass sees it: no chunk text, content only when that pass reads it. */
export interface SlimTarget {
  path: string;
  commit?: CommitInfo;
  changed?: Array<[number, number]>;
  firstLine?: number;
  bytes: number;
  content?: string;
}

/**
 * What the sequential sink would have seen, item by item. A target is sent only when it has something to report or
 * the environment/at-rest pass looks at it (`t`); otherwise only counted (`files`, `bytes` of the reply).
 */
export type Item =
  | { k: 'commit'; sha: string }
  /** `x`: the environment/at-rest pass looks at it (or would start for it); `out`: unless it found nothing. */
  | { k: 'target'; t: SlimTarget; x: boolean; out?: EngineOutput }
  | { k: 'skip'; kind: 'binary' | 'large' | 'other' }
  | { k: 'error'; e: FileError }
  /** A binary blob at a path declared git-crypt, with its first bytes (Extras.onBinary). */
  | { k: 'binary'; b: { path: string; head?: Uint8Array; bytes?: Uint8Array; commit?: CommitInfo } }
  /** The end of one file of a directory scan. */
  | { k: 'end' };

/** Items of a job, from its `from`-th on; `done` once the job is finished. */
export type WorkerReply =
  | { job: number; from: number; items: Item[]; files: number; bytes: number; done: boolean }
  | { job: number; error: string; usage: boolean };

/** The Target the environment/at-rest pass is given for a slim one. */
export function fromSlim(t: SlimTarget): Target {
  return {
    path: t.path,
    chunks: t.firstLine !== undefined ? [{ startLine: t.firstLine, text: '' }] : [],
    bytes: t.bytes,
    ...(t.changed ? { changed: t.changed } : {}),
    ...(t.commit ? { commit: t.commit } : {}),
    ...(t.content !== undefined ? { content: t.content } : {}),
  };
}

/**
 * When workers pay for themselves (measured; see the notes of issue 14). Two workers cost ~0.3–0.6 s of CPU more than
 * one thread (each loads and warms up the engine), while the engine examines ~14 MB per CPU-second: on two idle cores
 * they finish first only when the one-thread work exceeds their cost, from about 8 MiB of files. A commit scan on one
 * thread already keeps two cores busy (git on one, the engine on the other), and splitting the history costs more git
 * work (each range starts with a cold delta cache: about a third more on the histories measured): on two cores that
 * is no faster, so commit scans use workers from three cores on (or when HOOKGUARD_WORKERS asks). Reading and
 * examining files gains on two.
 */
export const PARALLEL_MIN = { commits: 300, bytes: 8 * 1024 * 1024, coresForCommits: 3 };

/** The worker script beside the built library (lib/worker.cjs), wherever this module was bundled. */
function workerFile(): string | undefined {
  for (const rel of ['./worker.cjs', '../worker.cjs', '../../lib/worker.cjs']) {
    const f = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(f)) return f;
  }
  return undefined;
}

/**
 * How many workers to use: `requested` (HOOKGUARD_WORKERS; 0 or 1 = none), else one per core when the work is large
 * enough to pay for them. 0 = scan on the main thread.
 */
export function workerCount(work: { commits: number } | { bytes: number; files: number }, requested?: number): number {
  const units = 'commits' in work ? work.commits : work.files;
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(requested, units);
  const cores = availableParallelism();
  if (
    'commits' in work
      ? work.commits < PARALLEL_MIN.commits || cores < PARALLEL_MIN.coresForCommits
      : work.bytes < PARALLEL_MIN.bytes
  )
    return 0;
  return Math.min(cores, 8, units);
}

/** One contiguous range of commits per worker. */
export function commitJobs(shas: string[], workers: number): Job[] {
  const size = Math.ceil(shas.length / workers);
  const jobs: Job[] = [];
  for (let i = 0; i < shas.length; i += size) jobs.push({ shas: shas.slice(i, i + size) });
  return jobs;
}

/** File batches of about `bytes` (a large file alone), at most 64 files. */
export function fileJobs(files: FileJob[], bytes = 512 * 1024): Job[] {
  const jobs: Job[] = [];
  let cur: FileJob[] = [];
  let n = 0;
  for (const f of files) {
    cur.push(f);
    n += f.size;
    if (n >= bytes || cur.length >= 64) {
      jobs.push({ files: cur });
      cur = [];
      n = 0;
    }
  }
  if (cur.length) jobs.push({ files: cur });
  return jobs;
}

export interface WorkerEvents {
  /** The `index`-th item of job `job` (jobs in stream order, items in order within a job); may arrive out of order. */
  item(job: number, index: number, item: Item): void;
  /** Targets that were only counted. */
  counted(files: number, bytes: number): void;
}

/**
 * Run `jobs` on `workers` worker threads, each taking the next job when it is free. Returns false, having done
 * nothing, when the worker script is not there (running from sources without a build, or a bundle without it).
 */
export async function runInWorkers(
  jobs: Job[],
  workers: number,
  config: WorkerConfig,
  on: WorkerEvents,
): Promise<boolean> {
  const file = workerFile();
  if (!file || workers < 2) return false;
  const { Worker } = await import('node:worker_threads');
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const give = (w: Worker) => {
        if (next < jobs.length) w.postMessage({ job: next, ...jobs[next++]! } satisfies WorkerRequest);
      };
      for (let i = 0; i < Math.min(workers, jobs.length); i++) {
        const w = new Worker(file, { workerData: config });
        pool.push(w);
        w.on('message', (m: WorkerReply) => {
          if (failed) return;
          if ('error' in m) return fail(m.usage ? new UsageError(m.error) : new Error(m.error));
          try {
            m.items.forEach((it, i) => on.item(m.job, m.from + i, it));
            on.counted(m.files, m.bytes);
          } catch (e) {
            return fail(e as Error);
          }
          if (!m.done) return;
          if (++finished === jobs.length) resolve();
          else give(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (finished < jobs.length) fail(new Error(`a scan worker exited early (code ${code})`));
        });
        give(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return true;
}
