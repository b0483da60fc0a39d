/**
 * The runner's side of the contract, without @actions/core: inputs from INPUT_* variables, outputs and the job
 * summary through the files GitHub names in GITHUB_OUTPUT / GITHUB_STEP_SUMMARY, and workflow commands on stdout.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { escapeData } from '../report/github.js';

export interface Runner {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
}

export function defaultRunner(): Runner {
  return { env: process.env, stdout: (s) => process.stdout.write(s) };
}

/** GitHub's rule: INPUT_ + the name upper-cased with spaces replaced by "_" (dashes are kept). */
export function inputName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function getInput(r: Runner, name: string): string {
  return (r.env[inputName(name)] ?? '').trim();
}

export function getBooleanInput(r: Runner, name: string, fallback: boolean): boolean {
  const v = getInput(r, name).toLowerCase();
  if (!v) return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new ActionInputError(`input "${name}" must be true or false, got "${v}"`);
}

/** An input or event problem the user fixes in the workflow file. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** `name<<DELIM\nvalue\nDELIM`: safe for values with newlines, as the runner documents. */
export function setOutput(r: Runner, name: string, value: string): void {
  const file = r.env.GITHUB_OUTPUT;
  if (!file) return;
  let delim = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delim)) delim = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delim}\n${value}\n${delim}\n`);
}

export function appendSummary(r: Runner, markdown: string): void {
  const file = r.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + '\n');
}

export function command(r: Runner, name: 'error' | 'warning' | 'notice', message: string): void {
  r.stdout(`::${name}::${escapeData(message)}\n`);
}

export function info(r: Runner, message: string): void {
  r.stdout(`${message}\n`);
}

export function group(r: Runner, title: string): () => void {
  r.stdout(`::group::${escapeData(title)}\n`);
  return () => r.stdout('::endgroup::\n');
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export function repository(r: Runner): RepoRef | undefined {
  const full = r.env.GITHUB_REPOSITORY ?? '';
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full);
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

export function readEvent(r: Runner): Record<string, unknown> {
  const file = r.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ActionInputError(`cannot read the event payload ${file}: ${(e as Error).message}`);
  }
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    throw new ActionInputError(`the event payload ${file} is not JSON`);
  }
}
