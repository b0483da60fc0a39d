/**
 * Exceptions a pull request grants itself: baseline entries it adds, `hookguard:allow` comments it adds that
 * suppress a finding, and config changes that turn a rule off, lower its severity, ignore paths or allow values.
 * A pull request is the real gate, so these are listed on their own and (by default) need an owner's approval.
 *
 * Who owns an exception, and what counts as the mode, is read from the BASE commit: a pull request cannot name its
 * own approvers (by editing CODEOWNERS or `owners:`) or switch the approval off in the change it asks approval for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEVERITY_RANK, type Category, type ScanResult, type Severity } from '../types.js';
import { git } from '../git/run.js';
import { CODEOWNERS_PATHS, ownersFor, parseCodeowners, type Ownership } from '../owners/index.js';
import { loadConfig, type Config, type ConfigException, CONFIG_NAMES } from '../config/load.js';
import { parseBaseline, DEFAULT_BASELINE, type BaselineEntry } from '../suppress/baseline.js';
import { standardChanges } from './standard-changes.js';

export type ExceptionMode = 'require-owner-approval' | 'report';
export const EXCEPTION_MODES: readonly ExceptionMode[] = ['require-owner-approval', 'report'];

export interface PrException {
  kind: 'baseline' | 'inline' | 'config' | 'policy';
  /** What grants it, for people: "baseline entry", "hookguard:allow", "rule off in .hookguard.yaml"… */
  what: string;
  file: string;
  line?: number;
  ruleId: string;
  severity?: Severity;
  /** The author of the commit that added it (git blame at the head commit). */
  addedBy?: string;
  commit?: string;
  reason?: string;
  /** Who may approve it (users `@login`, teams `@org/slug`, e-mails), from the base commit's ownership. */
  owners: string[];
}

export interface ExceptionInput {
  root: string;
  base: string;
  head: string;
  result: ScanResult;
  /** The config file as the Action was told (relative to the workspace), or undefined for .hookguard.yaml. */
  configFile?: string;
  /** The baseline input, if given. */
  baselineFile?: string;
  /** Rule id (lower case) → its own severity and category. */
  rules: ReadonlyMap<string, { severity: Severity; category: Category }>;
}

export interface ExceptionReport {
  exceptions: PrException[];
  /** From the base commit's config (`exceptions:`), unless the Action's input says otherwise. */
  configMode?: ExceptionMode;
  ownersFrom?: string;
}

async function show(root: string, rev: string, file: string): Promise<string | undefined> {
  const r = await git(root, ['show', `${rev}:${file}`]);
  return r.code === 0 ? r.stdout.toString('utf8') : undefined;
}

interface BlameLine {
  sha: string;
  author: string;
  text: string;
}

/** `git blame --porcelain head -- file`: per head line, the commit and author that wrote it, and its text; and
 * `sha:origLine` → head line (a finding from an earlier commit of the range points at that commit's line). */
async function blame(
  root: string,
  head: string,
  file: string,
): Promise<{ lines: Map<number, BlameLine>; moved: Map<string, number> }> {
  const lines = new Map<number, BlameLine>();
  const moved = new Map<string, number>();
  const r = await git(root, ['blame', '--porcelain', head, '--', file]);
  if (r.code !== 0) return { lines, moved };
  const authors = new Map<string, string>();
  let cur: { sha: string; orig: number; final: number } | undefined;
  for (const row of r.stdout.toString('utf8').split('\n')) {
    const h = /^([0-9a-f]{40,64}) (\d+) (\d+)/.exec(row);
    if (h) {
      cur = { sha: h[1]!, orig: Number(h[2]), final: Number(h[3]) };
      continue;
    }
    if (!cur) continue;
    if (row.startsWith('author ')) authors.set(cur.sha, row.slice(7));
    else if (row.startsWith('\t')) {
      lines.set(cur.final, { sha: cur.sha, author: authors.get(cur.sha) ?? '', text: row.slice(1) });
      moved.set(`${cur.sha}:${cur.orig}`, cur.final);
    }
  }
  return { lines, moved };
}

/** Category from a rule id, for rules whose docs are not at hand (owners may select by category). */
function categoryOf(ruleId: string, rules: ExceptionInput['rules']): Category {
  const known = rules.get(ruleId.toLowerCase());
  if (known) return known.category;
  if (/^CFN-/i.test(ruleId)) return 'cloudformation';
  if (/^ANS-/i.test(ruleId)) return 'ansible';
  if (/^ENV-/i.test(ruleId)) return 'environment';
  if (/^ATREST-/i.test(ruleId)) return 'at-rest';
  if (/^ACCESS-/i.test(ruleId)) return 'access';
  if (/^CERT-/i.test(ruleId)) return 'certificate';
  if (/^HG-/i.test(ruleId)) return 'hookguard';
  return 'secret';
}

/** Config at a revision (the Action's config input, else the first of .hookguard.yaml/.yml), or undefined. */
async function configAt(
  root: string,
  rev: string,
  configFile: string | undefined,
  known: ReadonlySet<string>,
): Promise<{ config: Config; file: string } | undefined> {
  for (const name of configFile ? [configFile] : CONFIG_NAMES) {
    const text = await show(root, rev, name);
    if (text === undefined) continue;
    const dir = mkdtempSync(path.join(tmpdir(), 'hookguard-cfg-'));
    try {
      const tmp = path.join(dir, path.basename(name));
      writeFileSync(tmp, text);
      const categories = new Set([
        'secret',
        'cloudformation',
        'ansible',
        'environment',
        'at-rest',
        'access',
        'certificate',
      ]);
      return { config: await loadConfig(tmp, known, `${name} at ${rev.slice(0, 7)}`, categories), file: name };
    } catch {
      return undefined; // a broken config at that revision grants nothing we could read
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return undefined;
}

/** Ownership at the base commit: its config `owners:`, else its CODEOWNERS. */
async function ownershipAt(root: string, rev: string, config: Config | undefined): Promise<Ownership | undefined> {
  if (config?.owners) return { from: 'config', rules: config.owners };
  for (const file of CODEOWNERS_PATHS) {
    const text = await show(root, rev, file);
    if (text !== undefined) return { from: file, rules: parseCodeowners(text, file).rules };
  }
  return undefined;
}

const exceptionKey = (e: ConfigException) => `${e.kind}\0${e.what.toLowerCase()}\0${e.severity ?? ''}`;

export async function prExceptions(i: ExceptionInput): Promise<ExceptionReport> {
  const known = new Set(i.rules.keys());
  const baseCfg = await configAt(i.root, i.base, i.configFile, known);
  const headCfg = await configAt(i.root, i.head, i.configFile, known);
  const ownership = await ownershipAt(i.root, i.base, baseCfg?.config);
  const owners = (file: string, ruleId: string) =>
    ownership ? ownersFor(ownership, { file, ruleId, category: categoryOf(ruleId, i.rules) }) : [];
  const blames = new Map<string, ReturnType<typeof blame>>();
  const blameOf = (file: string) => {
    let b = blames.get(file);
    if (!b) blames.set(file, (b = blame(i.root, i.head, file)));
    return b;
  };
  const inRange = new Set(
    (await git(i.root, ['rev-list', `${i.base}..${i.head}`])).stdout.toString('utf8').split('\n').filter(Boolean),
  );
  const out: PrException[] = [];
  const bySev = new Map(i.result.suppressed.map((s) => [s.fingerprint, s.severity]));

  // 1. hookguard:allow comments added by the pull request that suppress a finding.
  out.push(...(await addedAllows(i, blameOf, inRange, owners)));

  // 2. Baseline entries the pull request adds (whether or not the range itself has the finding).
  const baselineFile = i.baselineFile ?? headCfg?.config.baseline ?? baseCfg?.config.baseline ?? DEFAULT_BASELINE;
  const entries = async (rev: string) => {
    const text = await show(i.root, rev, baselineFile);
    if (text === undefined) return new Map<string, BaselineEntry>();
    const p = parseBaseline(text, baselineFile);
    return 'entries' in p ? p.entries : new Map<string, BaselineEntry>();
  };
  const before = await entries(i.base);
  const after = await entries(i.head);
  for (const e of after.values()) {
    if (before.has(e.fingerprint)) continue;
    const b = await blameOf(baselineFile);
    let by: BlameLine | undefined;
    let lineNo: number | undefined;
    for (const [n, l] of b.lines)
      if (l.text.includes(e.fingerprint)) {
        by = l;
        lineNo = n;
        break;
      }
    const severity = bySev.get(e.fingerprint) ?? e.severity ?? i.rules.get(e.ruleId.toLowerCase())?.severity;
    out.push({
      kind: 'baseline',
      what: `baseline entry (${baselineFile}${lineNo ? `:${lineNo}` : ''})`,
      file: e.file,
      ...(e.line ? { line: e.line } : {}),
      ruleId: e.ruleId,
      ...(severity ? { severity } : {}),
      ...(by ? { addedBy: by.author, commit: by.sha } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
      owners: owners(e.file, e.ruleId),
    });
  }

  // 3. Config: rules turned off or lowered, paths ignored, values allowed — new at head.
  if (headCfg) {
    const had = new Set((baseCfg?.config.exceptions ?? []).map(exceptionKey));
    const b = await blameOf(headCfg.file);
    for (const e of headCfg.config.exceptions ?? []) {
      if (had.has(exceptionKey(e))) continue;
      const rule = i.rules.get(e.what.toLowerCase());
      if (e.kind === 'severity lowered') {
        const was = baseCfg?.config.rules.get(e.what.toLowerCase());
        const from = was && was !== 'off' ? was : rule?.severity;
        if (!from || !e.severity || SEVERITY_RANK[e.severity] >= SEVERITY_RANK[from]) continue;
      }
      let by: BlameLine | undefined;
      let lineNo: number | undefined;
      const needle = new RegExp(`(^|[\\s"'\\-:])${e.what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
      for (const [n, l] of b.lines)
        if (needle.test(l.text)) {
          by = l;
          lineNo = n;
          if (inRange.has(l.sha)) break;
        }
      const ruleId = e.kind === 'rule off' || e.kind === 'severity lowered' ? e.what : `${e.kind}: ${e.what}`;
      // Owners: of the config file, and of the findings the change hides in this range.
      const hidden = i.result.suppressed.filter(
        (s) => s.by === 'config' && e.kind === 'rule off' && s.ruleId.toLowerCase() === e.what.toLowerCase(),
      );
      const who = new Set([
        ...owners(headCfg.file, e.kind === 'rule off' || e.kind === 'severity lowered' ? e.what : 'HG-CONFIG'),
        ...hidden.flatMap((s) => owners(s.file, s.ruleId)),
      ]);
      const severity =
        e.kind === 'severity lowered' ? rule?.severity : e.kind === 'rule off' ? rule?.severity : undefined;
      out.push({
        kind: 'config',
        what:
          e.kind === 'severity lowered'
            ? `severity lowered to ${e.severity} in ${headCfg.file}`
            : `${e.kind} in ${headCfg.file}`,
        file: headCfg.file,
        ...(lineNo ? { line: lineNo } : {}),
        ruleId,
        ...(severity ? { severity } : {}),
        ...(by ? { addedBy: by.author, commit: by.sha } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        owners: [...who],
      });
    }
  }
  // 4. Team policies the pull request removes or changes: the standard it is judged by.
  for (const c of await standardChanges(i.root, i.base, i.head, {
    basePaths: baseCfg?.config.policyPaths,
    headPaths: headCfg?.config.policyPaths,
    configFile: baseCfg?.file,
  })) {
    const b = c.after ? await blameOf(c.after.file) : undefined;
    const by = c.after ? [...(b?.lines.entries() ?? [])].find(([, l]) => inRange.has(l.sha)) : undefined;
    out.push({
      kind: 'policy',
      what: c.after ? `team policy changed in ${c.after.file}` : `team policy removed from ${c.file}`,
      file: c.after?.file ?? c.file,
      ...(c.after ? { line: c.after.line } : {}),
      ruleId: c.policy.id,
      severity: c.policy.severity,
      ...(by ? { addedBy: by[1].author, commit: by[1].sha } : {}),
      owners: [...new Set([...c.policy.owners, ...owners(c.file, c.policy.id)])],
    });
  }
  const mode = baseCfg?.config.exceptionApproval;
  return {
    exceptions: out,
    ...(mode ? { configMode: mode } : {}),
    ...(ownership ? { ownersFrom: ownership.from } : {}),
  };
}

/** The hookguard:allow comments the pull request adds (commits in `inRange`) that suppress a finding. */
async function addedAllows(
  i: ExceptionInput,
  blameOf: (file: string) => ReturnType<typeof blame>,
  inRange: Set<string>,
  owners: (file: string, ruleId: string) => string[],
): Promise<PrException[]> {
  const out: PrException[] = [];
  const seenInline = new Set<string>();
  for (const s of i.result.suppressed) {
    if (s.by !== 'inline') continue;
    const b = await blameOf(s.file);
    const line = s.commit && s.commit !== i.head ? b.moved.get(`${s.commit}:${s.line}`) : s.line;
    if (line === undefined) continue; // no longer at the head commit
    // The allow is on the flagged line or in a comment on the line above it.
    const at = [line, line - 1]
      .map((n) => ({ n, l: b.lines.get(n) }))
      .find((x) => x.l && /hookguard:allow/i.test(x.l.text));
    if (!at?.l || !inRange.has(at.l.sha)) continue;
    const key = `${s.file}\0${at.n}\0${s.ruleId}`;
    if (seenInline.has(key)) continue;
    seenInline.add(key);
    out.push({
      kind: 'inline',
      what: 'hookguard:allow',
      file: s.file,
      line: at.n,
      ruleId: s.ruleId,
      severity: s.severity,
      addedBy: at.l.author,
      commit: at.l.sha,
      ...(s.reason ? { reason: s.reason } : {}),
      owners: owners(s.file, s.ruleId),
    });
  }
  return out;
}

export interface Approval {
  /** Logins whose latest review of the head commit approves it. */
  approvers: string[];
  /** Exceptions no owner approved yet. */
  pending: PrException[];
  /** Exception → the approver that settles it. */
  approvedBy: Map<PrException, string>;
}

/**
 * Which exceptions an owner approved: a user owner by their own approving review, a team owner by an approving
 * member (`isMember`), and an exception with no owner by any approving review. Reviews count only for the head
 * commit: a push after the approval may add more, and asks again.
 */
export async function judgeApproval(
  exceptions: PrException[],
  reviews: Array<{ login: string; state: string; commitId?: string }>,
  head: string,
  author: string | undefined,
  isMember: (org: string, team: string, login: string) => Promise<boolean>,
): Promise<Approval> {
  const latest = new Map<string, { login: string; state: string; commitId?: string }>();
  for (const r of reviews) {
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue; // a comment does not change an approval
    latest.set(r.login.toLowerCase(), r);
  }
  const approvers = [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && r.commitId === head)
    .filter((r) => r.login.toLowerCase() !== author?.toLowerCase())
    .map((r) => r.login);
  const approvedBy = new Map<PrException, string>();
  const memo = new Map<string, Promise<boolean>>();
  for (const e of exceptions) {
    const handles = e.owners.filter((o) => o.startsWith('@'));
    if (!handles.length) {
      if (approvers[0]) approvedBy.set(e, approvers[0]);
      continue;
    }
    search: for (const a of approvers)
      for (const o of handles) {
        const m = /^@([^/\s]+)(?:\/(.+))?$/.exec(o);
        if (!m) continue;
        if (!m[2] && m[1]!.toLowerCase() === a.toLowerCase()) {
          approvedBy.set(e, a);
          break search;
        }
        if (m[2]) {
          const k = `${m[1]}/${m[2]}/${a}`.toLowerCase();
          let p = memo.get(k);
          if (!p) memo.set(k, (p = isMember(m[1]!, m[2], a).catch(() => false)));
          if (await p) {
            approvedBy.set(e, `${a} (${o})`);
            break search;
          }
        }
      }
  }
  return { approvers, pending: exceptions.filter((e) => !approvedBy.has(e)), approvedBy };
}

const cell = (s: string | undefined) => (s ? s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim() : '—');

/** The "Exceptions added by this pull request" section of the check run and the job summary. */
export function exceptionsMarkdown(
  exceptions: PrException[],
  o: { mode: ExceptionMode; approval?: Approval; heading?: string; note?: string },
): string {
  if (!exceptions.length) return '';
  const n = exceptions.length;
  const pending = o.approval?.pending.length ?? (o.mode === 'report' ? 0 : n);
  const status =
    o.mode === 'report'
      ? 'Reported only (`exceptions: report`): no approval is required.'
      : pending
        ? `**Needs owner approval:** ${pending} of ${n} not approved yet by an owner. An owner's approving review of the head commit settles them; this check runs again on each review.`
        : 'Every exception is approved by an owner.';
  const rows = exceptions.map((e) => {
    const state =
      o.mode === 'report'
        ? 'reported'
        : o.approval?.approvedBy.get(e)
          ? `approved by @${o.approval.approvedBy.get(e)}`
          : 'needs owner approval';
    return `| ${cell(e.file)}${e.line ? `:${e.line}` : ''} | ${cell(e.ruleId)} | ${e.severity ?? '—'} | ${cell(e.what)} | ${cell(e.addedBy)}${e.commit ? ` (${e.commit.slice(0, 7)})` : ''} | ${cell(e.reason ?? 'no reason given')} | ${cell(e.owners.join(', ') || 'no owner: any approving reviewer')} | ${state} |`;
  });
  return [
    o.heading ?? '### Exceptions added by this pull request',
    '',
    `This pull request adds ${n === 1 ? 'an exception' : `${n} exceptions`} to the checks (a baseline entry, a \`hookguard:allow\`, a rule switched off or lowered in the config, or a team policy removed or changed). ${status}`,
    ...(o.note ? ['', o.note] : []),
    '',
    '| File | Rule | Severity | Exception | Added by | Reason | Owners | Status |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
