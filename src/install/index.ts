/**
 * Hook installation. Small, idempotent, honest: returns messages, never throws on an ordinary "can't".
 * - package.json at the top → husky: devDependencies, `prepare: husky`, our line added to .husky/pre-commit and
 *   .husky/pre-push (existing files keep their content), husky activated.
 * - otherwise native hooks in the hooks directory git uses; an existing hook is kept and chained.
 * - a foreign core.hooksPath (lefthook, pre-commit, a global path) is explained, not overwritten without --force.
 * Everything init changes is recorded in <git-common-dir>/hookguard/state.json so uninstall restores it.
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
const HOOKS = ['pre-commit', 'pre-push'] as const;
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
  const chain = `"$(dirname "$0")/${name}${CHAIN_SUFFIX}"`;
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

const HUSKY_LINE: Record<HookName, string> = {
  'pre-commit': `sh ${HUSKY_RUNNER} pre-commit # ${MARKER}`,
  'pre-push': `sh ${HUSKY_RUNNER} pre-push "$@" # ${MARKER}`,
};

function isOurs(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes(`# ${MARKER} `);
  } catch {
    return false;
  }
}

function isHuskyPath(p: string | undefined): boolean {
  return p === '.husky/_' || p === '.husky' || p === './.husky/_';
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
    repo.hooksPath !== undefined && !(useHusky && isHuskyPath(repo.hooksPath)) && !isOwnNative(repo, prev);
  if (foreign && !opts.force) return { ok: false, messages: [], warnings: [describeForeign(repo)] };
  if (useHusky && !foreign) return installHusky(repo, opts, prev, res);
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

function installHusky(repo: Repo, opts: InstallOptions, prev: State | undefined, res: InstallResult): InstallResult {
  const pkgFile = path.join(repo.top, 'package.json');
  const pkg = readPackageJson(pkgFile);
  if (typeof pkg === 'string') return { ok: false, messages: [], warnings: [pkg] };
  const state: State = prev ?? {
    version: 1,
    mode: 'husky',
    created: [],
    appended: [],
    chained: [],
    packageJson: { addedDevDeps: [] },
    hooksPathBefore: repo.hooksPath ?? null,
  };
  state.packageJson ??= { addedDevDeps: [] };
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
    state.packageJson.addedDevDeps.push(n);
  }
  const scripts = { ...((data.scripts as Record<string, string>) ?? {}) };
  let prepareChanged = false;
  if (!/\bhusky\b/.test(scripts.prepare ?? '')) {
    if (state.packageJson.prepareBefore === undefined) state.packageJson.prepareBefore = scripts.prepare ?? null;
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
  // .husky files.
  const huskyDir = path.join(repo.top, '.husky');
  mkdirSync(huskyDir, { recursive: true });
  const runnerFile = path.join(repo.top, HUSKY_RUNNER);
  const runner = runnerScript(opts, true);
  if (!existsSync(runnerFile) || readFileSync(runnerFile, 'utf8') !== runner) {
    if (!existsSync(runnerFile)) state.created.push(runnerFile);
    writeFileAtomic(runnerFile, runner, 0o755);
  }
  for (const name of HOOKS) {
    const file = path.join(huskyDir, name);
    const line = HUSKY_LINE[name];
    if (!existsSync(file)) {
      writeFileAtomic(file, line + '\n', 0o755);
      state.created.push(file);
      res.messages.push(`created .husky/${name}`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (text.split('\n').some((l) => l.trim() === line)) continue;
    writeFileAtomic(file, text + (text.endsWith('\n') || text === '' ? '' : '\n') + line + '\n', 0o755);
    state.appended.push(file);
    res.messages.push(`added hookguard to your existing .husky/${name} (your commands stay)`);
  }
  // Activate husky now (sets core.hooksPath=.husky/_), so the hooks work before the next npm install.
  if (!isHuskyPath(repo.hooksPath) || !existsSync(path.join(huskyDir, '_', 'h'))) {
    if (opts.env.HUSKY === '0') res.warnings.push('HUSKY=0 is set: husky was not activated; run "npx husky" later');
    else {
      const bin = huskyBin();
      const r = bin
        ? spawnSync(process.execPath, [bin], { cwd: repo.top, encoding: 'utf8', env: { ...opts.env } })
        : undefined;
      if (r && r.status === 0 && !(r.stdout ?? '').trim()) {
        state.huskyActivated = true;
        res.messages.push('activated husky (core.hooksPath=.husky/_)');
      } else
        res.warnings.push(
          `could not activate husky${r ? `: ${(r.stdout || r.stderr || '').trim()}` : ' (not installed)'}; run "npm install" to finish set-up`,
        );
    }
  }
  writeState(repo, state);
  if (!res.messages.length) res.messages.push('hooks already installed; nothing changed');
  return res;
}

export async function uninstall(opts: { cwd: string }): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const repo = await repoInfo(opts.cwd);
  if (typeof repo === 'string') return { ok: false, messages: [], warnings: [repo] };
  const state = readState(repo);
  if (!state) {
    res.messages.push('hookguard hooks are not installed here; nothing changed');
    return res;
  }
  if (state.mode === 'native') {
    const dir = state.hooksDir ?? path.join(repo.commonDir, 'hooks');
    for (const name of HOOKS) {
      const file = path.join(dir, name);
      if (existsSync(file) && isOurs(file)) unlinkSync(file);
      const saved = file + CHAIN_SUFFIX;
      if (existsSync(saved) && !existsSync(file)) {
        renameSync(saved, file);
        res.messages.push(`restored your previous ${name} hook`);
      } else res.messages.push(`removed ${name} hook`);
    }
  } else {
    for (const name of HOOKS) {
      const file = path.join(repo.top, '.husky', name);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      const kept = text
        .split('\n')
        .filter((l) => l.trim() !== HUSKY_LINE[name])
        .join('\n');
      if (state.created.includes(file) && kept.trim() === '') {
        unlinkSync(file);
        res.messages.push(`removed .husky/${name}`);
      } else if (kept !== text) {
        writeFileAtomic(file, kept, 0o755);
        res.messages.push(`removed hookguard from .husky/${name} (your commands stay)`);
      }
    }
    const runner = path.join(repo.top, HUSKY_RUNNER);
    if (existsSync(runner)) unlinkSync(runner);
    const pkgFile = path.join(repo.top, 'package.json');
    const pkg = existsSync(pkgFile) ? readPackageJson(pkgFile) : undefined;
    if (pkg && typeof pkg !== 'string' && state.packageJson) {
      const data = { ...pkg.data };
      const dev = { ...((data.devDependencies as Record<string, string>) ?? {}) };
      for (const n of state.packageJson.addedDevDeps) delete dev[n];
      if (state.packageJson.addedDevDeps.length) {
        if (Object.keys(dev).length) data.devDependencies = dev;
        else delete data.devDependencies;
      }
      if (state.packageJson.prepareBefore !== undefined) {
        const scripts = { ...((data.scripts as Record<string, string>) ?? {}) };
        if (state.packageJson.prepareBefore === null) delete scripts.prepare;
        else scripts.prepare = state.packageJson.prepareBefore;
        if (Object.keys(scripts).length) data.scripts = scripts;
        else delete data.scripts;
      }
      const trailing = pkg.text.endsWith('\n') ? '\n' : '';
      const next = JSON.stringify(data, null, pkg.indent) + trailing;
      if (next !== pkg.text) {
        writeFileAtomic(pkgFile, next);
        res.messages.push('package.json: restored devDependencies and prepare');
      }
    }
    // Undo husky's activation only if we did it and no other husky hook is left.
    const huskyDir = path.join(repo.top, '.husky');
    const others = existsSync(huskyDir) ? readdirSync(huskyDir).filter((n) => n !== '_' && !n.startsWith('.')) : [];
    if (state.huskyActivated && others.length === 0) {
      if (state.hooksPathBefore) await gitCmd(repo.top, ['config', 'core.hooksPath', state.hooksPathBefore]);
      else await gitCmd(repo.top, ['config', '--unset', 'core.hooksPath']);
      rmSync(path.join(huskyDir, '_'), { recursive: true, force: true });
      try {
        rmdirSync(huskyDir);
      } catch {
        /* not empty: leave it */
      }
      res.messages.push('deactivated husky (it was set up by hookguard init)');
    }
  }
  rmSync(path.dirname(statePath(repo)), { recursive: true, force: true });
  return res;
}
