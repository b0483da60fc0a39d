/**
 * What the commands share: the process's I/O as the CLI sees it, the version, debug tracing and writing a report or
 * document to a file.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../types.js';
import { writeFileAtomic } from '../disk/atomic.js';
import type { Prestarted } from '../git/prestart.js';
import type { CommandSpec } from './options.js';

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

/** What bin/hookguard.cjs started or loaded before the CLI's module ran. */
export interface Launch {
  /** `git diff --cached` started by bin/hookguard.cjs before this module loaded. */
  prestarted?: Prestarted;
  /** The bundles bin/hookguard.cjs loaded so far, and whether their code cache was used (src/cli/boot.ts). */
  bundles?: () => Array<{ file: string; cache: string; cacheFile?: string }>;
}

/** A command: its option table (which its help is generated from) and what it runs with the arguments after its name. */
export interface Command {
  spec: CommandSpec;
  run(argv: string[], io: Io, launch: Launch): Promise<number>;
}

export function debugOn(io: Io): boolean {
  const d = io.env.DEBUG ?? '';
  return /(^|,)\s*hookguard(:\*|:[a-z]+)?\s*(,|$)/.test(d) || d === '*';
}

export function debug(io: Io, msg: string): void {
  if (debugOn(io)) io.stderr(`hookguard:debug ${msg}\n`);
}

export function writeOutput(file: string, text: string): void {
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
