/**
 * `hookguard scan`: its option table (which `hookguard baseline` shares), the arguments it turns them into, and the
 * command. This is the hooks' hot path: main.ts imports it statically, and it loads nothing else up front.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  atLeast,
  UsageError,
  type FailOn,
  type Finding,
  type RuleDoc,
  type ScanRequest,
  type ScanResult,
} from '../../types.js';
import { scan, loadRulesAndConfig } from '../../scan/index.js';
import { textReport } from '../../report/text.js';
import { scrubUserinfo } from '../../report/scrub.js';
import { stagedDiffOnStdin } from '../../git/prestart.js';
import { flag, parseOptions, str, type CommandSpec, type OptionSpec, type Parsed, type Row } from '../options.js';
import { allRuleDocs } from '../rule-docs.js';
import { debug, debugOn, version, writeOutput, type Command, type Io, type Launch } from '../shared.js';

export interface ScanArgs {
  mode: 'paths' | 'staged' | 'pre-push' | 'history' | 'range' | 'commit-msg';
  paths: string[];
  /** `scan -`: the content comes on stdin; `--stdin-filename` names it. */
  stdin?: boolean;
  stdinFilename?: string;
  /** `--untracked`: the repository's tracked and untracked files (git ls-files), not a directory walk. */
  untracked?: boolean;
  /** `--commit-msg FILE`: the message file git gives a commit-msg hook. */
  commitMsg?: string;
  since?: string;
  range?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  failOn?: FailOn;
  /** `--profile NAME` (from the config's profiles:), `--profile-path FILE` and `--deny-list-path FILE` (rule ids). */
  profile?: string;
  /** `--parameters FILE`: CloudFormation templates evaluated with this parameter file's values (as cfn_nag's). */
  parameters?: string;
  profilePath?: string;
  denyListPath?: string;
  config?: string;
  baseline?: string;
  /** --no-baseline: apply no baseline at all. */
  noBaseline?: boolean;
  /** hookguard baseline: start over instead of merging (--replace), or drop entries that no longer match (--prune). */
  replace?: boolean;
  prune?: boolean;
  /** hookguard baseline: why the new entries are accepted (--reason), and until when (--expires YYYY-MM-DD). */
  reason?: string;
  expires?: string;
  /** hookguard baseline --resolve: union the two sides of a baseline that git left with conflict markers. */
  resolve?: boolean;
  color: boolean;
  /** Say which candidates secret rules set aside, and why. */
  verbose?: boolean;
  /** `--pre-commit-framework`: run as the pre-commit framework's hook; the stage decides staged or pre-push. */
  preCommitFramework?: boolean;
  /** `--staged-diff-stdin`: the installed hook pipes `git diff --cached` in (lib/staged.sh, src/git/prestart.ts). */
  stagedDiffStdin?: boolean;
}

export const FORMATS = [
  'text',
  'json',
  'sarif',
  'github',
  'html',
  'markdown',
  'junit',
  'gitlab-secrets',
  'gitlab-sast',
  'codequality',
] as const;
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;

const M = 'Modes';

/** What to scan: the operands and the mode options (one mode at a time). */
export const MODE_ROWS = {
  paths: { operand: 'PATH...', group: M, help: 'files on disk (default .), honouring .gitignore and config ignores' },
  staged: {
    name: 'staged',
    group: M,
    help: "the index (what the next commit holds): only the lines you add block; during a merge, only lines that are on neither parent (the merge's own resolution)",
  },
  prePush: {
    name: 'pre-push',
    operands: '[REMOTE [URL]]',
    group: M,
    help: 'every commit being pushed, from the lines git gives a pre-push hook on stdin; by hand, use --diff @{u}..HEAD instead',
  },
  preCommitFramework: {
    name: 'pre-commit-framework',
    group: M,
    help: "as the pre-commit framework's hook (.pre-commit-hooks.yaml): --pre-push at its pre-push stage (PRE_COMMIT_TO_REF or PRE_COMMIT_REMOTE_NAME set), else --staged",
  },
  history: { name: 'history', group: M, help: "every commit's added lines (all refs unless --since)" },
  since: { name: 'since', value: 'REV', group: M, help: 'with --history: only the commits after REV' },
  diff: { name: 'diff', value: 'BASE..HEAD', group: M, help: 'every commit in a range (what the GitHub Action runs)' },
  untracked: {
    name: 'untracked',
    operands: '[PATH...]',
    group: M,
    help: "the repository's tracked and untracked files as git lists them (git ls-files --cached --others --exclude-standard): a tracked file that .gitignore matches is scanned too",
  },
  stdin: { operand: '-', group: M, help: 'content from stdin' },
  stdinFilename: {
    name: 'stdin-filename',
    value: 'NAME',
    group: M,
    help: 'with -: the path the content is reported as, which also decides which rules apply (e.g. template.yaml or .env)',
  },
  commitMsg: {
    name: 'commit-msg',
    value: 'FILE',
    group: M,
    help: 'the message of the commit being made (what the commit-msg hook runs with git\'s "$1"); git\'s comment lines and everything below a scissors line are not part of it',
  },
} satisfies Record<string, Row>;

/** The options of a scan's report, threshold and configuration (listed in `hookguard --help` too). */
export const SCAN_OPTIONS = {
  format: {
    name: 'format',
    short: 'f',
    value: 'FORMAT',
    choices: FORMATS,
    help: 'text (default), json, sarif, github, html (an audit report), markdown, junit, gitlab-secrets, gitlab-sast or codequality',
  },
  output: {
    name: 'output',
    short: 'o',
    value: 'FILE',
    help: 'write the report to FILE (atomically) instead of stdout; missing folders are created',
  },
  failOn: {
    name: 'fail-on',
    value: 'critical|high|medium|low|none',
    choices: FAIL_ON,
    help: 'exit 1 when a finding reaches this severity (default high, or failOn in config)',
  },
  config: {
    name: 'config',
    short: 'c',
    value: 'FILE',
    help: 'config file (default .hookguard.yaml at the repository root)',
  },
  baseline: {
    name: 'baseline',
    value: 'FILE',
    help: 'baseline file (default: baseline in config, else .hookguard-baseline.json when present)',
  },
  noBaseline: { name: 'no-baseline', help: 'apply no baseline (same as --baseline /dev/null)' },
  profile: { name: 'profile', value: 'NAME', help: "apply one profile of the config's profiles: to every file" },
  parameters: {
    name: 'parameters',
    value: 'FILE',
    help: "evaluate CloudFormation templates with this parameter file's values",
  },
  profilePath: {
    name: 'profile-path',
    value: 'FILE',
    help: 'only these CloudFormation/Ansible/policy rules (ids or globs, one per line)',
  },
  denyListPath: { name: 'deny-list-path', value: 'FILE', help: 'never these rules (ids or globs, one per line)' },
  noColor: {
    name: 'no-color',
    help: 'plain output (also NO_COLOR=1, and whenever stdout is not a terminal)',
  },
  verbose: {
    name: 'verbose',
    help: 'also list, on stderr, the candidates secret rules set aside and why (placeholder, reference, checksum, entropy, test code, generated file…)',
  },
  stagedDiffStdin: {
    name: 'staged-diff-stdin',
    group: 'Used by the installed hooks',
    help: 'with --staged: git diff --cached comes on stdin (the hook starts it before node)',
  },
} satisfies Record<string, OptionSpec>;

export const SCAN_SPEC: CommandSpec = {
  name: 'scan',
  usage: `scan [PATH...] | --staged | --pre-push [REMOTE [URL]] | --history [--since REV] | --diff BASE..HEAD
       | --commit-msg FILE | --untracked [PATH...] | - [--stdin-filename NAME]`,
  synopsis: [
    ['scan [PATH...]', 'scan files on disk (default .), honouring .gitignore and config ignores'],
    ['scan --staged', 'scan what is staged (added/changed lines only)'],
    ['scan --pre-push [REMOTE [URL]]', "scan every commit being pushed (reads git's pre-push lines on stdin)"],
    ['scan --pre-commit-framework', "the pre-commit framework's hook (staged, or pushed commits at pre-push)"],
    ['scan --history [--since REV]', "scan every commit's added lines (all refs unless --since)"],
    ['scan --diff BASE..HEAD', 'scan every commit in a range'],
    ['scan --commit-msg FILE', 'scan a commit message (what the commit-msg hook runs)'],
    ['scan - [--stdin-filename NAME]', 'scan what comes on stdin (reported as NAME)'],
    ['scan --untracked [PATH...]', 'scan the tracked and untracked files git lists (not ignored ones)'],
  ],
  about: `Find secrets and insecure CloudFormation/Ansible. Exit 0: nothing at or above --fail-on; 1: findings that block;
2: a usage, config or git error.`,
  rows: [
    ...Object.values(MODE_ROWS),
    ...Object.values(SCAN_OPTIONS),
    {
      name: 'fix',
      help: 'apply the safe CloudFormation/Ansible fixes instead of reporting: the same as hookguard fix, with its options',
    },
  ],
  notes: `Commit messages are scanned too: --commit-msg, and every commit's message in --pre-push, --history and --diff. A
finding there has no file ("file": null, "in": "message" in JSON) and names its commit.

Every mode runs the secret, CloudFormation and Ansible rules with the same rule ids and fingerprints. Secrets block
on added lines (in a push: in every commit); CloudFormation/Ansible findings block where the change touches the
resource or task (in a push: only if still present at the pushed tip; in --history/--diff: reported once, at the
commit that introduced them). A file that could not be read in full (over a size bound, a line cut short) blocks
--staged and --pre-push; a file that does not parse (malformed YAML/JSON) is listed under "Files with problems", its
lines are still checked for secrets, and it does not block by itself.`,
  examples: [
    'hookguard scan                          # the working tree',
    'hookguard scan infra/ deploy.yml --format json',
    'hookguard scan --staged                 # what the pre-commit hook runs',
    'hookguard scan --diff @{u}..HEAD        # the commits you are about to push',
    'hookguard scan --diff origin/main..HEAD --format sarif --output hookguard.sarif',
    'hookguard scan --history --since v1.0.0 --fail-on medium',
    'hookguard scan --commit-msg .git/COMMIT_EDITMSG',
    'git show HEAD:config/prod.env | hookguard scan - --stdin-filename config/prod.env',
  ],
};

/** The mode options, as `choose one of` names them. */
const MODE_FLAGS = ['staged', 'pre-push', 'pre-commit-framework', 'history', 'diff', 'commit-msg'];

/** Scan (or baseline) arguments from what the table parsed: the mode, and the rules of which goes with which. */
export function scanArgsOf(p: Parsed): ScanArgs {
  const a: ScanArgs = { mode: 'paths', paths: p.operands, format: 'text', color: !flag(p, 'no-color') };
  const modes = p.order.filter((o) => MODE_FLAGS.includes(o));
  for (const m of modes)
    a.mode = m === 'pre-commit-framework' ? 'staged' : m === 'diff' ? 'range' : (m as ScanArgs['mode']);
  if (flag(p, 'pre-commit-framework')) a.preCommitFramework = true;
  const set = <K extends keyof ScanArgs>(key: K, v: ScanArgs[K] | undefined) => {
    if (v !== undefined && v !== false) a[key] = v;
  };
  set('commitMsg', str(p, 'commit-msg'));
  set('range', str(p, 'diff'));
  set('since', str(p, 'since'));
  set('stdinFilename', str(p, 'stdin-filename'));
  set('untracked', flag(p, 'untracked'));
  set('stagedDiffStdin', flag(p, 'staged-diff-stdin'));
  set('format', str(p, 'format') as ScanArgs['format'] | undefined);
  set('output', str(p, 'output'));
  set('failOn', str(p, 'fail-on') as FailOn | undefined);
  set('profile', str(p, 'profile'));
  set('parameters', str(p, 'parameters'));
  set('profilePath', str(p, 'profile-path'));
  set('denyListPath', str(p, 'deny-list-path'));
  set('config', str(p, 'config'));
  set('baseline', str(p, 'baseline'));
  set('verbose', flag(p, 'verbose'));
  set('noBaseline', flag(p, 'no-baseline'));
  set('replace', flag(p, 'replace'));
  set('prune', flag(p, 'prune'));
  set('resolve', flag(p, 'resolve'));
  const reason = str(p, 'reason');
  if (reason !== undefined) {
    if (!reason.trim()) throw new UsageError('--reason needs a text: why these findings are accepted');
    a.reason = reason.trim();
  }
  const expires = str(p, 'expires');
  if (expires !== undefined) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(expires) ? new Date(`${expires}T00:00:00Z`) : undefined;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== expires)
      throw new UsageError(`--expires must be a date as YYYY-MM-DD (got "${expires}")`);
    a.expires = expires;
  }
  checkCombinations(a, modes);
  return a;
}

/** The options that do not go together, and the operands each mode takes. */
function checkCombinations(a: ScanArgs, modes: string[]): void {
  if (a.mode === 'paths' && a.paths.includes('-')) {
    if (a.paths.length > 1) throw new UsageError('"-" (content on stdin) goes alone, without other paths');
    if (a.untracked) throw new UsageError('choose one of "-" (stdin) and --untracked');
    a.stdin = true;
    a.paths = [];
  }
  if (a.stdinFilename !== undefined && !a.stdin)
    throw new UsageError('--stdin-filename goes with "hookguard scan -" (content on stdin)');
  if (a.untracked && a.mode !== 'paths')
    throw new UsageError('--untracked goes with a scan of files (hookguard scan --untracked [PATH...])');
  if (a.replace && a.prune) throw new UsageError('choose one of --replace, --prune');
  if (a.resolve && (a.replace || a.prune || a.reason || a.expires || modes.length))
    throw new UsageError('--resolve only merges a conflicted baseline file; run it on its own (with --baseline FILE)');
  if (a.noBaseline && a.baseline) throw new UsageError('choose one of --baseline, --no-baseline');
  if (modes.length > 1) throw new UsageError(`choose one of ${modes.map((m) => `--${m}`).join(', ')}`);
  if (a.since && a.mode !== 'history') throw new UsageError('--since goes with --history');
  if (a.stagedDiffStdin && (a.mode !== 'staged' || a.preCommitFramework))
    throw new UsageError('--staged-diff-stdin goes with --staged');
  if (a.paths.length && a.mode !== 'paths' && a.mode !== 'pre-push')
    throw new UsageError(
      `unexpected argument "${a.paths[0]}": paths go with "hookguard scan PATH…", not with --${a.mode === 'range' ? 'diff' : a.mode}${a.mode === 'commit-msg' ? ' (it takes one FILE)' : ''}`,
    );
  if (a.mode === 'pre-push' && a.paths.length > 2) throw new UsageError('--pre-push takes at most REMOTE and URL');
}

/** Parse `hookguard scan` arguments. Unknown options are errors (exit 2), never ignored. */
export function parseScanArgs(argv: readonly string[]): ScanArgs {
  return scanArgsOf(parseOptions(argv, SCAN_SPEC));
}

export const command: Command = {
  spec: SCAN_SPEC,
  run: (argv, io, launch) => scanCommand(parseScanArgs(argv), io, launch),
};

/**
 * The pre-commit framework runs pre-push hooks without git's stdin but with PRE_COMMIT_FROM_REF/TO_REF (remote and
 * local shas): turn those into the line git would have written. On a branch's first push, when the pushed commits
 * reach a root commit, pre-commit passes no refs, only PRE_COMMIT_LOCAL_BRANCH/REMOTE_BRANCH/REMOTE_NAME: the line
 * then names the local branch's commit and an unknown remote sha (every commit the remote does not have is scanned).
 */
export async function prePushInput(
  stdin: string,
  env: NodeJS.ProcessEnv,
  resolveRef: (ref: string) => Promise<string | undefined> = () => Promise.resolve(undefined),
): Promise<{ stdin: string; remote?: string }> {
  if (stdin.trim()) return { stdin };
  const remote = env.PRE_COMMIT_REMOTE_NAME ? { remote: env.PRE_COMMIT_REMOTE_NAME } : {};
  const zero = '0'.repeat(40);
  const localRef = env.PRE_COMMIT_LOCAL_BRANCH ?? 'HEAD';
  const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH ?? 'refs/heads/unknown';
  if (env.PRE_COMMIT_TO_REF) {
    const from =
      env.PRE_COMMIT_FROM_REF && /^[0-9a-f]{40,64}$/.test(env.PRE_COMMIT_FROM_REF) ? env.PRE_COMMIT_FROM_REF : zero;
    return { stdin: `${localRef} ${env.PRE_COMMIT_TO_REF} ${remoteRef} ${from}\n`, ...remote };
  }
  if (env.PRE_COMMIT_REMOTE_NAME && env.PRE_COMMIT_LOCAL_BRANCH) {
    const sha = await resolveRef(env.PRE_COMMIT_LOCAL_BRANCH);
    if (sha) return { stdin: `${localRef} ${sha} ${remoteRef} ${zero}\n`, ...remote };
  }
  return { stdin };
}

async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  const { git } = await import('../../git/run.js');
  const r = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const sha = r.stdout.toString('utf8').trim();
  return r.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/**
 * Whether a pre-push scan with empty stdin was started by git (nothing to push: git still runs the hook, with the
 * remote's name and URL as arguments and GIT_EXEC_PATH set) rather than typed by hand.
 */
function byGit(a: ScanArgs, io: Io): boolean {
  if (io.stdinTTY) return false;
  return a.paths.length > 0 || Boolean(io.env.GIT_EXEC_PATH) || Boolean(io.env.PRE_COMMIT);
}

export function toRequest(a: ScanArgs, io: Io): Promise<ScanRequest> | ScanRequest {
  switch (a.mode) {
    case 'staged':
      return { kind: 'staged' };
    case 'pre-push':
      return io.stdin().then(async (raw) => {
        const { stdin, remote } = await prePushInput(raw, io.env, (ref) => resolveCommit(io.cwd, ref));
        if (!stdin.trim() && !byGit(a, io))
          throw new UsageError(
            'scan --pre-push reads the lines git gives a pre-push hook on stdin, and got none. To scan the commits you are about to push, run: hookguard scan --diff @{u}..HEAD',
          );
        const r = a.paths[0] ?? remote;
        return {
          kind: 'pre-push' as const,
          stdin,
          ...(r ? { remote: r } : {}),
          ...(a.paths[1] ? { url: a.paths[1] } : {}),
        };
      });
    case 'history':
      return { kind: 'history', ...(a.since ? { since: a.since } : {}) };
    case 'range':
      return { kind: 'range', range: a.range! };
    case 'commit-msg':
      return { kind: 'commit-msg', file: a.commitMsg!, text: readMessageFile(io.cwd, a.commitMsg!) };
    default:
      if (a.stdin)
        return io.stdin().then((text) => ({
          kind: 'stdin' as const,
          text,
          label: (a.stdinFilename ?? 'stdin').split(path.sep).join('/').replace(/^\.\//, ''),
        }));
      return { kind: 'paths', paths: a.paths, ...(a.untracked ? { untracked: true } : {}) };
  }
}

/** The message file git gives a commit-msg hook (relative to the repository's top, where git runs hooks). */
function readMessageFile(cwd: string, file: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(
      `--commit-msg: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); a commit-msg hook passes the message file git gives it: hookguard scan --commit-msg "$1"`,
    );
  }
}

const SCOPE: Record<ScanArgs['mode'], string> = {
  'commit-msg': 'commit message',
  staged: 'staged changes',
  'pre-push': 'commits being pushed',
  history: 'history',
  range: 'range',
  paths: 'files',
};

/** `hookguard scan`: run the scan the arguments ask for, write its report, and say on stderr what to do next. */
async function scanCommand(a: ScanArgs, io: Io, launch: Launch): Promise<number> {
  if (a.preCommitFramework) {
    // One hook for every stage of the pre-commit framework: its pre-push stage passes the refs being pushed (or, on
    // a first push, the remote's name); post-checkout passes refs too, but has nothing to check.
    if (io.env.PRE_COMMIT_CHECKOUT_TYPE !== undefined) return 0;
    a.mode = io.env.PRE_COMMIT_TO_REF || io.env.PRE_COMMIT_REMOTE_NAME ? 'pre-push' : 'staged';
  }
  if ((a.mode === 'staged' || a.mode === 'pre-push' || a.mode === 'commit-msg') && io.env.HOOKGUARD === '0') {
    io.stderr('hookguard: skipped (HOOKGUARD=0)\n');
    return 0;
  }
  // The installed hook pipes the staged diff in (bin/hookguard.cjs takes it from stdin then, and starts no git).
  const prestarted =
    a.stagedDiffStdin && launch.prestarted?.fd === undefined ? stagedDiffOnStdin(io.cwd) : launch.prestarted;
  if (prestarted?.fd !== undefined) debug(io, 'staged diff: piped in by the hook');
  const progress =
    io.errTTY &&
    !io.env.CI &&
    (a.mode === 'history' || a.mode === 'range' || a.mode === 'pre-push' || a.mode === 'paths')
      ? progressLine(io)
      : undefined;
  const outcome = await scan(await toRequest(a, io), {
    cwd: io.cwd,
    env: io.env,
    ...(prestarted ? { prestarted } : {}),
    ...(debugOn(io)
      ? {
          onPhase: (phase: string) => {
            const c = process.cpuUsage();
            debug(
              io,
              `${performance.now().toFixed(1)} ms since process start (cpu ${((c.user + c.system) / 1000).toFixed(1)} ms): ${phase}`,
            );
          },
        }
      : {}),
    ...(a.config ? { config: a.config } : {}),
    ...(a.baseline ? { baseline: a.baseline } : {}),
    ...(a.noBaseline ? { noBaseline: true } : {}),
    ...(a.failOn ? { failOn: a.failOn } : {}),
    ...(a.profile ? { profile: a.profile } : {}),
    ...(a.profilePath ? { profilePath: a.profilePath } : {}),
    ...(a.parameters ? { parameters: a.parameters } : {}),
    ...(a.denyListPath ? { denyListPath: a.denyListPath } : {}),
    ...(a.verbose ? { verbose: true } : {}),
    ...(progress ? { onProgress: progress.draw } : {}),
  });
  progress?.clear();
  debug(
    io,
    `scan ${a.mode}: ${outcome.result.summary.files} files in ${outcome.result.summary.durationMs} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  const text = await renderScanReport(a, outcome, io);
  // The commit-msg hook runs right after pre-commit, which already said its line: a clean message says nothing.
  const quiet =
    a.mode === 'commit-msg' &&
    a.format === 'text' &&
    !a.output &&
    outcome.result.findings.length + outcome.result.existing.length + outcome.result.errors.length === 0;
  if (quiet) return outcome.exitCode;
  if (a.output) writeOutput(a.output, text);
  else io.stdout(text);
  if (a.verbose) io.stderr(droppedReport(outcome.result));
  if (outcome.exitCode === 1) await blockedAdvice(a, outcome, io);
  return outcome.exitCode;
}

type Outcome = Awaited<ReturnType<typeof scan>>;

/** The progress line of a long scan on a terminal: redrawn at most five times a second, after the first half second. */
function progressLine(io: Io) {
  let lastDraw = 0;
  const t0 = Date.now();
  let drew = false;
  return {
    draw: (p: { bytes: number; files: number; commitsDone?: number; commitsTotal?: number }) => {
      const now = Date.now();
      if (now - lastDraw < 200 || now - t0 < 500) return;
      lastDraw = now;
      drew = true;
      const mbs = p.bytes / 1048576 / Math.max(0.001, (now - t0) / 1000);
      const what = p.commitsTotal ? `${p.commitsDone}/${p.commitsTotal} commits` : `${p.files} files`;
      io.stderr(`\r\x1b[2Khookguard: ${what}, ${mbs.toFixed(1)} MB/s`);
    },
    clear: () => {
      if (drew) io.stderr('\r\x1b[2K');
    },
  };
}

/** The scan's report in the format asked for (each format's module loaded only when it is the one asked for). */
async function renderScanReport(a: ScanArgs, outcome: Outcome, io: Io): Promise<string> {
  const color =
    a.color && io.isTTY && !a.output && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && io.env.TERM !== 'dumb';
  const ctx = {
    toolVersion: version(),
    failOn: outcome.failOn,
    color,
    rules: [] as RuleDoc[],
    scope: SCOPE[a.mode],
    hook: a.mode === 'staged' || a.mode === 'pre-push',
    verbose: Boolean(a.verbose),
    command: selfCommand(),
  };
  switch (a.format) {
    case 'json':
      return (await import('../../report/json.js')).jsonReport(outcome.result, ctx);
    case 'sarif': {
      const { patterns, policies } = await loadRulesAndConfig(outcome.root, a.config, io.cwd);
      ctx.rules = await allRuleDocs(patterns, policies);
      return (await import('../../report/sarif.js')).sarifReport(outcome.result, ctx);
    }
    case 'github':
      return (await import('../../report/github.js')).githubReport(outcome.result, ctx);
    case 'text':
      return textReport(outcome.result, ctx);
    default: {
      const { publicReport } = await import('../../report/json.js');
      const pub = publicReport(outcome.result, ctx);
      let parity;
      if (a.format === 'html') {
        // The HTML report shows masked snippets and, when the repository has environments, the parity matrix.
        const snip = new Map(outcome.result.findings.map((f) => [f.fingerprint + (f.commit ?? ''), f.snippet]));
        for (const f of pub.findings) {
          const sn = snip.get(f.fingerprint + (f.commit ?? ''));
          if (sn) f.snippet = scrubUserinfo(sn);
        }
        const where =
          a.mode === 'paths' && a.paths.length ? a.paths.map((p) => path.resolve(io.cwd, p)) : [outcome.root];
        const { parityFor } = await import('./env.js');
        const table = (await parityFor(outcome.root, where, a.config, io).catch(() => undefined))?.table;
        if (table?.roles.length) parity = table;
      }
      return (await import('../../report/render.js')).renderReport(a.format, pub, {
        scope: SCOPE[a.mode],
        ...(parity ? { parity } : {}),
      });
    }
  }
}

/** What a blocked hook says on stderr after its report: what to do, by mode and by kind of finding. */
async function blockedAdvice(a: ScanArgs, outcome: Outcome, io: Io): Promise<void> {
  if (a.mode === 'pre-push') io.stderr(prePushAdvice(outcome));
  else if (a.mode === 'staged') io.stderr(incompleteAdvice(outcome, 'commit'));
  else if (a.mode === 'commit-msg')
    io.stderr(
      'hookguard: commit blocked: the commit message holds a secret. Remove it from the message before committing (your message is kept in .git/COMMIT_EDITMSG), and rotate the credential if it was shared anywhere else.\n',
    );
  if (a.mode === 'staged') {
    // Only on a blocked commit: a clean one loads nothing for it.
    const fixable = await fixableNow(
      outcome.root,
      outcome.result.findings.filter((f) => atLeast(f.severity, outcome.failOn)),
    );
    if (fixable.length)
      io.stderr(
        `hookguard: ${fixable.length} of these ha${fixable.length === 1 ? 's' : 've'} a safe automatic fix: ${selfCommand()} fix --staged (--dry-run shows it first)\n`,
      );
  }
}

/**
 * The blocking findings `hookguard fix --staged` would fix: a rule with a fix is not enough (a value set elsewhere — a
 * Jinja variable, a `!Ref` —, a per-environment finding at a parameter file's line, a flow-style mapping are left with
 * a reason), so the fixes are tried on the files as they are, and only those applied are counted.
 */
async function fixableNow(root: string, findings: Finding[]): Promise<Finding[]> {
  const { hasFix } = await import('../../fix/registry.js');
  const byFile = new Map<string, Finding[]>();
  for (const f of findings)
    if ((f.category === 'cloudformation' || f.category === 'ansible') && hasFix(f.ruleId, f.file))
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  if (!byFile.size) return [];
  const { applyFixes } = await import('../../fix/index.js');
  const out: Finding[] = [];
  for (const [file, list] of byFile) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    const r = applyFixes(
      text,
      list.map((f) => ({ ruleId: f.ruleId, line: f.line })),
      list[0]!.category as 'cloudformation' | 'ansible',
    );
    out.push(...list.filter((f) => r.applied.some((x) => x.ruleId === f.ruleId && x.line === f.line)));
  }
  return out;
}

/** What to do about a blocked push, named by the kind of finding: secrets live in every pushed commit, IaC problems
 * are judged at the pushed tip. */
function prePushAdvice(outcome: Outcome): string {
  const blocking = outcome.result.findings.filter((f) => atLeast(f.severity, outcome.failOn));
  const inMessages = blocking.filter((f) => f.in === 'message').length;
  const secrets = blocking.filter((f) => f.secret && !f.in).length;
  const iac = blocking.length - secrets - inMessages;
  const lines = ['hookguard: push blocked.'];
  if (inMessages)
    lines.push(
      `  ${inMessages} secret${inMessages === 1 ? '' : 's'} in commit messages: reword ${inMessages === 1 ? 'that commit' : 'those commits'} before pushing (git rebase -i, "reword"), and rotate what was shared anywhere else.`,
    );
  if (secrets)
    lines.push(
      `  ${secrets} secret${secrets === 1 ? '' : 's'}: remove ${secrets === 1 ? 'it' : 'them'} from every commit that adds ${secrets === 1 ? 'it' : 'them'} (git rebase -i), not only from the last one, and revoke ${secrets === 1 ? 'it' : 'them'}.`,
    );
  if (iac)
    lines.push(
      `  ${iac} infrastructure-code problem${iac === 1 ? '' : 's'} (CloudFormation/Ansible) still present at the pushed tip: fix ${iac === 1 ? 'it' : 'them'} in a new commit and push again.`,
    );
  return lines.join('\n') + '\n' + incompleteAdvice(outcome, 'push');
}

/**
 * How to run hookguard from a shell, for the commands a hook suggests: `npx hookguard` when this copy is a package in a
 * node_modules folder (a project's dependency, or npx's cache) — its bin folder is not on a shell's PATH — else
 * `hookguard` (a global install, the hooks' own copy under ~/.local/share/hookguard).
 */
function selfCommand(): string {
  return /[\\/]node_modules[\\/]/.test(process.argv[1] ?? '') ? 'npx hookguard' : 'hookguard';
}

/** A hook that could not read all of the new text blocks, and says so (a bound cut it: size or time). */
function incompleteAdvice(outcome: Outcome, what: 'commit' | 'push'): string {
  const cut = outcome.result.errors.filter((e) => e.incomplete);
  if (!cut.length) return '';
  const files = [...new Set(cut.map((e) => e.file))];
  return `hookguard: ${what} blocked: ${files.length === 1 ? `${files[0]} was` : `${files.length} files were`} not scanned in full (${cut[0]!.message}). Check ${files.length === 1 ? 'it' : 'them'} with "${selfCommand()} scan ${files.length === 1 ? files[0] : 'PATH'}"; if clean, skip this hook once with HOOKGUARD=0.\n`;
}

/** `scan --verbose`: every candidate a secret rule matched and set aside, with the reason (values masked). */
function droppedReport(r: ScanResult): string {
  const list = r.dropped ?? [];
  const lines = [`hookguard: ${list.length} candidate${list.length === 1 ? '' : 's'} set aside (not reported):`];
  for (const d of list)
    lines.push(
      `  ${d.file}:${d.line}:${d.column}${d.commit ? ` (commit ${d.commit.slice(0, 10)})` : ''}  ${d.ruleId}  ${d.match}  — ${d.reason}`,
    );
  if (r.summary.generated)
    lines.push(
      `hookguard: ${r.summary.generated} generated file${r.summary.generated === 1 ? '' : 's'} (minified, source maps, vendored releases): provider-format rules only.`,
    );
  return lines.join('\n') + '\n';
}
