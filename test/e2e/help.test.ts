/** `hookguard <command> --help` for every command, through the real CLI. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { Repo, ROOT, runCli, testEnv, tempDir } from '../helpers.js';

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
  it('explain takes --no-color as scan does (it prints no colour either way)', () => {
    const plain = cli(['explain', 'CFN-SG-001']);
    const r = cli(['explain', 'CFN-SG-001', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });

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

describe('one option parser for every command (through the real CLI)', () => {
  const repo = Repo.init();
  repo.commit('envs', {
    '.env.prod': 'LOG_LEVEL=warn\n',
    '.env.staging': 'LOG_LEVEL=debug\n',
    '.hookguard.yaml': 'failOn: high\n',
    'app.js': 'console.log(1);\n',
  });
  const same = (spellings: string[][], out?: string) => {
    const runs = spellings.map((args) => {
      const r = repo.hookguard(args);
      return { code: r.code, text: out ? readFileSync(path.join(repo.dir, out), 'utf8') : r.stdout, err: r.stderr };
    });
    for (const r of runs) expect(r.err).not.toMatch(/unknown option|needs a value/);
    expect(new Set(runs.map((r) => r.code)).size).toBe(1);
    expect(runs[0]!.text.length).toBeGreaterThan(0);
    for (const r of runs.slice(1)) expect(r.text).toBe(runs[0]!.text);
    return runs[0]!;
  };

  it('env: --format/--config/--output each as "--opt value", "--opt=value" and the short form', () => {
    expect(
      same([
        ['env', '--format', 'json'],
        ['env', '--format=json'],
      ]).code,
    ).toBe(0);
    same([
      ['env', '--config', '.hookguard.yaml'],
      ['env', '--config=.hookguard.yaml'],
      ['env', '-c', '.hookguard.yaml'],
    ]);
    same(
      [
        ['env', '--output', 'p.txt'],
        ['env', '--output=p.txt'],
        ['env', '-o', 'p.txt'],
      ],
      'p.txt',
    );
  });

  it('rules, doctor, report and policy take the same spellings', () => {
    same([
      ['rules', '--config', '.hookguard.yaml'],
      ['rules', '--config=.hookguard.yaml'],
      ['rules', '-c', '.hookguard.yaml'],
    ]);
    same([
      ['doctor', '--format', 'json'],
      ['doctor', '--format=json'],
    ]);
    expect(repo.hookguard(['scan', '--format=json', '--output=r.json']).code).toBe(0);
    same([
      ['report', 'r.json', '--format', 'markdown'],
      ['report', 'r.json', '--format=markdown'],
    ]);
    same(
      [
        ['report', 'r.json', '-o', 'r.html'],
        ['report', 'r.json', '--output=r.html'],
      ],
      'r.html',
    );
    same(
      [
        ['policy', '--output', 'P.md'],
        ['policy', '--output=P.md'],
        ['policy', '-o', 'P.md'],
      ],
      'P.md',
    );
  });

  it('bad arguments are usage errors (exit 2) that name the option and the command', () => {
    for (const [args, message] of [
      [['env', '--format=xml'], /--format must be one of text, json, markdown \(got "xml"\)/],
      [['rules', '--format'], /--format needs a value/],
      [['doctor', '--bogus'], /unknown option --bogus for "hookguard doctor"/],
      [['scan', '--staged=yes'], /--staged takes no value/],
      [['fix', '--rule'], /--rule needs a value/],
    ] as const) {
      const r = repo.hookguard([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
