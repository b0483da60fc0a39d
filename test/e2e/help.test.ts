/** `hookguard <command> --help` for every command, through the real CLI. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT, runCli, testEnv, tempDir } from '../helpers.js';

const env = testEnv(tempDir('hg-help-'));
const cli = (args: string[]) => runCli(args, { cwd: ROOT, env });

/** The commands `hookguard --help` lists (each new command is listed there, so it needs its own help too). */
function commands(): string[] {
  const r = cli(['--help']);
  expect(r.code).toBe(0);
  return [...new Set([...r.stdout.matchAll(/^ {2}hookguard ([a-z][a-z-]*)/gm)].map((m) => m[1]!))];
}

describe('hookguard <command> --help', () => {
  const list = commands();

  it('lists at least the core commands', () => {
    expect(list).toEqual(expect.arrayContaining(['init', 'uninstall', 'scan', 'baseline', 'rules', 'explain']));
  });

  it.each(list)('%s --help prints its usage, options and examples, exit 0', (cmd) => {
    for (const args of [
      [cmd, '--help'],
      [cmd, '-h'],
      ['help', cmd],
    ]) {
      const r = cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout.startsWith(`Usage: hookguard ${cmd}`)).toBe(true);
      expect(r.stdout).toMatch(/Options:/);
      expect(r.stdout).toMatch(/Examples:\n {2}\S/);
      expect(r.stderr).toBe('');
    }
  });

  it('--help wins over other arguments (explain --help does not look up a rule called "--help")', () => {
    const r = cli(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: hookguard explain RULE_ID/);
    expect(cli(['scan', '--staged', '--help']).stdout).toMatch(/^Usage: hookguard scan/);
  });

  it('help for an unknown command is a usage error', () => {
    const r = cli(['help', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no help for "nope"/);
  });
});

describe('rule docs through the CLI', () => {
  it('explain CFN-SG-001 prints a fixed snippet that is valid YAML (its first line keeps its place)', () => {
    const r = cli(['explain', 'CFN-SG-001']);
    expect(r.code).toBe(0);
    const blocks = [...r.stdout.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    const fixed = blocks[1]!;
    expect(fixed.split('\n')[1]).toMatch(/^ {2}FromPort: 22$/);
    expect(parseDocument(fixed).errors).toEqual([]);
  });
});
