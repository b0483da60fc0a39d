/** Test helpers: real git repositories in temp dirs and the real built CLI as a child process. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const BIN = path.join(ROOT, 'bin', 'hookguard.cjs');

const created: string[] = [];

/** Where the built CLI keeps its code cache during tests (shared by every test, never the user's own). */
export const SHARED_CACHE = path.join(tmpdir(), 'hookguard-test-cache');

/** An isolated environment: no user/system git config, a private HOME, no colour, no CI progress. */
export function testEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k.startsWith('GIT_') || k === 'HOOKGUARD' || k === 'HUSKY' || k === 'NO_COLOR') delete env[k];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    // One code cache for every test's CLI runs (src/cli/boot.ts), as a user has one for all repositories.
    XDG_CACHE_HOME: SHARED_CACHE,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.test',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.test',
    ...extra,
  };
}

export function tempDir(prefix = 'hg-'): string {
  const d = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  created.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class Repo {
  readonly env: NodeJS.ProcessEnv;
  constructor(
    readonly dir: string,
    readonly home: string,
  ) {
    this.env = testEnv(home);
  }

  static init(opts: { bare?: boolean; branch?: string } = {}): Repo {
    const base = tempDir();
    const home = path.join(base, 'home');
    mkdirSync(home);
    const dir = path.join(base, 'repo');
    mkdirSync(dir);
    const r = new Repo(dir, home);
    r.git('init', '-q', '-b', opts.branch ?? 'main', ...(opts.bare ? ['--bare'] : []));
    return r;
  }

  git(...args: string[]): string {
    return this.gitIn({}, ...args);
  }

  gitIn(opts: { input?: string; env?: NodeJS.ProcessEnv; allowFail?: boolean }, ...args: string[]): string {
    const r = spawnSync('git', args, {
      cwd: this.dir,
      env: { ...this.env, ...opts.env },
      encoding: 'utf8',
      input: opts.input ?? '',
    });
    if (r.status !== 0 && !opts.allowFail) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return (r.stdout ?? '').trim();
  }

  /** Run git and return the whole result (for hooks that may block). */
  gitRun(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input = ''): Run {
    const r = spawnSync('git', args, { cwd: this.dir, env: { ...this.env, ...extraEnv }, encoding: 'utf8', input });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  write(rel: string, text: string | Buffer): string {
    const p = path.join(this.dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  }

  commit(msg: string, files: Record<string, string> = {}): string {
    for (const [f, t] of Object.entries(files)) this.write(f, t);
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', msg);
    return this.git('rev-parse', 'HEAD');
  }

  hookguard(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
    return runCli(args, {
      cwd: opts.cwd ?? this.dir,
      env: { ...this.env, ...opts.env },
      ...(opts.input !== undefined ? { input: opts.input } : {}),
    });
  }

  json(
    args: string[],
    opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
  ): { code: number; report: Report; stderr: string } {
    const r = this.hookguard([...args, '--format', 'json'], opts);
    let report: Report;
    try {
      report = JSON.parse(r.stdout) as Report;
    } catch {
      throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
    }
    return { code: r.code, report, stderr: r.stderr };
  }
}

/** A CloudFormation template whose one security group opens SSH to `cidr` (the world by default: a blocking finding). */
export function sshTemplate(cidr = '0.0.0.0/0'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: ${cidr}
`;
}

export function runCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Run {
  const o: SpawnSyncOptions = {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    input: opts.input ?? '',
  };
  const r = spawnSync(process.execPath, [BIN, ...args], o);
  return { code: r.status ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

export interface ReportFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  commit?: string;
  author?: string;
  date?: string;
  match?: string;
  fingerprint: string;
  category: string;
  message: string;
}

export interface Report {
  version: number;
  tool: { name: string; version: string };
  findings: ReportFinding[];
  existing: ReportFinding[];
  suppressed: Array<{ ruleId: string; file: string; line: number; by: string; reason: string; fingerprint: string }>;
  errors: Array<{ file: string; line?: number; message: string }>;
  staleBaseline: string[];
  summary: {
    files: number;
    bytes: number;
    commits?: number;
    skipped: { binary: number; large: number; other: number };
    durationMs: number;
    bySeverity: Record<string, number>;
  };
}

/** Assert helper: the text must not contain any of the secrets, whole. */
export function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

/**
 * A git on PATH that logs its arguments and runs the real one: `env` to pass to a run, `calls(re)` the logged lines
 * that match (e.g. /(?:^| )ls-files /), `reset()` to start the log over.
 */
export function gitLogger(repo: Repo): { env: NodeJS.ProcessEnv; calls(re: RegExp): string[]; reset(): void } {
  const bin = path.join(repo.home, 'logbin');
  const log = path.join(repo.home, 'git.log');
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  writeFileSync(log, '');
  return {
    env: { PATH: `${bin}:${repo.env.PATH ?? process.env.PATH}` },
    calls: (re) =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => re.test(l)),
    reset: () => writeFileSync(log, ''),
  };
}
