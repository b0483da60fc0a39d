/**
 * `hookguard doctor`: is protection on in this clone? For each hook git would run: where git looks (core.hooksPath
 * and its scope), whether the file is there and executable, which manager owns it (husky, lefthook, the pre-commit
 * framework, hookguard's native hook, a global hooks path) and whether it calls hookguard; and, by asking the runner
 * itself (HOOKGUARD_PROBE=1), which node and hookguard it would run. Not ok — exit 1 — when a hook that the
 * repository's committed setup expects is not active (or nothing sets hookguard up), with the one command that fixes it.
 * Returns data; the CLI prints it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gitCmd } from './index.js';

export const DOCTOR_HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg'] as const;

export interface HookStatus {
  hook: string;
  /** The file git runs for this hook. */
  file: string;
  /** git will run it and it calls hookguard, which the runner can find. */
  active: boolean;
  manager: 'husky' | 'lefthook' | 'pre-commit' | 'hookguard' | 'other' | 'none';
  callsHookguard: boolean;
  problem?: string;
}

export interface DoctorReport {
  ok: boolean;
  top: string;
  hooksPath: string;
  hooksPathScope?: string;
  /** What the committed files (or this clone's native install) set up. */
  setup: Array<'husky' | 'lefthook' | 'pre-commit' | 'native'>;
  hooks: HookStatus[];
  runner?: { node: string; cli: string; version?: string };
  notes: string[];
  /** The one command that fixes what is wrong. */
  fix?: string;
}

/** git's trimmed output, or undefined when it fails (the installer's gitCmd, which never throws). */
async function gitOut(cwd: string, args: string[]): Promise<string | undefined> {
  const r = await gitCmd(cwd, args);
  return r.ok ? r.out : undefined;
}

/** Does the lefthook config run hookguard under this hook's key? */
function lefthookRuns(cfg: string, hook: string): boolean {
  return new RegExp(`(^|\\n)${hook}:[\\s\\S]*?hookguard`).test(cfg);
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const LEFTHOOK_FILES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', 'lefthook-local.yml'];

/** Ask the runner which node and hookguard it would run (it prints them and exits, running nothing). */
function probe(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): DoctorReport['runner'] {
  const r = spawnSync('sh', [script, ...args], {
    cwd,
    env: { ...env, HOOKGUARD_PROBE: '1', HOOKGUARD: '' },
    encoding: 'utf8',
    input: '',
    timeout: 10_000,
  });
  const m = /node=(\S*) cli=(.*)$/m.exec(r.stdout ?? '');
  if (!m) return undefined;
  const runner: NonNullable<DoctorReport['runner']> = { node: m[1]!, cli: m[2]!.trim() };
  if (runner.cli.endsWith('.cjs')) {
    try {
      const pkg = JSON.parse(read(path.join(path.dirname(runner.cli), '..', 'package.json'))) as { version?: string };
      if (pkg.version) runner.version = pkg.version;
    } catch {
      /* no version to show */
    }
  }
  return runner;
}

export async function doctor(opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<DoctorReport | string> {
  const top = await gitOut(opts.cwd, ['rev-parse', '--show-toplevel']);
  if (top === undefined) return `not a git repository (${opts.cwd}); run hookguard doctor inside one`;
  const common =
    (await gitOut(top, ['rev-parse', '--path-format=absolute', '--git-common-dir'])) ?? path.join(top, '.git');
  const hp = await gitOut(top, ['config', '--show-scope', '--get', 'core.hooksPath']);
  const [scope, ...rest] = hp ? hp.split('\t') : [];
  const hooksPath = rest.join('\t');
  const dir = hooksPath ? path.resolve(top, hooksPath) : path.join(common, 'hooks');
  const report: DoctorReport = {
    ok: true,
    top,
    hooksPath: dir,
    ...(scope ? { hooksPathScope: scope } : {}),
    setup: [],
    hooks: [],
    notes: [],
  };
  // What the committed setup (or this clone's native install) expects.
  const huskyRunner = path.join(top, '.husky', 'hookguard.sh');
  if (existsSync(huskyRunner)) report.setup.push('husky');
  const lefthookFile = LEFTHOOK_FILES.map((f) => path.join(top, f)).find((f) => /hookguard/.test(read(f)));
  if (lefthookFile) report.setup.push('lefthook');
  if (/hookguard/.test(read(path.join(top, '.pre-commit-config.yaml')))) report.setup.push('pre-commit');
  if (existsSync(path.join(common, 'hookguard', 'state.json')) && !report.setup.includes('husky'))
    report.setup.push('native');

  if (hooksPath && !existsSync(dir)) {
    report.notes.push(
      `core.hooksPath (${scope} config) is "${hooksPath}", which does not exist: git runs NO hook in this clone${path.isAbsolute(hooksPath) ? ' (an absolute path left behind after the repository moved?)' : ''}`,
    );
  }
  for (const hook of DOCTOR_HOOKS) {
    const file = path.join(dir, hook);
    const text = read(file);
    const st: HookStatus = { hook, file, active: false, manager: 'none', callsHookguard: false };
    if (!text) st.problem = existsSync(dir) ? 'no hook file: git runs nothing' : 'the hooks folder does not exist';
    else if (!executable(file)) st.problem = 'the hook file is not executable: git skips it (chmod +x)';
    if (text) {
      if (/^# hookguard [a-z-]+ hook/m.test(text)) {
        st.manager = 'hookguard';
        st.callsHookguard = true;
      } else if (/husky/.test(text) || /[\\/]\.husky[\\/]?(_)?$/.test(dir)) {
        st.manager = 'husky';
        // husky 9: .husky/_/<hook> runs .husky/<hook>; husky 8: the file in .husky is the script itself.
        const script = path.basename(dir) === '_' ? path.join(path.dirname(dir), hook) : file;
        st.callsHookguard = /hookguard/.test(read(script));
        if (!st.callsHookguard && !st.problem)
          st.problem = existsSync(script)
            ? `${path.relative(top, script)} does not call hookguard`
            : `no ${path.relative(top, script)}`;
      } else if (/lefthook/i.test(text)) {
        st.manager = 'lefthook';
        const cfg = lefthookFile ? read(lefthookFile) : '';
        st.callsHookguard = lefthookRuns(cfg, hook);
        if (!st.callsHookguard && !st.problem) st.problem = `lefthook's ${hook} does not run hookguard`;
      } else if (/pre-commit\.com|File generated by pre-commit|pre_commit/.test(text)) {
        st.manager = 'pre-commit';
        st.callsHookguard = report.setup.includes('pre-commit');
        if (!st.callsHookguard && !st.problem) st.problem = '.pre-commit-config.yaml does not list hookguard';
      } else {
        st.manager = 'other';
        st.callsHookguard = /hookguard/.test(text);
        if (!st.callsHookguard && !st.problem) st.problem = 'this hook does not call hookguard';
      }
    }
    st.active = !st.problem && st.callsHookguard;
    report.hooks.push(st);
  }

  // Which node and hookguard the runner finds (the runner itself answers).
  const preCommit = report.hooks[0]!;
  if (preCommit.manager === 'hookguard') report.runner = probe(preCommit.file, [], top, opts.env);
  else if (preCommit.manager === 'husky' && existsSync(huskyRunner))
    report.runner = probe(huskyRunner, ['pre-commit'], top, opts.env);
  else if (preCommit.manager === 'lefthook') {
    const shipped = path.join(top, 'node_modules', 'hookguard', 'hooks', 'hookguard.sh');
    if (existsSync(shipped)) report.runner = probe(shipped, ['pre-commit'], top, opts.env);
    else report.runner = { node: '', cli: '' };
  }
  if (report.runner && !report.runner.cli) {
    for (const h of report.hooks)
      if (h.active) {
        h.active = false;
        h.problem = 'runs hookguard, which the hook cannot find';
      }
    report.notes.push('the hooks cannot find hookguard: every commit is let through unchecked, with a warning');
  } else if (report.runner && report.runner.cli.endsWith('.cjs') && !report.runner.node) {
    for (const h of report.hooks)
      if (h.active) {
        h.active = false;
        h.problem = 'runs hookguard, but the hook cannot find node';
      }
    report.notes.push('the hooks cannot find node: every commit is let through unchecked, with a warning');
  }
  if (scope === 'local') {
    const g = await gitOut(top, ['config', '--global', '--get', 'core.hooksPath']);
    if (g && /[\\/]hookguard[\\/]hooks$/.test(g))
      report.notes.push(
        `hookguard's global hooks (${g}, from init --global) do not run in this repository: its own core.hooksPath (${hooksPath}) wins over the global one`,
      );
  }
  if (opts.env.HOOKGUARD === '0')
    report.notes.push('HOOKGUARD=0 is set in this environment: every hook skips the check');
  if (scope === 'global' || scope === 'system')
    report.notes.push(`core.hooksPath comes from your ${scope} git config: it applies to every repository`);

  // Expected but not active → not ok, with the one command that fixes it.
  const expectedHooks = (): string[] => {
    if (report.setup.includes('husky'))
      return DOCTOR_HOOKS.filter((h) => /hookguard/.test(read(path.join(top, '.husky', h))));
    if (report.setup.includes('lefthook')) return DOCTOR_HOOKS.filter((h) => lefthookRuns(read(lefthookFile!), h));
    if (report.setup.includes('pre-commit')) return ['pre-commit'];
    if (report.setup.includes('native')) return [...DOCTOR_HOOKS];
    return [];
  };
  const expected = expectedHooks();
  const missing = report.hooks.filter((h) => expected.includes(h.hook) && !h.active);
  if (!report.setup.length) {
    report.ok = report.hooks.some((h) => h.active);
    if (!report.ok) report.fix = 'npx hookguard init';
  } else if (missing.length || (report.runner && !report.runner.cli)) {
    report.ok = false;
    report.fix = fixFor(report, top);
  }
  return report;
}

function fixFor(report: DoctorReport, top: string): string {
  const lock = existsSync(path.join(top, 'pnpm-lock.yaml'))
    ? 'pnpm install'
    : existsSync(path.join(top, 'yarn.lock'))
      ? 'yarn install'
      : 'npm install';
  if (report.runner && !report.runner.cli) return report.setup.includes('native') ? 'npx hookguard init' : lock;
  if (report.setup.includes('husky'))
    return existsSync(path.join(top, 'node_modules', 'husky')) ? 'npx hookguard init' : lock;
  if (report.setup.includes('lefthook')) return 'npx lefthook install';
  if (report.setup.includes('pre-commit'))
    return 'pre-commit install --hook-type pre-commit --hook-type pre-merge-commit --hook-type pre-push';
  return 'npx hookguard init';
}

/** The report as the lines `hookguard doctor` prints. */
export function formatDoctor(r: DoctorReport): string {
  const out: string[] = [];
  out.push(
    `hooks folder: ${r.hooksPath}${r.hooksPathScope ? ` (core.hooksPath, ${r.hooksPathScope} config)` : ' (git default)'}`,
  );
  out.push(`set up by the repository: ${r.setup.length ? r.setup.join(', ') : 'nothing (hookguard init was not run)'}`);
  for (const h of r.hooks)
    out.push(
      `${h.active ? 'ON ' : 'OFF'}  ${h.hook.padEnd(16)} ${h.manager === 'none' ? '' : `${h.manager}: `}${h.active ? 'runs hookguard' : (h.problem ?? 'does not run hookguard')}`,
    );
  if (r.runner)
    out.push(
      `runner: node ${r.runner.node || '(not found)'}, hookguard ${r.runner.cli || '(not found)'}${r.runner.version ? ` (${r.runner.version})` : ''}`,
    );
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push(r.ok ? 'protection is on in this clone' : `protection is OFF in this clone — fix: ${r.fix}`);
  return out.join('\n') + '\n';
}
