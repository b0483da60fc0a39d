/**
 * The JSON Schema of .hookguard.yaml (schema/hookguard.schema.json) and the config validator agree: every config
 * example in the README is valid for both, a set of broken configs is refused by both (the CLI with exit 2), and
 * `$schema:` is accepted. The committed schema is the one generated from src/config/schema.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo, ROOT } from '../helpers.js';

afterAll(cleanup);

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'hookguard.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
};
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const KEYS = new Set(Object.keys(schema.properties));

/** The README's YAML blocks that are .hookguard.yaml files: every top-level key is a config key. */
function readmeConfigs(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.filter((b) => {
    try {
      const v = parse(b) as unknown;
      return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => KEYS.has(k));
    } catch {
      return false;
    }
  });
}

/** The CLI's verdict on a config: 2 is "invalid config". */
function cliCode(repo: Repo, text: string): { code: number; stderr: string } {
  repo.write('.hookguard.yaml', text);
  const r = repo.hookguard(['scan', 'README.md']);
  return { code: r.code, stderr: r.stderr };
}

describe('the config schema', () => {
  const repo = Repo.init();
  repo.write('README.md', '# x\n');

  it('accepts every config example of the README, as the validator does', () => {
    const examples = readmeConfigs();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const ex of examples) {
      const ok = validate(parse(ex));
      expect(ok, `${ex}\n${JSON.stringify(validate.errors)}`).toBe(true);
      // The validator's verdict (an example may name a baseline file that this repository does not have).
      const cli = cliCode(repo, ex);
      expect(cli.stderr, ex).not.toMatch(/invalid config/);
      if (!/^baseline:/m.test(ex)) expect(cli.code, `${ex}\n${cli.stderr}`).not.toBe(2);
    }
  });

  it('refuses what the validator refuses, and accepts $schema', () => {
    const bad = [
      'failOn: severe\n',
      'colour: blue\n',
      'hookErrors: maybe\n',
      'owners:\n  - paths: ["infra/**"]\n',
      'escalation: {}\n',
      'rules:\n  github-pat: loud\n',
      'revoked:\n  people: [ann]\n',
      'ignore: vendor/\n',
    ];
    for (const b of bad) {
      expect(validate(parse(b)), b).toBe(false);
      const cli = cliCode(repo, b);
      expect(cli.code, `${b}\n${cli.stderr}`).toBe(2);
      expect(cli.stderr).toMatch(/invalid config/);
    }
    const good = `# yaml-language-server: $schema=https://github.com/hookguard/hookguard/blob/main/schema/hookguard.schema.json\n$schema: ./node_modules/hookguard/schema/hookguard.schema.json\nfailOn: medium\nhookErrors: block\n`;
    expect(validate(parse(good)), JSON.stringify(validate.errors)).toBe(true);
    expect(cliCode(repo, good).code).toBe(0);
  });
});
