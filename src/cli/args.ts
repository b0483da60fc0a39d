import { UsageError, type FailOn } from '../types.js';

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

/** Parse scan/baseline options. Unknown flags are errors (exit 2), never ignored. */
export function parseScanArgs(argv: string[], command: string): ScanArgs {
  const a: ScanArgs = { mode: 'paths', paths: [], format: 'text', color: true };
  const modes = new Set<string>();
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    if (!onlyPaths && arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    const take = (flag: string) => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      a.paths.push(arg);
      continue;
    }
    switch (arg) {
      case '--':
        onlyPaths = true;
        break;
      case '--staged':
        a.mode = 'staged';
        modes.add(arg);
        break;
      case '--pre-push':
        a.mode = 'pre-push';
        modes.add(arg);
        break;
      case '--staged-diff-stdin':
        a.stagedDiffStdin = true;
        break;
      case '--pre-commit-framework':
        a.mode = 'staged';
        a.preCommitFramework = true;
        modes.add(arg);
        break;
      case '--history':
        a.mode = 'history';
        modes.add(arg);
        break;
      case '--commit-msg':
        a.mode = 'commit-msg';
        a.commitMsg = take(arg);
        modes.add(arg);
        break;
      case '--stdin-filename':
        a.stdinFilename = take(arg);
        break;
      case '--untracked':
        a.untracked = true;
        break;
      case '--since':
        a.since = take(arg);
        break;
      case '--diff':
        a.mode = 'range';
        a.range = take(arg);
        modes.add(arg);
        break;
      case '--format':
      case '-f': {
        const f = take(arg);
        if (!(FORMATS as readonly string[]).includes(f))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
        a.format = f as ScanArgs['format'];
        break;
      }
      case '--output':
      case '-o':
        a.output = take(arg);
        break;
      case '--fail-on': {
        const f = take(arg);
        if (!(FAIL_ON as readonly string[]).includes(f))
          throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${f}")`);
        a.failOn = f as FailOn;
        break;
      }
      case '--profile':
        a.profile = take(arg);
        break;
      case '--parameters':
        a.parameters = take(arg);
        break;
      case '--profile-path':
        a.profilePath = take(arg);
        break;
      case '--deny-list-path':
        a.denyListPath = take(arg);
        break;
      case '--config':
      case '-c':
        a.config = take(arg);
        break;
      case '--baseline':
        a.baseline = take(arg);
        break;
      case '--verbose':
        a.verbose = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '--no-baseline':
        a.noBaseline = true;
        break;
      case '--reason':
      case '--expires': {
        if (command !== 'baseline') throw new UsageError(`${arg} goes with "hookguard baseline"`);
        const v = take(arg);
        if (arg === '--reason') {
          if (!v.trim()) throw new UsageError('--reason needs a text: why these findings are accepted');
          a.reason = v.trim();
        } else {
          const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined;
          if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
            throw new UsageError(`--expires must be a date as YYYY-MM-DD (got "${v}")`);
          a.expires = v;
        }
        break;
      }
      case '--resolve':
        if (command !== 'baseline') throw new UsageError(`${arg} goes with "hookguard baseline"`);
        a.resolve = true;
        break;
      case '--replace':
      case '--prune':
        if (command !== 'baseline') throw new UsageError(`${arg} goes with "hookguard baseline"`);
        if (arg === '--replace') a.replace = true;
        else a.prune = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg} for "hookguard ${command}" (see hookguard --help)`);
    }
  }
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
  if (a.resolve && (a.replace || a.prune || a.reason || a.expires || modes.size))
    throw new UsageError('--resolve only merges a conflicted baseline file; run it on its own (with --baseline FILE)');
  if (a.noBaseline && a.baseline) throw new UsageError('choose one of --baseline, --no-baseline');
  if (modes.size > 1) throw new UsageError(`choose one of ${[...modes].join(', ')}`);
  if (a.since && a.mode !== 'history') throw new UsageError('--since goes with --history');
  if (a.stagedDiffStdin && (a.mode !== 'staged' || a.preCommitFramework))
    throw new UsageError('--staged-diff-stdin goes with --staged');
  if (a.paths.length && a.mode !== 'paths' && a.mode !== 'pre-push')
    throw new UsageError(
      `unexpected argument "${a.paths[0]}": paths go with "hookguard scan PATH…", not with --${a.mode === 'range' ? 'diff' : a.mode}${a.mode === 'commit-msg' ? ' (it takes one FILE)' : ''}`,
    );
  if (a.mode === 'pre-push' && a.paths.length > 2) throw new UsageError('--pre-push takes at most REMOTE and URL');
  return a;
}
