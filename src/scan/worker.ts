/**
 * A scan worker (lib/worker.cjs), driven by ./parallel.ts: for a range of commits it runs one `git log -p` and the
 * engine over every file; for a batch of files it reads and examines each. It sends back, in order, what the main
 * thread's sink would have seen — a target only when it has something to report or the environment/at-rest pass
 * looks at it, else just counted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isUsageError, type Target } from '../types.js';
import { examine, type EngineOptions, type EngineOutput } from '../engine/index.js';
import { compileRuleSet } from '../rules/secrets/load.js';
import { makeRoleFinder } from '../env/roles.js';
import { gitCryptMatcher } from '../env/gitattributes.js';
import { commitsSource, type Sink } from '../git/sources.js';
import type { Item, WorkerConfig, WorkerReply, WorkerRequest } from './parallel.js';
import { relatedLister, relatedReader } from './related.js';
import { contentWanted, extrasMayLookAt, ruleIdTest } from './wants.js';
import { scanDiskFile } from './disk.js';
import { binaryWhole } from './binaries.js';
import { OwnMatcher } from '../own/match.js';
import { OWN_ID } from '../rules/hookguard/own.js';

const cfg = workerData as WorkerConfig;
const engine: EngineOptions = {
  secrets: compileRuleSet(cfg.patterns),
  allow: cfg.allow.map(([source, flags]) => new RegExp(source, flags)),
  overrides: new Map(cfg.overrides),
  isRuleId: ruleIdTest([...cfg.patterns.map((p) => p.id), OWN_ID, ...(cfg.policies?.policies.map((p) => p.id) ?? [])]),
  ...(cfg.own?.length ? { own: new OwnMatcher(cfg.own) } : {}),
  unusedAllows: cfg.unusedAllows,
  ...(cfg.revoked ? { revoked: cfg.revoked } : {}),
  iac: cfg.wants.iac,
  examples: cfg.examples,
  ...(cfg.policies ? { policies: cfg.policies } : {}),
  ...(cfg.parameters ? { parameters: cfg.parameters } : {}),
  ...(cfg.parameterFiles ? { parameterFiles: cfg.parameterFiles } : {}),
  ...(cfg.templateEnvironments ? { templateEnvironments: true } : {}),
  readRelated: relatedReader(cfg.root, cfg.disk !== undefined),
  listRelated: relatedLister(cfg.root, cfg.disk !== undefined),
  ...(cfg.budgetMs !== undefined ? { budgetMs: cfg.budgetMs } : {}),
  ...(cfg.explainDropped ? { explainDropped: true } : {}),
};
const roleOf = makeRoleFinder(cfg.wants.envs);
const gitCrypt = cfg.wants.extras ? gitCryptMatcher(cfg.wants.extras.gitCrypt) : undefined;
const srcOpts = {
  wantsContent: contentWanted(cfg.wants, cfg.root),
  binaryHead: (p: string) => binaryWhole(p) > 0 || (gitCrypt?.(p) ?? false),
  binaryWhole,
  maxContentBytes: cfg.maxContentBytes,
  maxDecodeBytes: cfg.maxDecodeBytes,
};
let ignores: ((p: string) => boolean) | undefined;

async function isIgnored(p: string): Promise<boolean> {
  if (!cfg.ignore.length) return false;
  if (!ignores) {
    type Factory = () => import('ignore').Ignore;
    const m = (await import('ignore')) as unknown as { default?: Factory } & Factory;
    const ig = (m.default ?? m)().add(cfg.ignore);
    ignores = (x) => ig.ignores(x);
  }
  return ignores(p);
}

function nothing(o: EngineOutput): boolean {
  return !o.findings.length && !o.suppressed.length && !o.errors.length && !o.dropped?.length && !o.generated;
}

/** Whether the environment/at-rest pass may look at this target (then it goes to the main thread, content and all). */
function forExtras(t: Target): boolean {
  return extrasMayLookAt(t.path, t.content, cfg.wants.envs, roleOf, gitCrypt);
}

/** Items to send, and the targets only counted, since the last message. */
let items: Item[] = [];
let sent = 0;
let files = 0;
let bytes = 0;

async function examined(t: Target): Promise<void> {
  const out = await examine(t, engine);
  const x = forExtras(t);
  if (!x && nothing(out)) {
    files++;
    bytes += t.bytes;
    return;
  }
  items.push({
    k: 'target',
    t: {
      path: t.path,
      bytes: t.bytes,
      ...(t.commit ? { commit: t.commit } : {}),
      ...(t.changed ? { changed: t.changed } : {}),
      ...(t.chunks[0] ? { firstLine: t.chunks[0].startLine } : {}),
      ...(x && t.content !== undefined ? { content: t.content } : {}),
    },
    x,
    ...(nothing(out) ? {} : { out }),
  });
}

function flush(job: number, done: boolean): void {
  parentPort!.postMessage({ job, from: sent, items, files, bytes, done } satisfies WorkerReply);
  sent += items.length;
  items = [];
  files = 0;
  bytes = 0;
}

async function run(job: WorkerRequest): Promise<void> {
  if ('shas' in job) {
    // A long range streams back as it goes: what waits here stays small.
    const sink: Sink = {
      target: async (t) => {
        if (!(await isIgnored(t.path))) await examined(t);
        if (items.length >= 256) flush(job.job, false);
      },
      skip: (kind) => items.push({ k: 'skip', kind }),
      binary: async (b) => {
        if (!(await isIgnored(b.path))) items.push({ k: 'binary', b });
      },
      commit: (c) => items.push({ k: 'commit', sha: c.sha }),
      error: (e) => items.push({ k: 'error', e }),
    };
    await commitsSource(cfg.root, job.shas, sink, srcOpts);
    return;
  }
  for (const f of job.files) {
    const abs = typeof f.abs === 'string' ? f.abs : Buffer.from(f.abs);
    await scanDiskFile({ abs, rel: f.rel, size: f.size }, f.wantsContent, cfg.disk!, engine.budgetMs ?? 10_000, {
      target: examined,
      skip: (kind) => items.push({ k: 'skip', kind }),
      // Walked past the ignore rules already, as its targets.
      binary: async (b) => void items.push({ k: 'binary', b }),
      error: (e) => items.push({ k: 'error', e }),
    });
    items.push({ k: 'end' });
  }
}

parentPort!.on('message', (job: WorkerRequest) => {
  sent = 0;
  run(job).then(
    () => flush(job.job, true),
    (e: Error) =>
      parentPort!.postMessage({ job: job.job, error: e.message, usage: isUsageError(e) } satisfies WorkerReply),
  );
});
