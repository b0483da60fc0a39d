/** `hookguard policy`: the enforced policy as Markdown (and `policy init`: the starter team policies). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import { version, writeOutput, type Command, type Io } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';

export const POLICY_SPEC: CommandSpec = {
  name: 'policy',
  usage: `policy [--output FILE] [--check FILE] [--config FILE] [--baseline FILE]
       | policy init [DIR]`,
  synopsis: [
    [
      'policy [--output FILE] [--check FILE]',
      'the enforced policy, owners and every accepted exception as Markdown; --check exits 1 when FILE is not what policy writes now (for CI)',
    ],
    ['policy init [DIR]', 'write starter team policies to DIR (default policies/), never overwriting a file'],
  ],
  about: `Write the security policy hookguard enforces as Markdown: where it runs (husky, lefthook, the pre-commit framework,
committed hook scripts, the Action and hookguard commands in .github/workflows) and the threshold each place blocks
at, the rule families, owners and escalation, revoked users and keys, environments and the keys expected to differ,
declared encryption at rest (git-crypt, SOPS, Ansible Vault), and every accepted exception (inline allows, resource
Metadata suppressions, baseline entries — each high or critical one listed —, config ignores and rules turned off or
lowered), with the ones that lack a reason and the unused ones listed separately. It is built from the tracked files
as the index holds them (untracked files and unstaged edits are not the policy), and is deterministic: commit it,
and let CI check it.

"hookguard policy init [DIR]" writes starter team policies (default policies/) to edit, never overwriting a file.`,
  rows: [
    { ...SCAN_OPTIONS.output, help: 'write the document to FILE (atomically) instead of stdout' },
    {
      name: 'check',
      value: 'FILE',
      help: 'compare with FILE: exit 0 when it is current, 1 when it is stale or missing (the diff that regenerating would make is printed)',
    },
    SCAN_OPTIONS.config,
    { ...SCAN_OPTIONS.baseline, help: 'baseline file (default .hookguard-baseline.json when present)' },
  ],
  examples: [
    'npx hookguard policy --output SECURITY-POLICY.md',
    'npx hookguard policy --check SECURITY-POLICY.md    # in CI: fails when the committed copy is stale',
    'npx hookguard policy init',
  ],
};

export const command: Command = {
  spec: POLICY_SPEC,
  run: (argv, io) => {
    if (argv[0] === 'init') return policyInit(argv.slice(1), io);
    const p = parseOptions(argv, POLICY_SPEC);
    if (p.operands.length)
      throw new UsageError(
        `unexpected argument "${p.operands[0]}" for "hookguard policy" (see hookguard policy --help)`,
      );
    const o = {
      output: str(p, 'output'),
      check: str(p, 'check'),
      config: str(p, 'config'),
      baseline: str(p, 'baseline'),
    };
    return policyCommand(o, io);
  },
};

/** `hookguard policy init [DIR]`: the starter policies (default policies/), never overwriting a file. */
async function policyInit(rest: string[], io: Io): Promise<number> {
  if (rest.length > 1 || rest.some((a) => a.startsWith('-')))
    throw new UsageError('usage: hookguard policy init [DIR] (default policies/)');
  const { writeStarter } = await import('../../policies/index.js');
  const { repoRoot } = await import('../../git/repo.js');
  const root = (await repoRoot(io.cwd, io.env)) ?? io.cwd;
  const dir = rest[0] ? path.resolve(io.cwd, rest[0]) : path.join(root, 'policies');
  const r = writeStarter(dir, {
    exists: existsSync,
    write: (p, t) => writeFileSync(p, t, { flag: 'wx' }),
    mkdir: (p) => mkdirSync(p, { recursive: true }),
    join: (a, b) => path.join(a, b),
  });
  const rel = path.relative(io.cwd, dir) || '.';
  for (const f of r.written) io.stderr(`hookguard: wrote ${path.join(rel, f)}\n`);
  for (const f of r.kept) io.stderr(`hookguard: kept ${path.join(rel, f)} (it exists; not overwritten)\n`);
  io.stderr(
    `hookguard: edit the ids, owners and ranges to your team's, then "hookguard policy" renders them as your standard${rest[0] ? ` (set policyPaths: [${rest[0]}] in .hookguard.yaml)` : ''}.\n`,
  );
  return 0;
}

async function policyCommand(
  o: {
    output?: string | undefined;
    check?: string | undefined;
    config?: string | undefined;
    baseline?: string | undefined;
  },
  io: Io,
): Promise<number> {
  if (o.output && o.check) throw new UsageError('choose one of --output and --check');
  await thisClone(io);
  const { buildPolicy } = await import('../../policy/index.js');
  const text = await buildPolicy({
    cwd: io.cwd,
    env: io.env,
    toolVersion: version(),
    ...(o.config ? { config: o.config } : {}),
    ...(o.baseline ? { baseline: o.baseline } : {}),
  });
  if (o.check) {
    let current: string | undefined;
    try {
      current = readFileSync(path.resolve(io.cwd, o.check), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) {
      io.stderr(`hookguard: ${o.check} is current.\n`);
      return 0;
    }
    // What regenerating would change, as a unified diff (CI logs show why the check failed).
    const { unifiedDiff } = await import('../../report/diff.js');
    io.stdout(unifiedDiff(current ?? '', text, current === undefined ? '/dev/null' : `a/${o.check}`, `b/${o.check}`));
    io.stderr(
      `hookguard: ${o.check} is ${current === undefined ? 'missing' : 'stale'}; regenerate it with "hookguard policy --output ${o.check}" and commit it.\n`,
    );
    return 1;
  }
  if (o.output) {
    writeOutput(o.output, text);
    io.stderr(`hookguard: wrote the policy to ${o.output}.\n`);
  } else io.stdout(text);
  return 0;
}

/**
 * The hooks this clone runs (native hooks in .git/hooks, a global core.hooksPath…), said on stderr: they are each
 * developer's, not the repository's policy, so the document (the same in every clone and in CI) leaves them out.
 */
async function thisClone(io: Io): Promise<void> {
  const { doctor } = await import('../../install/doctor.js');
  const r = await doctor({ cwd: io.cwd, env: io.env }).catch(() => undefined);
  if (!r || typeof r === 'string') return;
  const on = r.hooks.filter((h) => h.active).map((h) => h.hook);
  const where =
    r.hooksPathScope === 'global'
      ? `global hooks (core.hooksPath ${r.hooksPath})`
      : r.hooksPathScope
        ? `core.hooksPath ${r.hooksPath} (${r.hooksPathScope} config)`
        : `${r.hooksPath}`;
  io.stderr(
    on.length
      ? `hookguard: this clone runs hookguard at ${on.join(', ')} through ${where}; a clone's own hooks are not part of the policy document.\n`
      : `hookguard: this clone runs no hookguard hook (hookguard doctor says why); the policy document describes the repository.\n`,
  );
}
