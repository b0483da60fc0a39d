/**
 * `hookguard fix [PATH...] [--staged] [--rule ID...] [--dry-run]` (and `scan --fix`): apply the safe IaC fixes of
 * src/fix to the files the scan finds them in, check by scanning again that each fixed finding is gone and no new one
 * appeared (a file where that does not hold is put back), and say what is left. Secrets are never rewritten: their
 * findings get the rotation steps instead. Exit 0: everything fixable was fixed and nothing blocking is left; 1:
 * findings remain; 2: errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../disk/atomic.js';
import { applyFixes } from '../fix/index.js';
import { noFixReason } from '../fix/reasons.js';
import { hasFix } from '../fix/registry.js';
import { git } from '../git/run.js';
import { unifiedDiff } from '../report/diff.js';
import { scan } from '../scan/index.js';
import { atLeast, type Finding } from '../types.js';

export interface FixIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(s: string): void;
  stderr(s: string): void;
}

/** What `hookguard fix` was asked (parsed by the table in src/cli/commands/fix.ts). */
export interface FixArgs {
  paths: string[];
  staged: boolean;
  dryRun: boolean;
  /** Fix what the baseline accepts too. */
  noBaseline?: boolean;
  rules: Set<string>;
  config?: string;
}

/**
 * A finding's identity across rounds: its fingerprint (rule, file and resource path, stable when lines move), so that a
 * finding a fix brings to light is new even where its rule already found something else in the file.
 */
const key = (f: Pick<Finding, 'ruleId' | 'file' | 'fingerprint'>) => `${f.ruleId}\u0000${f.file}\u0000${f.fingerprint}`;

export async function fixCommand(a: FixArgs, io: FixIo): Promise<number> {
  sayNoFix(a.rules, io);
  const opts = {
    cwd: io.cwd,
    env: io.env,
    noBaseline: a.noBaseline === true,
    ...(a.config ? { config: a.config } : {}),
  };
  const first = await scan(
    a.staged ? { kind: 'staged' } : { kind: 'paths', paths: a.paths.length ? a.paths : ['.'] },
    opts,
  );
  const root = first.root;
  const isFixable = (f: Finding) =>
    hasFix(f.ruleId, f.file) &&
    (!a.rules.size || a.rules.has(f.ruleId)) &&
    (f.category === 'cloudformation' || f.category === 'ansible');
  // Findings known before the current round (new ones are judged against them).
  const known = new Set([...first.result.findings, ...first.result.existing].map(key));
  // Staged: only what the change brings (a resource the commit does not touch is not rewritten under it — a new key on
  // an existing database may replace it); otherwise every finding in the files.
  let candidates = [...first.result.findings, ...(a.staged ? [] : first.result.existing)].filter(isFixable);
  // A per-environment finding at a parameter file's line (prod's AdminCidr = 0.0.0.0/0) that no fix can edit: said in
  // its own words (the value is the environment's, the team's decision), not as a template fix that found no literal.
  const why = environmentReasons(candidates);
  // Every finding in the files at the start of a round (those not fixed with --staged included): what a fix must lower.
  let prior = [...first.result.findings, ...first.result.existing];
  const fixedFiles = new Set<string>();
  let problems = 0;
  // A fix may bring a finding that has its own fix (encrypted, now with the AWS-managed key: the team's key as a
  // parameter). Up to three rounds, so that one run reaches the end and a second run changes nothing.
  for (let round = 0; round < 3 && candidates.length; round++) {
    const r = await fixRound(candidates, prior, round === 0 && a.dryRun);
    if (r.dryRun !== undefined) return r.dryRun;
    for (const f of r.kept) fixedFiles.add(f);
    candidates = r.after.filter((f) => isFixable(f) && r.kept.has(f.file) && !known.has(key(f)));
    for (const f of r.after) known.add(key(f));
    prior = r.after;
  }

  /** One round: apply the fixes of `fixable`, write, scan again, put back a file where that does not hold. */
  async function fixRound(
    fixable: Finding[],
    inFiles: Finding[],
    dryRun: boolean,
  ): Promise<{ kept: Set<string>; after: Finding[]; dryRun?: number }> {
    const byFile = new Map<string, Finding[]>();
    for (const f of fixable) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);

    const kept = new Set<string>();
    let after: Finding[] = [];
    const changed = new Map<string, { before: string; after: string; applied: string[]; rules: string[] }>();
    for (const [rel, list] of byFile) {
      const abs = path.join(root, rel);
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch (e) {
        io.stderr(`hookguard fix: cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
        problems++;
        continue;
      }
      if (a.staged && !(await equalsIndex(root, rel, text, io))) continue;
      const out = applyFixes(
        text,
        list.map((f) => ({ ruleId: f.ruleId, line: f.line })),
        list[0]!.category === 'ansible' ? 'ansible' : 'cloudformation',
      );
      const said = new Set<string>();
      for (const s of out.skipped) {
        const at = `${rel}:${s.line} ${s.ruleId}`;
        if (!said.has(at)) io.stderr(`hookguard fix: ${at} not fixed: ${why(at, rel) ?? s.why}\n`);
        said.add(at);
      }
      if (out.text !== text)
        changed.set(rel, {
          before: text,
          after: out.text,
          applied: out.applied.map((x) => `${x.ruleId} (${x.what})`),
          rules: out.applied.map((x) => x.ruleId),
        });
    }

    if (dryRun) {
      for (const [rel, c] of changed) io.stdout(unifiedDiff(c.before, c.after, `a/${rel}`, `b/${rel}`, 3));
      io.stderr(
        `hookguard fix: --dry-run: ${changed.size} file${changed.size === 1 ? '' : 's'} would change; nothing was written\n`,
      );
      return { kept, after, dryRun: problems ? 2 : changed.size ? 1 : 0 };
    }

    for (const [rel, c] of changed) writeFileAtomic(path.join(root, rel), c.after);
    // Check: each fixed finding is gone and no new one appeared; otherwise the file is put back as it was.
    if (changed.size) {
      const again = await scan({ kind: 'paths', paths: [...changed.keys()].map((r) => path.join(root, r)) }, opts);
      const before = new Set(known);
      const afterAll = [...again.result.findings, ...again.result.existing];
      after = afterAll;
      for (const [rel, c] of changed) {
        const mine = afterAll.filter((f) => f.file === rel);
        // A new blocking finding puts the file back; a new finding below the threshold (encrypted, but with the AWS-managed
        // key rather than the team's: the team's key is their decision) is said, and the fix stays.
        const newOnes = mine.filter((f) => !before.has(key(f)));
        const fresh = newOnes.filter((f) => atLeast(f.severity, again.failOn));
        for (const f of newOnes.filter((x) => !fresh.includes(x)))
          io.stderr(
            `hookguard fix: ${rel}:${f.line} now shows ${f.ruleId} (${f.severity}): ${f.title} — ${f.remediation}\n`,
          );
        // A fixed rule whose findings in this file (those there before: a new one is judged above) did not go down by
        // as many as were fixed.
        const left = [...new Set(c.rules)].filter(
          (id) =>
            mine.filter((f) => f.ruleId === id && before.has(key(f))).length >
            inFiles.filter((f) => f.file === rel && f.ruleId === id).length - c.rules.filter((r) => r === id).length,
        );
        if (fresh.length || left.length) {
          writeFileAtomic(path.join(root, rel), c.before);
          io.stderr(
            `hookguard fix: ${rel}: put back as it was — the fix ${fresh.length ? `would add ${fresh.map((f) => f.ruleId).join(', ')}` : `did not clear ${left.join(', ')}`}\n`,
          );
          changed.delete(rel);
          continue;
        }
        if (a.staged) {
          const add = await git(root, ['add', '--', rel]);
          if (add.code !== 0) io.stderr(`hookguard fix: could not stage ${rel}: ${add.stderr.trim()}\n`);
        }
        io.stdout(`hookguard fix: ${rel}: ${c.applied.join('; ')}\n`);
        kept.add(rel);
      }
    }
    return { kept, after };
  }

  // What is left: secrets (never rewritten: rotation steps), and findings without a safe fix.
  const final = fixedFiles.size
    ? await scan(a.staged ? { kind: 'staged' } : { kind: 'paths', paths: a.paths.length ? a.paths : ['.'] }, opts)
    : first;
  const blocking = reportLeft(final, a.staged, fixedFiles.size, io);
  if (problems) return 2;
  return blocking ? 1 : 0;
}

/** Only where the working-tree file is what is staged: unstaged work is never mixed into the commit. */
async function equalsIndex(root: string, rel: string, text: string, io: FixIo): Promise<boolean> {
  const staged = await git(root, ['show', `:${rel}`]);
  if (staged.code === 0 && staged.stdout.toString('utf8') === text) return true;
  io.stderr(
    `hookguard fix: ${rel} has unstaged changes; not fixed (stage or stash them first, or run hookguard fix ${rel})\n`,
  );
  return false;
}

/** --rule naming a rule without a fix: said, with the reason, rather than a silent "0 files fixed". */
function sayNoFix(rules: Set<string>, io: FixIo): void {
  for (const id of rules)
    if (!hasFix(id))
      io.stderr(`hookguard fix: ${id} has no automatic fix${/^(CFN|ANS)-/.test(id) ? ` — ${noFixReason(id)}` : ''}\n`);
}

/**
 * A per-environment finding at a parameter file's line (prod's AdminCidr = 0.0.0.0/0) that no fix can edit: the reason
 * in its own words (the value is the environment's, the team's decision), not as a template fix that found no literal.
 */
function environmentReasons(candidates: Finding[]): (at: string, file: string) => string | undefined {
  const elsewhere = new Map<string, string[]>();
  for (const f of candidates) {
    const tpl = f.category === 'cloudformation' ? f.related?.find((r) => r.file && r.file !== f.file) : undefined;
    const at = `${f.file}:${f.line} ${f.ruleId}`;
    if (tpl) elsewhere.set(at, [...new Set([...(elsewhere.get(at) ?? []), `${tpl.file}:${tpl.line}`])]);
  }
  return (at, file) => {
    const opens = elsewhere.get(at);
    return (
      opens &&
      `the value is set for this environment here and opens ${opens.join(', ')}; which value it needs is the team's decision: change it in ${file}`
    );
  };
}

/** What is left after fixing, said: secrets get their rotation steps; the count of blocking findings. */
function reportLeft(final: Awaited<ReturnType<typeof scan>>, staged: boolean, fixed: number, io: FixIo): number {
  const blocking = final.result.findings.filter((f) => atLeast(f.severity, final.failOn));
  const secrets = blocking.filter((f) => f.category === 'secret' || f.secret);
  for (const f of secrets)
    io.stdout(
      `hookguard fix: ${f.file}:${f.line} ${f.ruleId}: a secret is not fixed by editing it — it is already exposed. ${f.remediation} Then replace the value with a reference to your secret store (an environment variable, {{resolve:secretsmanager:…}}, ansible-vault).\n`,
    );
  const others = blocking.length - secrets.length;
  io.stderr(
    `hookguard fix: ${fixed} file${fixed === 1 ? '' : 's'} fixed${blocking.length ? `; ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'} left (${secrets.length} secret${secrets.length === 1 ? '' : 's'}, ${others} without a safe automatic fix: hookguard scan${staged ? ' --staged' : ''} lists them)` : '; nothing blocking is left'}\n`,
  );
  return blocking.length;
}
