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
}

export interface InstallResult {
  ok: boolean;
  messages: string[];
  warnings: string[];
}

export const MARKER = 'hookguard';
const HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push'] as const;
type HookName = (typeof HOOKS)[number];
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
async function gitCmd(cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
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
function runnerScript(opts: InstallOptions, shared = false): string {
  // The template only uses these placeholders inside double quotes.
  return runnerTemplate()
    .replaceAll('__HOOKGUARD_CLI__', shared ? '' : shDoubleQuoted(opts.cliPath))
    .replaceAll('__HOOKGUARD_NODE__', shared ? '' : shDoubleQuoted(opts.nodePath));
}

/** A native hook: our runner, then the hook that was there before (if any), with the same arguments and stdin. */
function nativeHook(name: HookName, opts: InstallOptions): string {
  const runner = runnerScript(opts)
    .replace(/^#!.*\n/, '')
    .replace(/\ncase "\$\{1:-\}" in[\s\S]*$/, '\n');
  // ${0%/*}, not $(dirname "$0"): a fork less on every commit (git runs a hook by a path with a slash).
  const chain = `"\${0%/*}/${name}${CHAIN_SUFFIX}"`;
  const body =
    name === 'pre-push'
      ? `hg_input=$(cat)
printf '%s\\n' "$hg_input" | hookguard_run scan --pre-push "$@" || exit $?
if [ -x ${chain} ]; then printf '%s\\n' "$hg_input" | ${chain} "$@" || exit $?; fi
`
      : `hookguard_run scan --staged || exit $?
if [ -x ${chain} ]; then ${chain} "$@" || exit $?; fi
`;
  return `#!/bin/sh
# ${MARKER} ${name} hook: installed by "hookguard init", removed by "hookguard uninstall".
# The hook that was here before, if any, is kept as ${name}${CHAIN_SUFFIX} and still runs after the check.
${runner}
${body}`;
}

/**
 * Our line in a .husky hook. The runner is found next to the hook file ($0), not relative to the working directory:
 * in a linked worktree git runs the main worktree's hooks, and the checked-out branch may predate hookguard.
 */
const HUSKY_LINE: Record<HookName, string> = {
  'pre-commit': `sh "\${0%/*}/hookguard.sh" pre-commit # ${MARKER}`,
  'pre-merge-commit': `sh "\${0%/*}/hookguard.sh" pre-merge-commit # ${MARKER}`,
  'pre-push': `sh "\${0%/*}/hookguard.sh" pre-push "$@" # ${MARKER}`,
};

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
      ...('prepareBefore' in r ? { prepareBefore: r.prepareBefore ?? null } : {}),
    };
  } catch {
    return undefined;
  }
}

function isOurs(file: string): boolean {
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
  const pkgFile = path.join(repo.top, 'package.json');
  const useHusky = existsSync(pkgFile) && (prev?.mode ?? 'husky') === 'husky';
  const foreign =
    repo.hooksPath !== undefined && !(useHusky && isHuskyPath(repo.hooksPath, repo.top)) && !isOwnNative(repo, prev);
  if (foreign && !opts.force) return { ok: false, messages: [], warnings: [describeForeign(repo)] };
  if (useHusky && !foreign) return await installHusky(repo, opts, prev, res);
  return installNative(repo, opts, prev, res);
}

function isOwnNative(repo: Repo, prev: State | undefined): boolean {
  return (
    prev?.mode === 'native' &&
    prev.hooksDir !== undefined &&
    repo.hooksPath !== undefined &&
    path.resolve(repo.top, repo.hooksPath) === prev.hooksDir
  );
}

function installNative(repo: Repo, opts: InstallOptions, prev: State | undefined, res: InstallResult): InstallResult {
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
 * husky sets core.hooksPath to `.husky/_`, relative: a linked worktree has no `.husky/_` (husky gitignores it), so
 * git would silently run no hook there. The same folder by its absolute path works in every worktree. (husky puts the
 * relative path back on `npm install`; the hook runner makes it absolute again on its next run.)
 */
async function absoluteHuskyPath(repo: Repo, res: InstallResult): Promise<void> {
  const abs = path.join(mainTop(repo), '.husky', '_');
  if (!existsSync(path.join(abs, 'h'))) return;
  const now = await gitCmd(repo.top, ['config', '--local', '--get', 'core.hooksPath']);
  if (now.ok && now.out === abs) return;
  if (now.ok && !isHuskyPath(now.out, mainTop(repo))) return;
  const set = await gitCmd(repo.top, ['config', '--local', 'core.hooksPath', abs]);
  if (!set.ok) res.warnings.push(`could not set core.hooksPath to ${abs}: ${set.err}`);
}

async function installHusky(
  repo: Repo,
  opts: InstallOptions,
  prev: State | undefined,
  res: InstallResult,
): Promise<InstallResult> {
  const pkgFile = path.join(repo.top, 'package.json');
  const pkg = readPackageJson(pkgFile);
  if (typeof pkg === 'string') return { ok: false, messages: [], warnings: [pkg] };
  const runnerFile = path.join(repo.top, HUSKY_RUNNER);
  // What an earlier init (here or in a teammate's clone) added stays on record.
  const record: HuskyRecord = readRecord(runnerFile) ?? { addedDevDeps: [], created: [] };
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
    scripts.prepare = scripts.prepare ? `${scripts.prepare} && husky` : 'husky';
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
      `package.json: ${[add.length ? `added ${add.map(([n]) => n).join(' and ')} to devDependencies` : '', prepareChanged ? `set "prepare": "${scripts.prepare}"` : ''].filter(Boolean).join(', ')}`,
    );
  }
  // .husky hook files: our line first, so a failing `npm test` after it cannot skip the scan.
  const huskyDir = path.join(repo.top, '.husky');
  mkdirSync(huskyDir, { recursive: true });
  const hookChanges: string[] = [];
  for (const name of HOOKS) {
    const file = path.join(huskyDir, name);
    const rel = `.husky/${name}`;
    const line = HUSKY_LINE[name];
    if (!existsSync(file)) {
      writeFileAtomic(file, line + '\n', 0o755);
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
    runnerScript(opts, true) +
    `# What "hookguard init" added, so "hookguard uninstall" can remove exactly that in any clone:\n${RECORD_PREFIX}${JSON.stringify(record)}\n`;
  if (!existsSync(runnerFile) || readFileSync(runnerFile, 'utf8') !== runner) {
    if (!existsSync(runnerFile)) state.created.push(runnerFile);
    writeFileAtomic(runnerFile, runner, 0o755);
  }
  res.messages.push(...hookChanges);
  // Activate husky now (sets core.hooksPath), so the hooks work before the next npm install.
  if (!isHuskyPath(repo.hooksPath, mainTop(repo)) || !existsSync(path.join(mainTop(repo), '.husky', '_', 'h'))) {
    if (opts.env.HUSKY === '0') res.warnings.push('HUSKY=0 is set: husky was not activated; run "npx husky" later');
    else {
      const bin = huskyBin();
      const r = bin
        ? spawnSync(process.execPath, [bin], { cwd: mainTop(repo), encoding: 'utf8', env: { ...opts.env } })
        : undefined;
      if (r && r.status === 0 && !(r.stdout ?? '').trim()) {
        state.huskyActivated = true;
        res.messages.push('activated husky');
      } else
        res.warnings.push(
          `could not activate husky${r ? `: ${(r.stdout || r.stderr || '').trim()}` : ' (not installed)'}; run "${installCommand(repo.top)}" to finish set-up`,
        );
    }
  }
  await absoluteHuskyPath(repo, res);
  writeState(repo, state);
  // npx hookguard init without a prior install: the hooks need hookguard in node_modules. Say exactly what to run.
  if (!isSelf && !existsSync(path.join(repo.top, 'node_modules', 'hookguard', 'package.json'))) {
    res.warnings.push(
      `hookguard is in package.json but not installed here yet: run "${installCommand(repo.top)}" now; until then the hooks stop every commit and say so (HOOKGUARD=0 skips once)`,
    );
  }
  if (!res.messages.length) res.messages.push('hooks already installed; nothing changed');
  return res;
}

export async function uninstall(opts: { cwd: string }): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const repo = await repoInfo(opts.cwd);
  if (typeof repo === 'string') return { ok: false, messages: [], warnings: [repo] };
  const state = readState(repo);
  // husky mode is read from the committed files (any clone), native mode from the local state.
  const huskyHere =
    existsSync(path.join(repo.top, HUSKY_RUNNER)) ||
    HOOKS.some((n) => fileHasOurLine(path.join(repo.top, '.husky', n)));
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
  return text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'));
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
  for (const name of HOOKS) {
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
  const pkgFile = path.join(repo.top, 'package.json');
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
      const ours = before === null ? 'husky' : `${before} && husky`;
      if (scripts.prepare === ours) {
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
        `package.json: ${[removed.length ? `removed ${removed.join(' and ')} from devDependencies` : '', prepareRestored ? (record.prepareBefore === null ? 'removed "prepare"' : `restored "prepare": "${record.prepareBefore}"`) : ''].filter(Boolean).join(', ')}${removed.length ? ` (run "${installCommand(repo.top)}" to update the lockfile)` : ''}`,
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
