/**
 * `hookguard init --global`: protect every repository of this user, the ones that exist and the ones to come, through a
 * global core.hooksPath (a folder of the user's: ${XDG_CONFIG_HOME:-~/.config}/hookguard/hooks). Chosen over
 * init.templateDir, which only reaches repositories cloned or created later and leaves a copy in each to update.
 * Each repository's own .git/hooks still run after the check (git does not run them while the global path is set),
 * and a repository whose hook manager sets its own core.hooksPath (husky, lefthook) keeps running its own hooks: local
 * config wins over global, so hookguard runs there only if that set-up calls it (`hookguard doctor` says so).
 * `uninstall --global` restores the previous global core.hooksPath exactly. Returns messages; never throws.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, rmdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../disk/atomic.js';
import { durableCli, gitCmd, HOOKS, isOurs, nativeHook, type InstallOptions, type InstallResult } from './index.js';

interface GlobalState {
  version: 1;
  /** The global core.hooksPath before init --global (null: none). */
  hooksPathBefore: string | null;
}

export function globalDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'hookguard', 'hooks');
}

function statePath(dir: string): string {
  return path.join(path.dirname(dir), 'global-state.json');
}

/** git config --global, run in a folder that is not a repository (the user's home) so no local config interferes. */
async function globalGit(env: NodeJS.ProcessEnv, args: string[]) {
  return gitCmd(env.HOME || homedir(), ['config', '--global', ...args]);
}

export async function installGlobal(opts: InstallOptions, force: boolean): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const dir = globalDir(opts.env);
  const now = await globalGit(opts.env, ['--get', 'core.hooksPath']);
  const current = now.ok && now.out ? now.out : null;
  const ours = current !== null && path.resolve(current.replace(/^~(?=\/)/, opts.env.HOME || homedir())) === dir;
  if (current !== null && !ours && !force) {
    res.ok = false;
    res.warnings.push(
      `your global git config already sets core.hooksPath to "${current}" (another tool's hooks for every repository); hookguard leaves it alone. Add "hookguard scan --staged" to the hooks there, or rerun with --force to point it at hookguard's hooks (${dir}); "hookguard uninstall --global" puts "${current}" back`,
    );
    return res;
  }
  // The hooks of every repository must not depend on one project's node_modules or on npx's cache: a copy of the user's.
  opts = { ...opts, cliPath: durableCli(opts, res, true) };
  mkdirSync(dir, { recursive: true });
  let changed = false;
  for (const name of HOOKS) {
    const file = path.join(dir, name);
    const content = nativeHook(name, opts, true);
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    if (existsSync(file) && !isOurs(file)) {
      res.ok = false;
      res.warnings.push(`${file} exists and is not hookguard's; move it away and rerun`);
      continue;
    }
    writeFileAtomic(file, content, 0o755);
    changed = true;
  }
  if (!ours) {
    // Remember what was there, once: a second init --global must not record our own path as "before".
    if (!existsSync(statePath(dir))) {
      const state: GlobalState = { version: 1, hooksPathBefore: current };
      writeFileSync(statePath(dir), JSON.stringify(state, null, 2) + '\n');
    }
    const set = await globalGit(opts.env, ['core.hooksPath', dir]);
    if (!set.ok) {
      res.ok = false;
      res.warnings.push(`could not set the global core.hooksPath: ${set.err}`);
      return res;
    }
    res.messages.push(
      `global core.hooksPath → ${dir}${current ? ` (was "${current}"; uninstall --global restores it)` : ''}: every repository of yours runs hookguard's pre-commit, pre-merge-commit and pre-push checks, then its own .git/hooks`,
    );
    changed = true;
  }
  if (changed) res.messages.push(`installed hookguard's hooks in ${dir}`);
  else res.messages.push('global hooks already installed; nothing changed');
  res.messages.push(
    'repositories whose hook manager sets its own core.hooksPath (husky, lefthook) run their own hooks instead: run "npx hookguard init" there (hookguard doctor shows which set-up a repository uses)',
  );
  return res;
}

export async function uninstallGlobal(opts: { env: NodeJS.ProcessEnv }): Promise<InstallResult> {
  const res: InstallResult = { ok: true, messages: [], warnings: [] };
  const dir = globalDir(opts.env);
  let state: GlobalState | undefined;
  try {
    state = JSON.parse(readFileSync(statePath(dir), 'utf8')) as GlobalState;
  } catch {
    state = undefined;
  }
  const now = await globalGit(opts.env, ['--get', 'core.hooksPath']);
  if (now.ok && now.out && path.resolve(now.out) === dir) {
    const before = state?.hooksPathBefore ?? null;
    const r =
      before === null
        ? await globalGit(opts.env, ['--unset', 'core.hooksPath'])
        : await globalGit(opts.env, ['core.hooksPath', before]);
    if (!r.ok) res.warnings.push(`could not restore the global core.hooksPath: ${r.err}`);
    else
      res.messages.push(
        before === null ? 'removed the global core.hooksPath' : `global core.hooksPath restored to "${before}"`,
      );
  } else if (now.ok && now.out)
    res.messages.push(`the global core.hooksPath is "${now.out}", not hookguard's: left as it is`);
  for (const name of HOOKS) {
    const file = path.join(dir, name);
    if (existsSync(file) && isOurs(file)) {
      unlinkSync(file);
      res.messages.push(`removed ${file}`);
    }
  }
  rmSync(statePath(dir), { force: true });
  try {
    rmdirSync(dir);
  } catch {
    /* not empty, or gone */
  }
  if (!res.messages.length) res.messages.push('hookguard is not installed globally; nothing changed');
  return res;
}
