/**
 * Hook installation. Small, idempotent, honest: returns messages, never throws on an ordinary "can't".
 * - package.json at the top → husky: devDependencies, `prepare: husky`, our line added FIRST to .husky/pre-commit,
 *   .husky/pre-merge-commit and .husky/pre-push (existing files keep their content), husky activated with an
 *   absolute core.hooksPath so linked worktrees (which have no `.husky/_`, it is gitignored) run the hooks too.
 *   What init added is recorded in the committed .husky/hookguard.sh, so uninstall works in any clone.
 * - otherwise native hooks in the hooks directory git uses; an existing hook is kept and chained.
 * - a foreign core.hooksPath (lefthook, pre-commit, a global path) is explained, not overwritten without --force.
 * Native installs record what they changed in <git-common-dir>/hookguard/state.json so uninstall restores it.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  readdirSync,
  rmdirSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../disk/atomic.js';
import { git } from '../git/run.js';

export interface InstallOptions {
  cwd: string;
  force: boolean;
  env: NodeJS.ProcessEnv;
  /** Absolute node and CLI paths recorded as fallbacks for GUI clients without PATH. */
  nodePath: string;
  cliPath: string;
  version: string;
  /** `init --package DIR`: the package (relative to the repository root) that carries hookguard and husky. */
  packageDir?: string;
}

export interface InstallResult {
  ok: boolean;
  messages: string[];
  warnings: string[];
}

export const MARKER = 'hookguard';
export const HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg'] as const;
export type HookName = (typeof HOOKS)[number];
const CHAIN_SUFFIX = '.pre-hookguard';
const HUSKY_RUNNER = '.husky/hookguard.sh';

interface State {
  version: 1;
  mode: 'husky' | 'native';
  hooksDir?: string;
  created: string[];
  appended: string[];
  chained: string[];
  packageJson?: { addedDevDeps: string[]; prepareBefore?: string | null };
  hooksPathBefore?: string | null;
  huskyActivated?: boolean;
}

/** git through src/git (the one place that runs it); an ordinary "can't" comes back as a message, never a throw. */
export async function gitCmd(cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  try {
    const r = await git(cwd, args);
    return { ok: r.code === 0, out: r.stdout.toString('utf8').trim(), err: r.stderr.trim() };
  } catch (e) {
    return { ok: false, out: '', err: (e as Error).message };
  }
}

interface Repo {
  top: string;
  commonDir: string;
  hooksPath?: string;
  hooksPathScope?: 'local' | 'global' | 'system' | 'other';
}

async function repoInfo(cwd: string): Promise<Repo | string> {
  const top = await gitCmd(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok)
    return top.err.includes('not installed')
      ? top.err
      : `not a git repository (${cwd}); run "git init" first, or run hookguard init inside one`;
  const common = await gitCmd(top.out, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  const hp = await gitCmd(top.out, ['config', '--show-scope', '--get', 'core.hooksPath']);
  const repo: Repo = { top: top.out, commonDir: common.ok ? common.out : path.join(top.out, '.git') };
  if (hp.ok && hp.out) {
    const [scope = 'other', ...v] = hp.out.split('\t');
    repo.hooksPath = v.join('\t');
    repo.hooksPathScope = (['local', 'global', 'system'].includes(scope) ? scope : 'other') as Repo['hooksPathScope'];
  }
  return repo;
}

function statePath(repo: Repo): string {
  return path.join(repo.commonDir, 'hookguard', 'state.json');
}

function readState(repo: Repo): State | undefined {
  try {
    return JSON.parse(readFileSync(statePath(repo), 'utf8')) as State;
  } catch {
    return undefined;
  }
}

function writeState(repo: Repo, s: State): void {
  mkdirSync(path.dirname(statePath(repo)), { recursive: true });
  writeFileSync(statePath(repo), JSON.stringify(s, null, 2) + '\n');
}

function runnerTemplate(): string {
  for (const rel of ['../hooks/hookguard.sh', '../../hooks/hookguard.sh']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error('hooks/hookguard.sh is missing from the hookguard package');
}

/** For a value placed inside double quotes in sh: `\`, `"`, `$` and backquote lose their meaning. */
export function shDoubleQuoted(s: string): string {
  return s.replace(/[\\"$`]/g, '\\$&');
}

/**
 * The runner with this machine's node and hookguard paths as fallbacks (native hooks live in .git, on this machine),
 * or without them (`shared`: .husky/hookguard.sh is committed, and a teammate's paths differ; there hookguard comes
 * from node_modules after npm install).
 */
function runnerScript(opts: InstallOptions, shared = false, sub = ''): string {
  // The template only uses these placeholders inside double quotes.
  return runnerTemplate()
    .replaceAll('__HOOKGUARD_PACKAGE__', shDoubleQuoted(sub))
    .replaceAll('__HOOKGUARD_CLI__', shared ? '' : shDoubleQuoted(opts.cliPath))
    .replaceAll('__HOOKGUARD_NODE__', shared ? '' : shDoubleQuoted(opts.nodePath));
}

/** A native hook: our runner, then the hook that was there before (if any), with the same arguments and stdin. */
/**
 * A native hook: our runner, then the hook that was there before (if any), with the same arguments and stdin.
 * `global`: the hook of `init --global`, in a hooks folder of the user's; git then runs no hook of the repository's own
 * `.git/hooks`, so that one is chained instead (and where it is hookguard's own native hook, it alone runs).
 */
export function nativeHook(name: HookName, opts: InstallOptions, global = false): string {
  const runner = runnerScript(opts)
    .replace(/^#!.*\n/, '')
    .replace(/\ncase "\$\{1:-\}" in[\s\S]*$/, '\n');
  // ${0%/*}, not $(dirname "$0"): a fork less on every commit (git runs a hook by a path with a slash).
  const chain = global ? '"$hg_own"' : `"\${0%/*}/${name}${CHAIN_SUFFIX}"`;
  const preamble = global
    ? `# The repository's own ${name} hook (.git/hooks: git does not run it while core.hooksPath points here).
hg_own=.git/hooks/${name}
[ -d .git ] || { hg_cd=$(git rev-parse --git-common-dir 2>/dev/null) && hg_own=$hg_cd/hooks/${name}; }
if [ -f "$hg_own" ] && [ -x "$hg_own" ]; then
  hg_l2=
  { IFS= read -r hg_l1; IFS= read -r hg_l2; } <"$hg_own" 2>/dev/null
  case $hg_l2 in "# ${MARKER} ${name} hook"*) exec "$hg_own" "$@" ;; esac
fi
`
    : '';
  // pre-push: git's ref lines go to a private file that the check reads and the chained hook reads again (the same
  // bytes, none added: git sends nothing when everything is up to date).
  const body =
    name === 'pre-push'
      ? `hg_keep=$(hookguard_push_keep "$@") || exit $?
if [ -x ${chain} ]; then
  if [ -n "$hg_keep" ]; then ${chain} "$@" <"$hg_keep"; hg_rc=$?; rm -f "$hg_keep"; exit $hg_rc; fi
  ${chain} "$@" || exit $?
fi
[ -z "$hg_keep" ] || rm -f "$hg_keep"
`
      : name === 'commit-msg'
        ? `hookguard_run scan --commit-msg "$1" || exit $?
if [ -x ${chain} ]; then ${chain} "$@" || exit $?; fi
`
        : `hookguard_run scan --staged || exit $?
if [ -x ${chain} ]; then ${chain} "$@" || exit $?; fi
`;
  return `#!/bin/sh
# ${MARKER} ${name} hook: installed by "hookguard init${global ? ' --global' : ''}", removed by "hookguard uninstall${global ? ' --global' : ''}".
${global ? `# Every repository of this user runs it; the repository's own .git/hooks/${name} still runs after the check.` : `# The hook that was here before, if any, is kept as ${name}${CHAIN_SUFFIX} and still runs after the check.`}
${runner}
${preamble}${body}`;
}

/**
 * Our line in a .husky hook. The runner is found next to the hook file ($0), not relative to the working directory:
 * in a linked worktree git runs the main worktree's hooks, and the checked-out branch may predate hookguard.
 */
const HUSKY_LINE: Record<HuskyHook, string> = {
  'pre-commit': `sh "\${0%/*}/hookguard.sh" pre-commit # ${MARKER}`,
  'pre-merge-commit': `sh "\${0%/*}/hookguard.sh" pre-merge-commit # ${MARKER}`,
  // husky runs the whole file on git's stdin: the check keeps git's ref lines in a file, and the commands after this
  // line (git lfs pre-push, …) read the same bytes from it.
  'pre-push': `hg_in=$(sh "\${0%/*}/hookguard.sh" pre-push-keep "$@") || exit $?; [ -z "$hg_in" ] || { exec <"$hg_in"; rm -f "$hg_in"; } # ${MARKER}`,
  // The commit message, for secrets pasted into it (git-secrets' commit-msg hook).
  'commit-msg': `sh "\${0%/*}/hookguard.sh" commit-msg "$1" # ${MARKER}`,
  // A new linked worktree gets its .husky/_ (gitignored), so that husky's relative core.hooksPath finds hooks there.
  'post-checkout': `sh "\${0%/*}/hookguard.sh" post-checkout "$@" # ${MARKER}`,
};
const HUSKY_HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg', 'post-checkout'] as const;
type HuskyHook = (typeof HUSKY_HOOKS)[number];

/** Our line in a .husky hook, in this version's form or an earlier one (`sh .husky/hookguard.sh pre-commit # hookguard`). */
function isOurLine(line: string): boolean {
  return /hookguard\.sh"? [a-z-]+.*# hookguard\s*$/.test(line.trim());
}

/** A .husky hook's text with our line first (after a shebang and husky v8's `. "…/husky.sh"` line, if any). */
function withOurLineFirst(text: string, line: string): string {
  const lines = text.split('\n').filter((l) => !isOurLine(l));
  let at = 0;
  while (at < lines.length && (lines[at]!.startsWith('#!') || /^\.\s.*husky\.sh/.test(lines[at]!))) at++;
  lines.splice(at, 0, line);
  const out = lines.join('\n');
  return out.endsWith('\n') ? out : out + '\n';
}

/** What init added in husky mode, kept in the committed runner so uninstall works in every clone. */
interface HuskyRecord {
  addedDevDeps: string[];
  /** `prepare` before init changed it (null: there was none); absent when init left `prepare` alone. */
  prepareBefore?: string | null;
  /** The hook files init created (relative to the repository root). */
  created: string[];
  /** The package (relative to the repository root) whose package.json init changed, when not the root's. */
  package?: string;
}
const RECORD_PREFIX = '# hookguard-init-record: ';

function readRecord(runnerFile: string): HuskyRecord | undefined {
  try {
    const line = readFileSync(runnerFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(RECORD_PREFIX));
    if (!line) return undefined;
    const r = JSON.parse(line.slice(RECORD_PREFIX.length)) as Partial<HuskyRecord>;
    return {
      addedDevDeps: r.addedDevDeps ?? [],
      created: r.created ?? [],
      ...(r.package ? { package: r.package } : {}),
      ...('prepareBefore' in r ? { prepareBefore: r.prepareBefore ?? null } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A hook file hookguard wrote (its marker comment). */
export function isOurs(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes(`# ${MARKER} `);
  } catch {
    return false;
  }
}

function isHuskyPath(p: string | undefined, top?: string): boolean {
  if (p === '.husky/_' || p === '.husky' || p === './.husky/_') return true;
  return (
    top !== undefined && p !== undefined && path.isAbsolute(p) && path.resolve(p) === path.join(top, '.husky', '_')
  );
}

function describeForeign(repo: Repo): string {
  const p = repo.hooksPath!;
  const who = /lefthook/i.test(p)
    ? ' (lefthook)'
    : /pre-commit/i.test(p)
      ? ' (pre-commit)'
      : repo.hooksPathScope === 'global'
        ? ' (set globally for all your repositories)'
        : '';
  return `core.hooksPath is set to "${p}"${who} in ${repo.hooksPathScope ?? 'your'} git config, so git runs the hooks there, not ours. Add "hookguard scan --staged" to your pre-commit and "hookguard scan --pre-push" to your pre-push hook there (lefthook: see the README snippet), or rerun with --force to install hookguard into "${p}" (existing hooks there are kept and chained).`;
}

function readPackageJson(file: string): { text: string; data: Record<string, unknown>; indent: string } | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read package.json: ${(e as Error).message}`;
  }
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return 'package.json is not a JSON object';
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    return { text, data, indent };
  } catch (e) {
    return `package.json is not valid JSON (${(e as Error).message}); fix it and rerun hookguard init`;
  }
}

function huskyBin(): string | undefined {
  try {
    return path.join(path.dirname(fileURLToPath(import.meta.resolve('husky'))), 'bin.js');
  } catch {
    return undefined;
  }
}

export async function install(opts: InstallOptions): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const repo = await repoInfo(opts.cwd);
  if (typeof repo === 'string') return { ok: false, messages: [], warnings: [repo] };
  const prev = readState(repo);
  const pkg = prev?.mode === 'native' ? { dir: undefined } : await findPackage(repo, opts.packageDir);
  if (typeof pkg === 'string') return { ok: false, messages: [], warnings: [pkg] };
  if (pkg.note) res.warnings.push(pkg.note);
  const useHusky = pkg.dir !== undefined;
  const foreign =
    repo.hooksPath !== undefined &&
    !(useHusky && (isHuskyPath(repo.hooksPath, repo.top) || isStaleHuskyPath(repo.hooksPath))) &&
    !isOwnNative(repo, prev);
  if (foreign && !opts.force) return { ok: false, messages: [], warnings: [describeForeign(repo)] };
  if (useHusky && !foreign) return await installHusky(repo, opts, prev, res, pkg.dir!);
  return installNative(repo, opts, prev, res);
}

/**
 * The package whose devDependencies carry hookguard and husky: the top's package.json, or in a repository whose only
 * package.json is in a subfolder (a monorepo's frontend/), that one — set up as husky documents for a package in a
 * subfolder (.husky at the repository root, `prepare: cd .. && husky` in the package). `--package DIR` chooses.
 * Several candidates and no choice: native hooks, with a note that says what that means for the team.
 */
async function findPackage(
  repo: Repo,
  chosen: string | undefined,
): Promise<{ dir: string | undefined; note?: string } | string> {
  if (chosen !== undefined) {
    const dir = path.resolve(repo.top, chosen);
    const rel = path.relative(repo.top, dir);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return `--package ${chosen} is outside the repository`;
    if (!existsSync(path.join(dir, 'package.json'))) return `--package ${chosen}: there is no package.json in ${dir}`;
    return { dir };
  }
  if (existsSync(path.join(repo.top, 'package.json'))) return { dir: repo.top };
  const ls = await gitCmd(repo.top, ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*package.json']);
  const found = (ls.ok ? ls.out.split('\n') : [])
    .filter((f) => path.posix.basename(f) === 'package.json' && !f.split('/').includes('node_modules'))
    .map((f) => path.posix.dirname(f))
    .filter((d, i, all) => d !== '.' && all.indexOf(d) === i)
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (found.length === 1) return { dir: path.join(repo.top, found[0]!) };
  if (found.length > 1)
    return {
      dir: undefined,
      note: `several package.json files (${found.slice(0, 4).join(', ')}${found.length > 4 ? ', …' : ''}) and none at the repository root: installed native hooks in .git/hooks, which are NOT shared — each teammate must run "npx hookguard init" too. To share them through husky, rerun with --package DIR (the package whose npm install your team runs).`,
    };
  return { dir: undefined };
}

/** An absolute core.hooksPath to a `.husky/_` that no longer exists: what hookguard < 0.2 left behind before a move. */
function isStaleHuskyPath(p: string): boolean {
  return path.isAbsolute(p) && /[\\/]\.husky[\\/]_$/.test(p) && !existsSync(p);
}

function isOwnNative(repo: Repo, prev: State | undefined): boolean {
  return (
    prev?.mode === 'native' &&
    prev.hooksDir !== undefined &&
    repo.hooksPath !== undefined &&
    path.resolve(repo.top, repo.hooksPath) === prev.hooksDir
  );
}

/**
 * Native hooks name the hookguard they were installed with, as a fallback for clones without node_modules. `npx
 * hookguard init` runs from npm's temporary npx cache (~/.npm/_npx/<hash>), which npm prunes: a hook that named it
 * would stop working one day. From there, the package is copied to a lasting place first
 * (${XDG_DATA_HOME:-~/.local/share}/hookguard/<version>), and the hooks name that copy.
 */
export function durableCli(opts: InstallOptions, res: InstallResult, always = false): string {
  const pkgRoot = path.dirname(path.dirname(opts.cliPath));
  if (!always && !isEphemeral(pkgRoot, opts.env)) return opts.cliPath;
  const home = opts.env.HOME || homedir();
  const base = opts.env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const dest = path.join(base, 'hookguard', opts.version);
  const cli = path.join(dest, 'bin', 'hookguard.cjs');
  if (existsSync(cli) && existsSync(path.join(dest, 'lib', 'cli.cjs'))) return cli;
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const part of ['package.json', 'bin', 'lib', 'hooks', 'patterns'])
      if (existsSync(path.join(pkgRoot, part)))
        cpSync(path.join(pkgRoot, part), path.join(tmp, part), { recursive: true });
    rmSync(dest, { recursive: true, force: true });
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    res.warnings.push(
      `hookguard runs from npx's temporary cache and could not be copied to ${dest} (${(e as Error).message}): the hooks will say "cannot find hookguard" once npm prunes that cache; install it for good with "npm install -g hookguard" or use the pre-commit framework (README)`,
    );
    return opts.cliPath;
  }
  res.messages.push(
    `copied hookguard ${opts.version} to ${dest}: ${always ? 'the hooks of every repository use that copy' : "npx's cache is temporary, and the hooks use that copy"} (run "npx hookguard@latest init${always ? ' --global' : ''}" to update it)`,
  );
  return cli;
}

/** npx's cache (`…/_npx/<hash>/node_modules/hookguard`) or anywhere under npm's cache: pruned by npm at will. */
function isEphemeral(pkgRoot: string, env: NodeJS.ProcessEnv): boolean {
  if (/[\\/]_npx[\\/]/.test(pkgRoot)) return true;
  const cache = env.npm_config_cache;
  return Boolean(cache) && !path.relative(path.resolve(cache!), pkgRoot).startsWith('..');
}

function installNative(repo: Repo, opts: InstallOptions, prev: State | undefined, res: InstallResult): InstallResult {
  opts = { ...opts, cliPath: durableCli(opts, res) };
  const dir = repo.hooksPath ? path.resolve(repo.top, repo.hooksPath) : path.join(repo.commonDir, 'hooks');
  const state: State = prev ?? { version: 1, mode: 'native', hooksDir: dir, created: [], appended: [], chained: [] };
  mkdirSync(dir, { recursive: true });
  let changed = false;
  for (const name of HOOKS) {
    const file = path.join(dir, name);
    const content = nativeHook(name, opts);
    if (existsSync(file) && isOurs(file)) {
      if (readFileSync(file, 'utf8') !== content) {
        writeFileAtomic(file, content, 0o755);
        res.messages.push(`updated ${name} hook in ${path.relative(repo.top, dir) || dir}`);
        changed = true;
      }
      continue;
    }
    if (existsSync(file)) {
      const saved = file + CHAIN_SUFFIX;
      if (existsSync(saved)) {
        res.ok = false;
        res.warnings.push(
          `${saved} already exists; move it away and rerun hookguard init (nothing was changed for ${name})`,
        );
        continue;
      }
      renameSync(file, saved);
      state.chained.push(file);
      res.messages.push(`kept your existing ${name} hook as ${path.basename(saved)}; it still runs after hookguard`);
    } else state.created.push(file);
    writeFileAtomic(file, content, 0o755);
    res.messages.push(`installed ${name} hook in ${path.relative(repo.top, dir) || dir}`);
    changed = true;
  }
  state.hooksDir = dir;
  writeState(repo, state);
  if (!changed) res.messages.push('hooks already installed; nothing changed');
  return res;
}

/** The main worktree's root (where `npm install` ran and `.husky/_` exists), or the current top. */
function mainTop(repo: Repo): string {
  return path.basename(repo.commonDir) === '.git' ? path.dirname(repo.commonDir) : repo.top;
}

/** The command that installs the project's dependencies, from its lockfile. */
function installCommand(top: string): string {
  if (existsSync(path.join(top, 'pnpm-lock.yaml'))) return 'pnpm install';
  if (existsSync(path.join(top, 'yarn.lock'))) return 'yarn install';
  if (existsSync(path.join(top, 'bun.lockb')) || existsSync(path.join(top, 'bun.lock'))) return 'bun install';
  return 'npm install';
}

/**
 * husky's core.hooksPath is relative (`.husky/_`, husky 8: `.husky`), so it survives moving or renaming the
 * repository. hookguard < 0.2 made it absolute for linked worktrees, which stops every hook after a move: put the
 * relative path back. (Linked worktrees get their own `.husky/_` instead: see layoutWorktrees.)
 */
async function relativeHuskyPath(repo: Repo, major: number, res: InstallResult): Promise<void> {
  const now = await gitCmd(repo.top, ['config', '--local', '--get', 'core.hooksPath']);
  if (!now.ok || !path.isAbsolute(now.out)) return;
  if (!isHuskyPath(now.out, mainTop(repo)) && !isStaleHuskyPath(now.out)) return;
  const rel = major >= 9 ? '.husky/_' : '.husky';
  const set = await gitCmd(repo.top, ['config', '--local', 'core.hooksPath', rel]);
  if (set.ok) res.messages.push(`core.hooksPath: ${now.out} → ${rel} (relative: it survives moving the repository)`);
  else res.warnings.push(`could not set core.hooksPath to ${rel}: ${set.err}`);
}

/**
 * A linked worktree has no `.husky/_` (husky keeps it out of git): with the relative core.hooksPath git would run no
 * hook there. New worktrees get it from the post-checkout hook; the ones that exist now get it here.
 */
async function layoutWorktrees(repo: Repo, res: InstallResult): Promise<void> {
  const src = path.join(mainTop(repo), '.husky', '_');
  if (!existsSync(src)) return;
  const list = await gitCmd(repo.top, ['worktree', 'list', '--porcelain']);
  if (!list.ok) return;
  const dirs = list.out
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));
  for (const dir of dirs) {
    if (path.resolve(dir) === path.resolve(mainTop(repo)) || !existsSync(dir)) continue;
    const dest = path.join(dir, '.husky', '_');
    if (existsSync(path.join(dest, 'h')) || existsSync(path.join(dest, 'husky.sh'))) continue;
    try {
      cpSync(src, dest, { recursive: true });
      res.messages.push(`set up the hooks in the worktree ${dir} (.husky/_)`);
    } catch (e) {
      res.warnings.push(`could not set up the hooks in the worktree ${dir}: ${(e as Error).message}`);
    }
  }
}

/**
 * The project's husky major version: the installed one, else the range in package.json (`^8.0.0`), else 9 (what
 * hookguard brings). husky 8 projects keep husky 8: its `husky install`, `.husky` as core.hooksPath, and hook files
 * that source `_/husky.sh` (husky 9 prints a deprecation banner on every commit for those).
 */
function huskyMajor(pkgDir: string, deps: Record<string, string>): number {
  try {
    const v = (
      JSON.parse(readFileSync(path.join(pkgDir, 'node_modules', 'husky', 'package.json'), 'utf8')) as {
        version?: string;
      }
    ).version;
    const m = /^(\d+)\./.exec(v ?? '');
    if (m) return Number(m[1]);
  } catch {
    /* not installed: the declared range */
  }
  const m = /^\D*(\d+)/.exec(deps.husky ?? '');
  return m ? Number(m[1]) : 9;
}

/** The first lines of a hook file that husky 8 runs (git runs it directly; husky.sh re-runs it with sh -e). */
const HUSKY8_HEADER = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n';

async function installHusky(
  repo: Repo,
  opts: InstallOptions,
  prev: State | undefined,
  res: InstallResult,
  pkgDir: string,
): Promise<InstallResult> {
  const pkgFile = path.join(pkgDir, 'package.json');
  const pkg = readPackageJson(pkgFile);
  if (typeof pkg === 'string') return { ok: false, messages: [], warnings: [pkg] };
  const sub = path.relative(repo.top, pkgDir).split(path.sep).join('/');
  const runnerFile = path.join(repo.top, HUSKY_RUNNER);
  // What an earlier init (here or in a teammate's clone) added stays on record.
  const record: HuskyRecord = readRecord(runnerFile) ?? { addedDevDeps: [], created: [] };
  if (sub) record.package = sub;
  const state: State = prev ?? {
    version: 1,
    mode: 'husky',
    created: [],
    appended: [],
    chained: [],
    hooksPathBefore: repo.hooksPath ?? null,
  };
  // package.json: devDependencies and prepare, only what is missing.
  const data = pkg.data;
  const deps = {
    ...((data.dependencies as Record<string, string>) ?? {}),
    ...((data.devDependencies as Record<string, string>) ?? {}),
  };
  const major = huskyMajor(pkgDir, deps);
  if (major < 8)
    return {
      ok: false,
      messages: [],
      warnings: [
        `this project uses husky ${major}, whose hooks live in package.json; hookguard works with husky 8 and 9. Upgrade first (npx husky-init for 8, or see husky's migration guide for 9), then rerun hookguard init`,
      ],
    };
  const isSelf = data.name === 'hookguard';
  const dev = { ...((data.devDependencies as Record<string, string>) ?? {}) };
  const add: Array<[string, string]> = [];
  if (!deps.hookguard && !isSelf) add.push(['hookguard', `^${opts.version}`]);
  if (!deps.husky && !isSelf) add.push(['husky', '^9.1.7']);
  for (const [n, v] of add) {
    dev[n] = v;
    if (!record.addedDevDeps.includes(n)) record.addedDevDeps.push(n);
  }
  const scripts = { ...((data.scripts as Record<string, string>) ?? {}) };
  let prepareChanged = false;
  if (!/\bhusky\b/.test(scripts.prepare ?? '')) {
    if (record.prepareBefore === undefined) record.prepareBefore = scripts.prepare ?? null;
    scripts.prepare = joinPrepare(scripts.prepare ?? null, sub, major);
    prepareChanged = true;
  }
  if (add.length || prepareChanged) {
    const next: Record<string, unknown> = { ...data };
    if (prepareChanged) next.scripts = scripts;
    if (add.length)
      next.devDependencies = Object.fromEntries(Object.entries(dev).sort(([a], [b]) => a.localeCompare(b)));
    const trailing = pkg.text.endsWith('\n') ? '\n' : '';
    writeFileAtomic(pkgFile, JSON.stringify(next, null, pkg.indent) + trailing);
    res.messages.push(
      `${sub ? `${sub}/` : ''}package.json: ${[add.length ? `added ${add.map(([n]) => n).join(' and ')} to devDependencies` : '', prepareChanged ? `set "prepare": "${scripts.prepare}"` : ''].filter(Boolean).join(', ')}`,
    );
  }
  // .husky hook files (at the repository root, also for a package in a subfolder): our line first, so a failing
  // `npm test` after it cannot skip the scan.
  const huskyDir = path.join(repo.top, '.husky');
  mkdirSync(huskyDir, { recursive: true });
  const hookChanges: string[] = [];
  for (const name of HUSKY_HOOKS) {
    const file = path.join(huskyDir, name);
    const rel = `.husky/${name}`;
    const line = HUSKY_LINE[name];
    if (!existsSync(file)) {
      writeFileAtomic(file, (major < 9 ? HUSKY8_HEADER : '') + line + '\n', 0o755);
      if (!record.created.includes(rel)) record.created.push(rel);
      hookChanges.push(`created ${rel}`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const next = withOurLineFirst(text, line);
    if (next === text) continue;
    const had = text.split('\n').some(isOurLine);
    writeFileAtomic(file, next, 0o755);
    if (!had) state.appended.push(file);
    hookChanges.push(
      had
        ? `updated hookguard's line in ${rel}`
        : `added hookguard to your existing ${rel} (first; your commands stay)`,
    );
  }
  const runner =
    runnerScript(opts, true, sub) +
    `# What "hookguard init" added, so "hookguard uninstall" can remove exactly that in any clone:\n${RECORD_PREFIX}${JSON.stringify(record)}\n`;
  if (!existsSync(runnerFile) || readFileSync(runnerFile, 'utf8') !== runner) {
    if (!existsSync(runnerFile)) state.created.push(runnerFile);
    writeFileAtomic(runnerFile, runner, 0o755);
  }
  res.messages.push(...hookChanges);
  await activateHusky(repo, opts, state, res, pkgDir, major);
  await relativeHuskyPath(repo, major, res);
  await layoutWorktrees(repo, res);
  writeState(repo, state);
  // npx hookguard init without a prior install: the hooks need hookguard in node_modules. Say exactly what to run.
  if (!isSelf && !existsSync(path.join(pkgDir, 'node_modules', 'hookguard', 'package.json'))) {
    res.warnings.push(
      `hookguard is in ${sub ? `${sub}/` : ''}package.json but not installed here yet: run "${installCommand(pkgDir)}"${sub ? ` in ${sub}` : ''} now; until then every commit says it was not checked`,
    );
  }
  if (sub)
    res.messages.push(
      `the package is in ${sub}/: husky's hooks are at the repository root (.husky/), and "npm install" in ${sub}/ sets them up for every teammate`,
    );
  if (!res.messages.length) res.messages.push('hooks already installed; nothing changed');
  return res;
}

/** `prepare` with husky added: from a package in a subfolder, husky runs at the repository root (`cd .. && husky`). */
function joinPrepare(before: string | null, sub: string, major: number): string {
  const up = sub
    ? sub
        .split('/')
        .map(() => '..')
        .join('/')
    : '';
  const husky = `${up ? `cd ${up} && ` : ''}husky${major < 9 ? ' install' : ''}`;
  return before ? `${before} && ${husky}` : husky;
}

/** Activate husky now (sets core.hooksPath), so the hooks work before the next npm install. */
async function activateHusky(
  repo: Repo,
  opts: InstallOptions,
  state: State,
  res: InstallResult,
  pkgDir: string,
  major: number,
): Promise<void> {
  const dir = major >= 9 ? '.husky/_' : '.husky';
  const ready = existsSync(path.join(mainTop(repo), '.husky', '_', major >= 9 ? 'h' : 'husky.sh'));
  const now = await gitCmd(repo.top, ['config', '--get', 'core.hooksPath']);
  if (ready && now.ok && (now.out === dir || isHuskyPath(now.out, mainTop(repo)))) return;
  if (opts.env.HUSKY === '0') {
    res.warnings.push('HUSKY=0 is set: husky was not activated; run "npx husky" later');
    return;
  }
  // husky 9 comes with hookguard; a husky 8 project activates with its own (husky 9 would print a deprecation banner
  // on every commit of that project).
  const own = path.join(pkgDir, 'node_modules', 'husky', 'lib', 'bin.js');
  const bin = major >= 9 ? huskyBin() : existsSync(own) ? own : undefined;
  const r = bin
    ? spawnSync(process.execPath, major >= 9 ? [bin] : [bin, 'install'], {
        cwd: mainTop(repo),
        encoding: 'utf8',
        env: { ...opts.env },
      })
    : undefined;
  const out = (r?.stdout ?? '').trim();
  if (r && r.status === 0 && (major >= 9 ? !out : !/error|not found/i.test(out))) {
    state.huskyActivated = true;
    res.messages.push(major >= 9 ? 'activated husky' : `activated husky ${major} (the project's own)`);
  } else
    res.warnings.push(
      `could not activate husky${r ? `: ${(r.stdout || r.stderr || '').trim()}` : ' (not installed)'}; run "${installCommand(pkgDir)}" to finish set-up`,
    );
}

export async function uninstall(opts: { cwd: string }): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const repo = await repoInfo(opts.cwd);
  if (typeof repo === 'string') return { ok: false, messages: [], warnings: [repo] };
  const state = readState(repo);
  // husky mode is read from the committed files (any clone), native mode from the local state.
  const huskyHere =
    existsSync(path.join(repo.top, HUSKY_RUNNER)) ||
    HUSKY_HOOKS.some((n) => fileHasOurLine(path.join(repo.top, '.husky', n)));
  if (state?.mode === 'native') uninstallNative(repo, state, res);
  else if (huskyHere) await uninstallHusky(repo, state, res);
  else res.messages.push('hookguard hooks are not installed here; nothing changed');
  rmSync(path.dirname(statePath(repo)), { recursive: true, force: true });
  return res;
}

function fileHasOurLine(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').split('\n').some(isOurLine);
  } catch {
    return false;
  }
}

function uninstallNative(repo: Repo, state: State, res: InstallResult): void {
  const dir = state.hooksDir ?? path.join(repo.commonDir, 'hooks');
  for (const name of HOOKS) {
    const file = path.join(dir, name);
    const ours = existsSync(file) && isOurs(file);
    if (ours) unlinkSync(file);
    const saved = file + CHAIN_SUFFIX;
    if (existsSync(saved) && !existsSync(file)) {
      renameSync(saved, file);
      res.messages.push(`restored your previous ${name} hook`);
    } else if (ours) res.messages.push(`removed ${name} hook`);
  }
}

/** Only a shebang, comments or blank lines: nothing would run. */
function isEmptyHook(text: string): boolean {
  return text
    .split('\n')
    .every((l) => l.trim() === '' || l.trim().startsWith('#') || /^\.\s.*_\/husky\.sh"?\s*$/.test(l.trim()));
}

async function uninstallHusky(repo: Repo, state: State | undefined, res: InstallResult): Promise<void> {
  const runnerFile = path.join(repo.top, HUSKY_RUNNER);
  const record: HuskyRecord =
    readRecord(runnerFile) ??
    (state?.packageJson
      ? {
          addedDevDeps: state.packageJson.addedDevDeps,
          created: state.created.map((f) => path.relative(repo.top, f)),
          ...(state.packageJson.prepareBefore !== undefined ? { prepareBefore: state.packageJson.prepareBefore } : {}),
        }
      : { addedDevDeps: [], created: [] });
  for (const name of HUSKY_HOOKS) {
    const file = path.join(repo.top, '.husky', name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const kept = text
      .split('\n')
      .filter((l) => !isOurLine(l))
      .join('\n');
    if (kept === text) continue;
    if (isEmptyHook(kept)) {
      unlinkSync(file);
      res.messages.push(`removed .husky/${name}`);
    } else {
      writeFileAtomic(file, kept, 0o755);
      res.messages.push(`removed hookguard from .husky/${name} (your commands stay)`);
    }
  }
  if (existsSync(runnerFile)) {
    unlinkSync(runnerFile);
    res.messages.push(`removed ${HUSKY_RUNNER}`);
  }
  // package.json: take out what init added, if it is still as init left it.
  const sub = record.package ?? '';
  const pkgFile = path.join(repo.top, sub, 'package.json');
  const pkg = existsSync(pkgFile) ? readPackageJson(pkgFile) : undefined;
  if (pkg && typeof pkg !== 'string') {
    const data = { ...pkg.data };
    const dev = { ...((data.devDependencies as Record<string, string>) ?? {}) };
    const removed = record.addedDevDeps.filter((n) => n in dev);
    for (const n of removed) delete dev[n];
    if (removed.length) {
      if (Object.keys(dev).length) data.devDependencies = dev;
      else delete data.devDependencies;
    }
    const scripts = { ...((data.scripts as Record<string, string>) ?? {}) };
    let prepareRestored = false;
    if (record.prepareBefore !== undefined) {
      const before = record.prepareBefore;
      if (scripts.prepare === joinPrepare(before, sub, 9) || scripts.prepare === joinPrepare(before, sub, 8)) {
        if (before === null) delete scripts.prepare;
        else scripts.prepare = before;
        prepareRestored = true;
        if (Object.keys(scripts).length) data.scripts = scripts;
        else delete data.scripts;
      } else if (scripts.prepare !== before)
        res.warnings.push(
          `package.json "prepare" changed since hookguard init set it; left as it is ("${scripts.prepare ?? ''}")`,
        );
    }
    const trailing = pkg.text.endsWith('\n') ? '\n' : '';
    const next = JSON.stringify(data, null, pkg.indent) + trailing;
    if (next !== pkg.text) {
      writeFileAtomic(pkgFile, next);
      res.messages.push(
        `${sub ? `${sub}/` : ''}package.json: ${[removed.length ? `removed ${removed.join(' and ')} from devDependencies` : '', prepareRestored ? (record.prepareBefore === null ? 'removed "prepare"' : `restored "prepare": "${record.prepareBefore}"`) : ''].filter(Boolean).join(', ')}${removed.length ? ` (run "${installCommand(path.join(repo.top, sub))}" to update the lockfile)` : ''}`,
      );
    }
  }
  // Undo husky's activation if init brought husky in and no other husky hook is left.
  const addedHusky = record.addedDevDeps.includes('husky') || record.prepareBefore !== undefined;
  const huskyDir = path.join(repo.top, '.husky');
  const others = existsSync(huskyDir) ? readdirSync(huskyDir).filter((n) => n !== '_' && !n.startsWith('.')) : [];
  if (addedHusky && others.length === 0) {
    const now = await gitCmd(repo.top, ['config', '--local', '--get', 'core.hooksPath']);
    if (now.ok && isHuskyPath(now.out, mainTop(repo))) {
      if (state?.hooksPathBefore) await gitCmd(repo.top, ['config', 'core.hooksPath', state.hooksPathBefore]);
      else await gitCmd(repo.top, ['config', '--unset', 'core.hooksPath']);
    }
    for (const dir of new Set([huskyDir, path.join(mainTop(repo), '.husky')])) {
      if (dir !== huskyDir && existsSync(path.join(dir, 'hookguard.sh'))) continue; // another checkout still uses it
      rmSync(path.join(dir, '_'), { recursive: true, force: true });
      try {
        rmdirSync(dir);
      } catch {
        /* not empty, or gone: leave it */
      }
    }
    res.messages.push('deactivated husky (hookguard init had set it up)');
  } else if (state?.hooksPathBefore && isHuskyPath(state.hooksPathBefore)) {
    // husky stays: give it back the core.hooksPath it had before init made it absolute.
    const now = await gitCmd(repo.top, ['config', '--local', '--get', 'core.hooksPath']);
    if (now.ok && now.out !== state.hooksPathBefore && isHuskyPath(now.out, mainTop(repo)))
      await gitCmd(repo.top, ['config', 'core.hooksPath', state.hooksPathBefore]);
  }
}
