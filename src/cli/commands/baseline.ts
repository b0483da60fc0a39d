/** `hookguard baseline`: merge the current findings into the baseline file (or resolve a conflicted one). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../types.js';
import { scan } from '../../scan/index.js';
import { parseOptions, type CommandSpec } from '../options.js';
import { version, writeOutput, type Command, type Io } from '../shared.js';
import { MODE_ROWS, SCAN_OPTIONS, scanArgsOf, toRequest, type ScanArgs } from './scan.js';

const O = SCAN_OPTIONS;

export const BASELINE_SPEC: CommandSpec = {
  name: 'baseline',
  usage: 'baseline [PATH... | --staged | --history | --diff BASE..HEAD] [options]',
  synopsis: [
    [
      'baseline [scan options]',
      'merge the current findings into the baseline (--replace starts over, --prune drops entries that no longer match)',
    ],
  ],
  about: `Merge the current findings' fingerprints (never the secrets) into the baseline file, so they stop blocking while new
ones still block. Entries follow renamed files and moved lines. Commit the file so the team shares it. Takes the same
modes as "hookguard scan".`,
  rows: [
    ...Object.values(MODE_ROWS).filter((r) => !('name' in r) || r.name !== 'pre-commit-framework'),
    {
      ...O.output,
      help: 'where to write (default: --baseline, else baseline in config, else .hookguard-baseline.json); missing folders are created',
    },
    { name: 'reason', value: 'TEXT', help: 'why the new entries are accepted (shown in pull requests and the policy)' },
    { name: 'expires', value: 'YYYY-MM-DD', help: 'until when they are accepted' },
    { name: 'replace', help: 'start over instead of merging with the existing file' },
    {
      name: 'prune',
      help: 'only drop entries that no longer match; adds nothing (needs a full scan: files, or --history; each entry is judged by a scan of the kind that wrote it)',
    },
    { name: 'resolve', help: 'a baseline git left with conflict markers becomes the union of both sides' },
    O.config,
    {
      ...O.baseline,
      help: 'the baseline file to merge into (default: baseline in config, else .hookguard-baseline.json); with --resolve, the file to resolve',
    },
  ],
  // The scan's command line works here as it is; these options of it change nothing in what a baseline holds.
  inert: [
    MODE_ROWS.preCommitFramework,
    O.format,
    O.failOn,
    O.noBaseline,
    O.profile,
    O.parameters,
    O.profilePath,
    O.denyListPath,
    O.noColor,
    O.verbose,
    O.stagedDiffStdin,
  ],
  notes: `Each entry is one line, sorted, with the kind of scan that wrote it; the file has no timestamp, so two branches that
accept different findings merge cleanly, and a conflict is settled with --resolve (never --replace).`,
  examples: [
    'hookguard baseline --reason "test fixtures, revoked" --expires 2026-12-31',
    'hookguard baseline --history',
    'hookguard baseline --prune              # after fixing accepted findings',
    'hookguard baseline --resolve            # after a merge conflict in the baseline',
    'hookguard baseline infra/ --output infra/.hookguard-baseline.json',
  ],
};

export const command: Command = {
  spec: BASELINE_SPEC,
  run: (argv, io) => baselineCommand(scanArgsOf(parseOptions(argv, BASELINE_SPEC)), io),
};

async function baselineCommand(a: ScanArgs, io: Io): Promise<number> {
  const { mergeBaseline, parseBaseline, serializeBaseline } = await import('../../suppress/baseline.js');
  const { baselinePath } = await import('../../scan/index.js');
  if (a.resolve) return resolveBaseline(a, io);
  const full = (a.mode === 'paths' && !a.stdin) || (a.mode === 'history' && !a.since);
  if (a.prune && !full)
    throw new UsageError(
      '--prune drops entries that no longer match, which only a full scan can tell: use "hookguard baseline --prune" (files) or "hookguard baseline --history --prune"',
    );
  const outcome = await scan(await toRequest(a, io), {
    cwd: io.cwd,
    env: io.env,
    noBaseline: true,
    ...(a.config ? { config: a.config } : {}),
  });
  // An unused suppression is not a risk to accept: it is removed instead (HG-UNUSED-001 never enters a baseline).
  const all = [...outcome.result.findings, ...outcome.result.existing].filter((f) => f.ruleId !== 'HG-UNUSED-001');
  // Where: --output, else --baseline, else `baseline:` of the config, else the default at the repository root.
  const where = a.output
    ? { file: path.resolve(io.cwd, a.output), display: a.output }
    : baselinePath(outcome.root, io.cwd, a.baseline, outcome.config.baseline);
  if (!where) throw new UsageError('hookguard baseline: the baseline is the null device; name a file with --output');
  let prev: Map<string, import('../../suppress/baseline.js').BaselineEntry> | undefined;
  if (!a.replace && existsSync(where.file)) {
    const parsed = parseBaseline(readFileSync(where.file, 'utf8'), where.display);
    if ('error' in parsed) throw new UsageError(`${parsed.error}; use --replace to write a new one`);
    prev = parsed.entries;
  }
  const merged = mergeBaseline(prev, all, `hookguard ${version()}`, {
    prune: Boolean(a.prune),
    ...(a.reason ? { reason: a.reason } : {}),
    ...(a.expires ? { expires: a.expires } : {}),
    mode: BASELINE_MODE[a.mode],
    exists: (f) => existsSync(path.join(outcome.root, f)),
  });
  writeOutput(where.file, serializeBaseline(merged.file));
  const n = merged.file.findings.length;
  const parts = a.prune ? [] : [`${merged.added} new`];
  if (prev) parts.push(`${merged.kept} kept`);
  if (merged.moved) parts.push(`${merged.moved} followed a renamed file`);
  if (a.prune) parts.push(`${merged.pruned} pruned`);
  if (merged.notAdded)
    parts.push(
      `${merged.notAdded} current finding${merged.notAdded === 1 ? '' : 's'} not in the baseline left out: --prune only prunes; accept them with "hookguard baseline"`,
    );
  io.stderr(
    `hookguard: wrote ${n} entr${n === 1 ? 'y' : 'ies'} to ${where.display} (${parts.join(', ')}${prev ? '; merged with what was there, --replace starts over' : ''}); commit it so the team shares it.\n`,
  );
  return 0;
}

const BASELINE_MODE = {
  paths: 'files',
  history: 'history',
  range: 'diff',
  staged: 'staged',
  'pre-push': 'pre-push',
  'commit-msg': 'commit-msg',
} as const;

/** `hookguard baseline --resolve`: a baseline git left with conflict markers becomes the union of both sides. */
async function resolveBaseline(a: ScanArgs, io: Io): Promise<number> {
  const { resolveConflicted, serializeBaseline, parseBaseline } = await import('../../suppress/baseline.js');
  const { baselinePath, loadRulesAndConfig } = await import('../../scan/index.js');
  const { repoRoot } = await import('../../git/repo.js');
  const root = (await repoRoot(io.cwd, io.env)) ?? io.cwd;
  let fromConfig: string | undefined;
  if (!a.baseline) fromConfig = (await loadRulesAndConfig(root, a.config, io.cwd)).config.baseline;
  const where = baselinePath(root, io.cwd, a.baseline, fromConfig);
  if (!where || !existsSync(where.file))
    throw new UsageError(`hookguard baseline --resolve: no baseline file ${where?.display ?? ''} to resolve`.trim());
  const text = readFileSync(where.file, 'utf8');
  const r = resolveConflicted(text, where.display);
  if (!r) {
    const parsed = parseBaseline(text, where.display);
    if ('error' in parsed) throw new UsageError(parsed.error);
    io.stderr(`hookguard: ${where.display} has no conflict markers; nothing to resolve.\n`);
    return 0;
  }
  if ('error' in r) throw new UsageError(r.error);
  writeOutput(where.file, serializeBaseline(r.file));
  const n = r.file.findings.length;
  io.stderr(
    `hookguard: resolved ${where.display}: ${n} entr${n === 1 ? 'y' : 'ies'}, the union of both sides (${r.ours} on ours, ${r.theirs} more from theirs). Check it and "git add" it.\n`,
  );
  return 0;
}
