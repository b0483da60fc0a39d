/**
 * The command line: argv → commands. The only layer that touches process.*, stdout/stderr and exit codes.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  atLeast,
  isUsageError,
  UsageError,
  type Finding,
  type RuleDoc,
  type ScanRequest,
  type ScanResult,
} from '../types.js';
import { parseScanArgs, type ScanArgs } from './args.js';
import { isTerminal, writeAll } from './write.js';
import { commandHelp, wantsHelp } from './help.js';
import { writeFileAtomic } from '../disk/atomic.js';
// The hook's hot path is imported statically so it loads as one chunk; everything else is loaded on demand.
import { scan, loadRulesAndConfig } from '../scan/index.js';
import { textReport } from '../report/text.js';
import { scrubUserinfo } from '../report/scrub.js';
import { stagedDiffOnStdin, type Prestarted } from '../git/prestart.js';

declare const __HOOKGUARD_VERSION__: string | undefined;

export function version(): string {
  if (typeof __HOOKGUARD_VERSION__ === 'string') return __HOOKGUARD_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

const HELP = `hookguard — secrets and insecure infrastructure code, caught in your git workflow

Usage:
  hookguard init [--force] [--package DIR] install pre-commit, pre-merge-commit and pre-push hooks (husky with package.json)
  hookguard init --global                  the same for every repository of yours (a global core.hooksPath)
  hookguard uninstall [--global]           remove them, restoring what was there before
  hookguard doctor [--format json]         is protection on in this clone? each hook, who owns it; exit 1 if not
  hookguard fix [PATH...] [--staged] [--rule ID] [--dry-run]
                                           apply the safe CloudFormation/Ansible fixes (scan --fix: the same)
  hookguard report FILE.json [--format html|markdown|junit|…] [--output FILE]
                                           render a saved JSON report (default: the HTML audit report)
  hookguard scan [PATH...]                 scan files on disk (default .), honouring .gitignore and config ignores
  hookguard scan --staged                  scan what is staged (added/changed lines only)
  hookguard scan --pre-push [REMOTE [URL]] scan every commit being pushed (reads git's pre-push lines on stdin)
  hookguard scan --pre-commit-framework    the pre-commit framework's hook (staged, or pushed commits at pre-push)
  hookguard scan --history [--since REV]   scan every commit's added lines (all refs unless --since)
  hookguard scan --diff BASE..HEAD         scan every commit in a range
  hookguard scan --commit-msg FILE         scan a commit message (what the commit-msg hook runs)
  hookguard scan - [--stdin-filename NAME] scan what comes on stdin (reported as NAME)
  hookguard scan --untracked [PATH...]     scan the tracked and untracked files git lists (not ignored ones)
  hookguard baseline [scan options]        merge the current findings into the baseline (--replace starts over,
                                           --prune drops entries that no longer match)
  hookguard rules [--format json]          list every rule (custom patterns of the config too)
  hookguard explain RULE_ID                print a rule's documentation (custom patterns too)
  hookguard env [PATH] [--format text|json|markdown]   the parity table of the repository's environments
  hookguard policy [--output FILE] [--check FILE]
                                           the enforced policy, owners and every accepted exception as Markdown;
                                           --check exits 1 when FILE is not what policy writes now (for CI)

Scan options:
  --format FORMAT                   text (default), json, sarif, github, html (an audit report), markdown,
                                    junit, gitlab-secrets, gitlab-sast or codequality
  --output FILE                     write the report to FILE (atomically) instead of stdout
  --fail-on critical|high|medium|low|none   exit 1 when findings reach this severity (default high)
  --config FILE                     config file (default .hookguard.yaml at the repository root)
  --baseline FILE                   baseline file (default .hookguard-baseline.json when present)
  --no-baseline                     apply no baseline (same as --baseline /dev/null)
  --no-color                        plain output (also NO_COLOR=1, and whenever stdout is not a terminal)
  --verbose                         also list, on stderr, the candidates secret rules set aside and why
                                    (placeholder, reference, checksum, entropy, test code, generated file…)

Every mode runs the secret, CloudFormation and Ansible rules; modes differ only in what blocks (see README, "What
each mode checks").

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or git error.
Environment: HOOKGUARD=0 skips the hooks; DEBUG=hookguard:* traces.
"hookguard <command> --help" shows a command's options and examples.
`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  errTTY: boolean;
  /** stdin is a terminal (someone typed the command; git never gives a hook a terminal on stdin). */
  stdinTTY?: boolean;
}

function defaultIo(): Io {
  return {
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
    stdin: readStdin,
    cwd: process.cwd(),
    env: process.env,
    isTTY: isTerminal(1),
    errTTY: isTerminal(2),
    // isTerminal(0), not process.stdin.isTTY: creating process.stdin loads fs streams, readline and fs/promises (4% of a
    // clean commit's instructions); only a pre-push scan reads stdin.
    stdinTTY: isTerminal(0),
  };
}

async function readStdin(): Promise<string> {
  if (isTerminal(0)) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function debugOn(io: Io): boolean {
  const d = io.env.DEBUG ?? '';
  return /(^|,)\s*hookguard(:\*|:[a-z]+)?\s*(,|$)/.test(d) || d === '*';
}

function debug(io: Io, msg: string): void {
  if (debugOn(io)) io.stderr(`hookguard:debug ${msg}\n`);
}

export interface Extras {
  /** `git diff --cached` started by bin/hookguard.cjs before this module loaded. */
  prestarted?: Prestarted;
  /** The bundles bin/hookguard.cjs loaded so far, and whether their code cache was used (src/cli/boot.ts). */
  bundles?: () => Array<{ file: string; cache: string; cacheFile?: string }>;
}

export async function main(argv: string[], io: Io = defaultIo(), extras: Extras = {}): Promise<number> {
  try {
    return await run(argv, io, extras);
  } catch (e) {
    return failure(e, io);
  } finally {
    if (extras.prestarted && !extras.prestarted.used) extras.prestarted.child?.kill();
    if (extras.bundles && debugOn(io))
      for (const b of extras.bundles())
        debug(io, `code cache ${b.cache}: ${path.basename(b.file)}${b.cacheFile ? ` (${b.cacheFile})` : ''}`);
  }
}

function failure(e: unknown, io: Io): number {
  if (isUsageError(e)) {
    io.stderr(`hookguard: ${e.message}\n`);
    return 2;
  }
  const err = e as Error;
  io.stderr(`hookguard: internal error: ${err.message}\n`);
  debug(io, err.stack ?? '');
  return 2;
}

async function run(argv: string[], io: Io, extras: Extras): Promise<number> {
  const [cmd, ...rest] = argv;
  const help = cmd !== undefined && wantsHelp(rest) ? commandHelp(cmd) : undefined;
  if (help !== undefined) {
    io.stdout(help);
    return 0;
  }
  switch (cmd) {
    case undefined:
      // No command is a usage error: the help goes to stderr, exit 2.
      io.stderr(HELP);
      return 2;
    case '-h':
    case '--help':
    case 'help': {
      const topic = rest[0] !== undefined ? commandHelp(rest[0]) : undefined;
      if (rest[0] !== undefined && topic === undefined)
        throw new UsageError(`no help for "${rest[0]}" (see hookguard --help for the commands)`);
      io.stdout(topic ?? HELP);
      return 0;
    }
    case '-v':
    case '--version':
    case 'version':
      io.stdout(version() + '\n');
      return 0;
    case 'scan':
      if (rest.includes('--fix'))
        return (await import('./fix.js')).fixCommand(
          rest.filter((r) => r !== '--fix'),
          io,
        );
      return scanCommand(parseScanArgs(rest, 'scan'), io, extras);
    case 'fix':
      return (await import('./fix.js')).fixCommand(rest, io);
    case 'baseline':
      return baselineCommand(parseScanArgs(rest, 'baseline'), io);
    case 'rules':
      return rulesCommand(rest, io);
    case 'explain':
      return explainCommand(rest, io);
    case 'env':
      return envCommand(rest, io);
    case 'policy':
      return policyCommand(rest, io);
    case 'init':
    case 'uninstall':
      return installCommand(cmd, rest, io);
    case 'doctor':
      return doctorCommand(rest, io);
    case 'report':
      return reportCommand(rest, io);
    default:
      throw new UsageError(
        `unknown command "${cmd}" (commands: init, uninstall, doctor, scan, fix, baseline, report, rules, explain, env, policy; see hookguard --help)`,
      );
  }
}

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
  const { git } = await import('../git/run.js');
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

function toRequest(a: ScanArgs, io: Io): Promise<ScanRequest> | ScanRequest {
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

async function allRuleDocs(
  patterns: import('../rules/secrets/types.js').SecretPattern[],
  policies?: import('../policies/types.js').PolicyBundle,
): Promise<RuleDoc[]> {
  const { iacRuleDocs, secretRuleDoc } = await import('../scan/index.js');
  return [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))];
}

/** Built-in rules plus the repository's own (custom patterns, team policies), for `rules` and `explain`. */
async function scanCommand(a: ScanArgs, io: Io, extras: Extras): Promise<number> {
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
  const color =
    a.color && io.isTTY && !a.output && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && io.env.TERM !== 'dumb';
  const showProgress =
    io.errTTY &&
    !io.env.CI &&
    (a.mode === 'history' || a.mode === 'range' || a.mode === 'pre-push' || a.mode === 'paths');
  let lastDraw = 0;
  const t0 = Date.now();
  let drew = false;
  // The installed hook pipes the staged diff in (bin/hookguard.cjs takes it from stdin then, and starts no git).
  const prestarted =
    a.stagedDiffStdin && extras.prestarted?.fd === undefined ? stagedDiffOnStdin(io.cwd) : extras.prestarted;
  if (prestarted?.fd !== undefined) debug(io, 'staged diff: piped in by the hook');
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
    ...(showProgress
      ? {
          onProgress: (p) => {
            const now = Date.now();
            if (now - lastDraw < 200 || now - t0 < 500) return;
            lastDraw = now;
            drew = true;
            const mbs = p.bytes / 1048576 / Math.max(0.001, (now - t0) / 1000);
            const what = p.commitsTotal ? `${p.commitsDone}/${p.commitsTotal} commits` : `${p.files} files`;
            io.stderr(`\r\x1b[2Khookguard: ${what}, ${mbs.toFixed(1)} MB/s`);
          },
        }
      : {}),
  });
  if (drew) io.stderr('\r\x1b[2K');
  debug(
    io,
    `scan ${a.mode}: ${outcome.result.summary.files} files in ${outcome.result.summary.durationMs} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  const ctx = {
    toolVersion: version(),
    failOn: outcome.failOn,
    color,
    rules: [] as RuleDoc[],
    scope: SCOPE[a.mode],
    hook: a.mode === 'staged' || a.mode === 'pre-push',
    verbose: Boolean(a.verbose),
  };
  let text: string;
  switch (a.format) {
    case 'json':
      text = (await import('../report/json.js')).jsonReport(outcome.result, ctx);
      break;
    case 'sarif': {
      const { patterns, policies } = await loadRulesAndConfig(outcome.root, a.config, io.cwd);
      ctx.rules = await allRuleDocs(patterns, policies);
      text = (await import('../report/sarif.js')).sarifReport(outcome.result, ctx);
      break;
    }
    case 'github':
      text = (await import('../report/github.js')).githubReport(outcome.result, ctx);
      break;
    case 'text':
      text = textReport(outcome.result, ctx);
      break;
    default: {
      const { publicReport } = await import('../report/json.js');
      const pub = publicReport(outcome.result, ctx);
      let parity;
      if (a.format === 'html') {
        // The HTML report shows masked snippets and, when the repository has environments, the parity matrix.
        const snip = new Map(outcome.result.findings.map((f) => [f.fingerprint + (f.commit ?? ''), f.snippet]));
        for (const f of pub.findings) {
          const sn = snip.get(f.fingerprint + (f.commit ?? ''));
          if (sn) f.snippet = scrubUserinfo(sn);
        }
        const pathMod = await import('node:path');
        const where =
          a.mode === 'paths' && a.paths.length ? a.paths.map((p) => pathMod.resolve(io.cwd, p)) : [outcome.root];
        const table = (await parityFor(outcome.root, where, a.config, io).catch(() => undefined))?.table;
        if (table?.roles.length) parity = table;
      }
      text = (await import('../report/render.js')).renderReport(a.format, pub, {
        scope: SCOPE[a.mode],
        ...(parity ? { parity } : {}),
      });
    }
  }
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
  if (a.mode === 'pre-push' && outcome.exitCode === 1) io.stderr(prePushAdvice(outcome));
  else if (a.mode === 'staged' && outcome.exitCode === 1) io.stderr(incompleteAdvice(outcome, 'commit'));
  else if (a.mode === 'commit-msg' && outcome.exitCode === 1)
    io.stderr(
      'hookguard: commit blocked: the commit message holds a secret. Remove it from the message before committing (your message is kept in .git/COMMIT_EDITMSG), and rotate the credential if it was shared anywhere else.\n',
    );
  if (a.mode === 'staged' && outcome.exitCode === 1) {
    // Only on a blocked commit: a clean one loads nothing for it.
    const fixable = await fixableNow(
      outcome.root,
      outcome.result.findings.filter((f) => atLeast(f.severity, outcome.failOn)),
    );
    if (fixable.length)
      io.stderr(
        `hookguard: ${fixable.length} of these ha${fixable.length === 1 ? 's' : 've'} a safe automatic fix: hookguard fix --staged (--dry-run shows it first)\n`,
      );
  }
  return outcome.exitCode;
}

/**
 * The blocking findings `hookguard fix --staged` would fix: a rule with a fix is not enough (a value set elsewhere — a
 * Jinja variable, a `!Ref` —, a per-environment finding at a parameter file's line, a flow-style mapping are left with
 * a reason), so the fixes are tried on the files as they are, and only those applied are counted.
 */
async function fixableNow(root: string, findings: Finding[]): Promise<Finding[]> {
  const { hasFix } = await import('../fix/registry.js');
  const byFile = new Map<string, Finding[]>();
  for (const f of findings)
    if ((f.category === 'cloudformation' || f.category === 'ansible') && hasFix(f.ruleId, f.file))
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  if (!byFile.size) return [];
  const { applyFixes } = await import('../fix/index.js');
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
function prePushAdvice(outcome: Awaited<ReturnType<typeof scan>>): string {
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

/** A hook that could not read all of the new text blocks, and says so (a bound cut it: size or time). */
function incompleteAdvice(outcome: Awaited<ReturnType<typeof scan>>, what: 'commit' | 'push'): string {
  const cut = outcome.result.errors.filter((e) => e.incomplete);
  if (!cut.length) return '';
  const files = [...new Set(cut.map((e) => e.file))];
  return `hookguard: ${what} blocked: ${files.length === 1 ? `${files[0]} was` : `${files.length} files were`} not scanned in full (${cut[0]!.message}). Check ${files.length === 1 ? 'it' : 'them'} with "hookguard scan ${files.length === 1 ? files[0] : 'PATH'}"; if clean, skip this hook once with HOOKGUARD=0.\n`;
}

function writeOutput(file: string, text: string): void {
  try {
    // A report or baseline into a folder that does not exist yet: create it (as `mkdir -p` would).
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Not a regular file (/dev/null, a FIFO, /dev/stdout): written to as it is. A rename over it would replace the
    // device with a file (as root, /dev/null itself).
    const st = statSync(file, { throwIfNoEntry: false });
    if (st && !st.isFile()) writeFileSync(file, text);
    else writeFileAtomic(file, text, 0o644);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function baselineCommand(a: ScanArgs, io: Io): Promise<number> {
  const { mergeBaseline, parseBaseline, serializeBaseline } = await import('../suppress/baseline.js');
  const { baselinePath } = await import('../scan/index.js');
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
  let prev: Map<string, import('../suppress/baseline.js').BaselineEntry> | undefined;
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
  const { resolveConflicted, serializeBaseline, parseBaseline } = await import('../suppress/baseline.js');
  const { baselinePath, loadRulesAndConfig } = await import('../scan/index.js');
  const { repoRoot } = await import('../git/repo.js');
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

async function rulesCommand(rest: string[], io: Io): Promise<number> {
  let format = 'text';
  let config: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' && rest[i + 1]) format = rest[++i]!;
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--config' && rest[i + 1]) config = rest[++i]!;
    else if (arg.startsWith('--config=')) config = arg.slice(9);
    else throw new UsageError(`unknown argument "${arg}" for "hookguard rules"`);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError('hookguard rules: --format must be text or json');
  const { docs, custom } = await ruleDocsHere(io, config);
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        docs.map(({ id, title, severity, category }) => ({
          id,
          title,
          severity,
          category,
          ...(custom.has(id) ? { source: custom.get(id) } : {}),
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const width = Math.max(...docs.map((d) => d.id.length));
  for (const d of docs)
    io.stdout(
      `${d.id.padEnd(width)}  ${d.severity.padEnd(8)}  ${d.category.padEnd(14)}  ${d.title}${custom.has(d.id) ? ` (custom, ${custom.get(d.id)})` : ''}\n`,
    );
  io.stdout(
    `\n${docs.length} rules${custom.size ? ` (${custom.size} custom)` : ''}. "hookguard explain RULE_ID" shows what a rule checks, why, and the fix.\n`,
  );
  return 0;
}

/**
 * Every rule's doc: the built-in ones and the repository's custom secret patterns (config `patterns:`), which are
 * rules like any other (their findings point to `hookguard explain ID`). A config that does not load is said on
 * stderr and the built-in rules are listed.
 */
async function ruleDocsHere(io: Io, config?: string): Promise<{ docs: RuleDoc[]; custom: Map<string, string> }> {
  const { loadBuiltinPatterns } = await import('../rules/secrets/load.js');
  let patterns = await loadBuiltinPatterns();
  let policies: import('../policies/types.js').PolicyBundle | undefined;
  const custom = new Map<string, string>();
  try {
    const { loadRulesAndConfig } = await import('../scan/index.js');
    const { repoRoot } = await import('../git/repo.js');
    const root = (await repoRoot(io.cwd, io.env)) ?? io.cwd;
    const loaded = await loadRulesAndConfig(root, config, io.cwd);
    for (const p of loaded.config.patterns) custom.set(p.id, p.source ?? '.hookguard.yaml');
    for (const p of loaded.policies?.policies ?? []) custom.set(p.id, p.file);
    patterns = loaded.patterns;
    policies = loaded.policies;
  } catch (e) {
    if (config) throw e;
    io.stderr(
      `hookguard: the config was not read, custom patterns and team policies are not listed: ${(e as Error).message}\n`,
    );
  }
  return { docs: await allRuleDocs(patterns, policies), custom };
}

async function explainCommand(rest: string[], io: Io): Promise<number> {
  let config: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--config' && rest[i + 1]) config = rest[++i]!;
    else if (arg.startsWith('--config=')) config = arg.slice(9);
    else args.push(arg);
  }
  const id = args[0];
  if (!id || args.length > 1) throw new UsageError('usage: hookguard explain RULE_ID [--config FILE]');
  const { docs } = await ruleDocsHere(io, config);
  const d = docs.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!d) {
    const near = docs.filter((x) => x.id.toLowerCase().includes(id.toLowerCase())).slice(0, 5);
    throw new UsageError(
      `no rule "${id}"${near.length ? ` (did you mean ${near.map((n) => n.id).join(', ')}?)` : ''}; "hookguard rules" lists them`,
    );
  }
  const { FIXES } = await import('../fix/registry.js');
  const { noFixReason } = await import('../fix/reasons.js');
  const fix = Object.prototype.hasOwnProperty.call(FIXES, d.id) ? FIXES[d.id] : undefined;
  const fixLine =
    d.category === 'cloudformation' || d.category === 'ansible'
      ? fix
        ? `\nAutomatic fix: yes — hookguard fix sets ${fix.what}.\n`
        : `\nAutomatic fix: no — ${noFixReason(d.id)}.\n`
      : d.category === 'secret'
        ? '\nAutomatic fix: never — a leaked secret is rotated, not edited away.\n'
        : '';
  io.stdout(`${d.id} — ${d.title}\nseverity: ${d.severity} · category: ${d.category}\n\n${d.docs}\n${fixLine}`);
  return 0;
}

async function envCommand(rest: string[], io: Io): Promise<number> {
  let format = 'text';
  let config: string | undefined;
  let output: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (flag: string) => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (arg === '--format') format = value(arg);
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--config') config = value(arg);
    else if (arg === '--output') output = value(arg);
    else if (arg === '--no-color') continue;
    else if (arg.startsWith('-'))
      throw new UsageError(`unknown argument "${arg}" for "hookguard env" (see hookguard env --help)`);
    else paths.push(arg);
  }
  if (!['text', 'json', 'markdown'].includes(format))
    throw new UsageError('hookguard env: --format must be text, json or markdown');
  if (paths.length > 1) throw new UsageError('hookguard env takes one PATH');
  const { existsSync } = await import('node:fs');
  const path = await import('node:path');
  const target = path.resolve(io.cwd, paths[0] ?? '.');
  if (!existsSync(target)) throw new UsageError(`path ${paths[0]} does not exist`);
  const { repoRoot } = await import('../git/repo.js');
  const root = (await repoRoot(target, io.env)) ?? target;
  const r = await parityFor(root, [target], config, io);
  const t = await import('../env/table.js');
  const text = format === 'json' ? t.tableJson(r) : format === 'markdown' ? t.tableMarkdown(r) : t.tableText(r);
  if (output) writeOutput(output, text);
  else io.stdout(text);
  return 0;
}

/** The parity of the repository's environments under `where` (hookguard env, and the HTML report's matrix). */
async function parityFor(root: string, where: string[], config: string | undefined, io: Io) {
  const { config: cfg, set } = await loadRulesAndConfig(root, config, io.cwd);
  const { parityOfTree } = await import('../scan/extras.js');
  const { LIMITS } = await import('../scan/index.js');
  return parityOfTree(root, where, {
    ignore: cfg.ignore,
    secrets: set,
    allow: cfg.allow,
    ...(cfg.environments ? { environments: cfg.environments } : {}),
    maxBytes: LIMITS.contentBytes,
  });
}

/** `hookguard report FILE.json --format html|markdown|junit|…`: render a saved JSON report. */
async function reportCommand(rest: string[], io: Io): Promise<number> {
  let format = 'html';
  let output: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError(`${arg} needs a value (see hookguard report --help)`);
      return v;
    };
    if (arg === '--format' || arg.startsWith('--format=')) format = value();
    else if (arg === '--output' || arg === '-o' || arg.startsWith('--output=')) output = value();
    else if (arg.startsWith('-') && arg !== '-')
      throw new UsageError(`unknown argument "${arg}" for "hookguard report"`);
    else files.push(arg);
  }
  const { RENDERED_FORMATS, parseSavedReport, renderReport } = await import('../report/render.js');
  if (!(RENDERED_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`hookguard report: --format must be one of ${RENDERED_FORMATS.join(', ')} (got "${format}")`);
  if (files.length !== 1)
    throw new UsageError('hookguard report takes one saved JSON report (hookguard scan --format json --output FILE)');
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  let text: string;
  try {
    text = files[0] === '-' ? readFileSync(0, 'utf8') : readFileSync(path.resolve(io.cwd, files[0]!), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const saved = parseSavedReport(text, files[0]!);
  if (typeof saved === 'string') throw new UsageError(saved);
  const out = renderReport(format as (typeof RENDERED_FORMATS)[number], saved);
  if (output) writeOutput(output, out);
  else io.stdout(out);
  return 0;
}

/** `hookguard policy init [DIR]`: the starter policies (default policies/), never overwriting a file. */
async function policyInit(rest: string[], io: Io): Promise<number> {
  if (rest.length > 1 || rest.some((a) => a.startsWith('-')))
    throw new UsageError('usage: hookguard policy init [DIR] (default policies/)');
  const { writeStarter } = await import('../policies/index.js');
  const { existsSync, mkdirSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { repoRoot } = await import('../git/repo.js');
  const root = (await repoRoot(io.cwd, io.env)) ?? io.cwd;
  const dir = rest[0] ? path.resolve(io.cwd, rest[0]) : path.join(root, 'policies');
  const r = writeStarter(dir, {
    exists: existsSync,
    write: (p, t) => writeFileSync(p, t, { flag: 'wx' }),
    mkdir: (p) => mkdirSync(p, { recursive: true }),
    join: (a, b) => path.join(a, b),
  });
  const rel = path.relative(io.cwd, dir) || '.';
  for (const f of r.written) io.stderr(`hookguard: wrote ${path.join(rel, f)}\n`);
  for (const f of r.kept) io.stderr(`hookguard: kept ${path.join(rel, f)} (it exists; not overwritten)\n`);
  io.stderr(
    `hookguard: edit the ids, owners and ranges to your team's, then "hookguard policy" renders them as your standard${rest[0] ? ` (set policyPaths: [${rest[0]}] in .hookguard.yaml)` : ''}.\n`,
  );
  return 0;
}

async function policyCommand(rest: string[], io: Io): Promise<number> {
  if (rest[0] === 'init') return policyInit(rest.slice(1), io);
  const o: { output?: string; check?: string; config?: string; baseline?: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const key = {
      '--output': 'output',
      '-o': 'output',
      '--check': 'check',
      '--config': 'config',
      '--baseline': 'baseline',
    }[flag] as keyof typeof o | undefined;
    if (!key) throw new UsageError(`unknown argument "${arg}" for "hookguard policy" (see hookguard policy --help)`);
    const v = eq > 0 && flag !== arg ? arg.slice(eq + 1) : rest[++i];
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
    o[key] = v;
  }
  if (o.output && o.check) throw new UsageError('choose one of --output and --check');
  await thisClone(io);
  const { buildPolicy } = await import('../policy/index.js');
  const text = await buildPolicy({
    cwd: io.cwd,
    env: io.env,
    toolVersion: version(),
    ...(o.config ? { config: o.config } : {}),
    ...(o.baseline ? { baseline: o.baseline } : {}),
  });
  if (o.check) {
    const path = await import('node:path');
    let current: string | undefined;
    try {
      current = readFileSync(path.resolve(io.cwd, o.check), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) {
      io.stderr(`hookguard: ${o.check} is current.\n`);
      return 0;
    }
    // What regenerating would change, as a unified diff (CI logs show why the check failed).
    const { unifiedDiff } = await import('../report/diff.js');
    io.stdout(unifiedDiff(current ?? '', text, current === undefined ? '/dev/null' : `a/${o.check}`, `b/${o.check}`));
    io.stderr(
      `hookguard: ${o.check} is ${current === undefined ? 'missing' : 'stale'}; regenerate it with "hookguard policy --output ${o.check}" and commit it.\n`,
    );
    return 1;
  }
  if (o.output) {
    writeOutput(o.output, text);
    io.stderr(`hookguard: wrote the policy to ${o.output}.\n`);
  } else io.stdout(text);
  return 0;
}

/**
 * The hooks this clone runs (native hooks in .git/hooks, a global core.hooksPath…), said on stderr: they are each
 * developer's, not the repository's policy, so the document (the same in every clone and in CI) leaves them out.
 */
async function thisClone(io: Io): Promise<void> {
  const { doctor } = await import('../install/doctor.js');
  const r = await doctor({ cwd: io.cwd, env: io.env }).catch(() => undefined);
  if (!r || typeof r === 'string') return;
  const on = r.hooks.filter((h) => h.active).map((h) => h.hook);
  const where =
    r.hooksPathScope === 'global'
      ? `global hooks (core.hooksPath ${r.hooksPath})`
      : r.hooksPathScope
        ? `core.hooksPath ${r.hooksPath} (${r.hooksPathScope} config)`
        : `${r.hooksPath}`;
  io.stderr(
    on.length
      ? `hookguard: this clone runs hookguard at ${on.join(', ')} through ${where}; a clone's own hooks are not part of the policy document.\n`
      : `hookguard: this clone runs no hookguard hook (hookguard doctor says why); the policy document describes the repository.\n`,
  );
}

async function installCommand(cmd: 'init' | 'uninstall', rest: string[], io: Io): Promise<number> {
  let force = false;
  let global = false;
  let packageDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const r = rest[i]!;
    if (r === '--force' && cmd === 'init') force = true;
    else if (r === '--global') global = true;
    else if ((r === '--package' || r.startsWith('--package=')) && cmd === 'init') {
      packageDir = r.startsWith('--package=') ? r.slice('--package='.length) : rest[++i];
      if (!packageDir) throw new UsageError('--package needs a folder (the package whose npm install sets up husky)');
    } else throw new UsageError(`unknown argument "${r}" for "hookguard ${cmd}"`);
  }
  if (global) {
    if (packageDir !== undefined) throw new UsageError('--global and --package do not go together');
    const g = await import('../install/global.js');
    const res =
      cmd === 'init'
        ? await g.installGlobal(
            {
              cwd: io.cwd,
              force,
              env: io.env,
              nodePath: process.execPath,
              cliPath: fileURLToPath(new URL('../bin/hookguard.cjs', import.meta.url)),
              version: version(),
            },
            force,
          )
        : await g.uninstallGlobal({ env: io.env });
    for (const m of res.messages) io.stdout(`hookguard: ${m}\n`);
    for (const w of res.warnings) io.stderr(`hookguard: ${w}\n`);
    return res.ok ? 0 : 2;
  }
  const { install, uninstall } = await import('../install/index.js');
  const res =
    cmd === 'init'
      ? await install({
          cwd: io.cwd,
          force,
          env: io.env,
          nodePath: process.execPath,
          cliPath: fileURLToPath(new URL('../bin/hookguard.cjs', import.meta.url)),
          version: version(),
          ...(packageDir !== undefined ? { packageDir } : {}),
        })
      : await uninstall({ cwd: io.cwd });
  for (const m of res.messages) io.stdout(`hookguard: ${m}\n`);
  for (const w of res.warnings) io.stderr(`hookguard: ${w}\n`);
  if (!res.ok) return 2;
  // init ends with the answer to "is protection on now?"
  if (cmd === 'init') {
    const { doctor, formatDoctor } = await import('../install/doctor.js');
    const d = await doctor({ cwd: io.cwd, env: io.env });
    if (typeof d !== 'string')
      io.stdout(
        formatDoctor(d)
          .split('\n')
          .filter(Boolean)
          .map((l) => `hookguard doctor: ${l}\n`)
          .join(''),
      );
  }
  return 0;
}

async function doctorCommand(rest: string[], io: Io): Promise<number> {
  let format = 'text';
  for (let i = 0; i < rest.length; i++) {
    const r = rest[i]!;
    if (r === '--format' || r.startsWith('--format=')) {
      format = (r.startsWith('--format=') ? r.slice('--format='.length) : rest[++i]) ?? '';
      if (format !== 'text' && format !== 'json')
        throw new UsageError(`--format must be text or json (got "${format}")`);
    } else throw new UsageError(`unknown argument "${r}" for "hookguard doctor"`);
  }
  const { doctor, formatDoctor } = await import('../install/doctor.js');
  const d = await doctor({ cwd: io.cwd, env: io.env });
  if (typeof d === 'string') throw new UsageError(d);
  io.stdout(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDoctor(d));
  return d.ok ? 0 : 1;
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
