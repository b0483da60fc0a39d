/**
 * The commands, in the order `hookguard --help` lists them. Each is one file with its option table and its code;
 * only `scan` (the hooks' hot path) is imported up front, the others when they are run or their help is asked for.
 */
import type { Command } from '../shared.js';
import { command as scan } from './scan.js';

export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  init: async () => (await import('./install.js')).init,
  uninstall: async () => (await import('./install.js')).uninstall,
  doctor: async () => (await import('./doctor.js')).command,
  fix: async () => (await import('./fix.js')).command,
  report: async () => (await import('./report.js')).command,
  scan: () => Promise.resolve(scan),
  baseline: async () => (await import('./baseline.js')).command,
  rules: async () => (await import('./rules.js')).command,
  explain: async () => (await import('./explain.js')).command,
  env: async () => (await import('./env.js')).command,
  policy: async () => (await import('./policy.js')).command,
};

/** The command called `name`, or undefined. */
export function findCommand(name: string): (() => Promise<Command>) | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Every command, loaded (for `hookguard --help` and the tests of the tables). */
export function allCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}
