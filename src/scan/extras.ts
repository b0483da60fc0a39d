/**
 * Environment parity and secrets at rest, wired into every scan mode. Loaded on demand (lib/cold/extras.js): the
 * hook loads it only when a staged file is an environment, vault, SOPS or git-crypt file.
 *
 * These checks need more than the changed file: the other environments' files and the repository's declarations
 * (.gitattributes, .sops.yaml) as they are in the SAME snapshot — the index for hooks, the pushed tip / PR head for
 * pushes and ranges, HEAD for history, the work tree for a scan of files on disk. The engine has no fs and no git,
 * so this layer gathers those files and hands texts to the pure checks in src/env/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { foldersAbove } from '../parse/repo-path.js';
import type { CommitInfo, FileError, Finding, RuleDoc, Severity, Suppressed, Target } from '../types.js';
import type { RuleSet } from '../rules/secrets/load.js';
import { makeFinding } from '../finding/index.js';
import { placeOf } from '../rules/secrets/context.js';
import { PKCS12_NAME } from './binaries.js';
import { inlineAllow } from '../suppress/inline.js';
import { toSuppressed } from '../suppress/record.js';
import { gitCryptMatcher, isGitCryptBlob } from '../env/gitattributes.js';
import { makeRoleFinder } from '../env/roles.js';
import { ENV_RULES } from '../env/rules.js';
import { isVaultName, hasSopsMetadata, isConfigFile } from '../env/paths.js';
import type { EnvFile, ParityTable } from '../env/compare.js';
import type { SopsConfig } from '../env/atrest.js';
import type { StoreName } from '../rules/secrets/stores.js';
import {
  changedLines,
  grepSnapshot,
  listSnapshot,
  mergeBase,
  parentOf,
  readTexts,
  type Snapshot,
} from '../git/snapshot.js';

export type Mode = 'staged' | 'pre-push' | 'range' | 'history' | 'paths';

export interface ExtrasOptions {
  root: string;
  mode: Mode;
  /** The commit whose tree is the snapshot (pre-push: the pushed tip; range: its head; history: HEAD). */
  tip?: string;
  /** Range base (changed lines at the tip are those added since it). */
  base?: string;
  secrets: RuleSet;
  allow: RegExp[];
  overrides: ReadonlyMap<string, 'off' | Severity>;
  isRuleId: (lowerCaseId: string) => boolean;
  environments?: { envs: ReadonlyMap<string, string[]>; expectDifferent: string[] };
  maxBytes: number;
  /** Config `ignore`: an ignored environment file is not compared, as it is not scanned. */
  ignored?: ((path: string) => boolean) | undefined;
}

export interface ExtrasOutput {
  findings: Finding[];
  suppressed: Suppressed[];
  errors: FileError[];
  parity?: { table: ParityTable; errors: FileError[] };
}

const DOCS = new Map(ENV_RULES.map((r) => [r.id, r]));

function lineOf(text: string | undefined, line: number): string {
  if (text === undefined) return '';
  let start = 0;
  for (let i = 1; i < line; i++) {
    const n = text.indexOf('\n', start);
    if (n === -1) return '';
    start = n + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

export function envRuleDocs(): RuleDoc[] {
  return ENV_RULES;
}

export class Extras {
  private readonly snap: Snapshot | undefined;
  private gitCrypt: ((p: string) => boolean) | undefined;
  /** The .gitattributes texts the matcher was built from (worker threads build their own). */
  private gitCryptFiles: Array<{ path: string; text: string }> = [];
  /** `.sops.yaml` configs by folder ('' = the root, else 'a/b/'). */
  private readonly sops = new Map<string, SopsConfig>();
  /** Folders whose `.sops.yaml` was looked up on disk. */
  private readonly probed = new Set<string>();
  private atrest: typeof import('../env/atrest.js') | undefined;
  private readonly roleOf;
  private readonly out: ExtrasOutput = { findings: [], suppressed: [], errors: [] };
  /** ATREST-001 per path: the commit that first stored plaintext. */
  private readonly plaintext = new Map<string, Finding>();
  /** Environment files this change touched: path → changed lines (staged) or the file itself (disk). */
  private readonly touched = new Map<
    string,
    { changed?: Array<[number, number]>; text?: string; commit?: CommitInfo }
  >();
  /** Commit modes: the oldest commit that touched an environment file (commits come newest first: the last seen). */
  private oldestTouch?: CommitInfo;
  private storesSeen = new Set<StoreName>();

  private constructor(private readonly o: ExtrasOptions) {
    this.snap =
      o.mode === 'staged' ? { kind: 'index' } : o.mode === 'paths' || !o.tip ? undefined : { kind: 'rev', rev: o.tip };
    this.roleOf = makeRoleFinder(o.environments?.envs);
  }

  static async create(o: ExtrasOptions): Promise<Extras> {
    const x = new Extras(o);
    await x.init();
    return x;
  }

  private async init(): Promise<void> {
    const { root } = this.o;
    // .gitattributes (git-crypt) and .sops.yaml files of the snapshot, in one `git grep`; on disk, .sops.yaml files
    // are looked up beside the files as they come (probeDisk).
    if (!this.snap) return;
    const found = await grepSnapshot(
      root,
      this.snap,
      ['git-crypt', 'creation_rules'],
      ['.gitattributes', '*/.gitattributes', ...SOPS_NAMES, ...SOPS_NAMES.map((n) => `*/${n}`)],
    );
    const texts = await readTexts(root, found, this.o.maxBytes);
    const text = (p: string) => {
      const b = texts.get(p);
      return b?.kind === 'text' ? b.text : undefined;
    };
    const attrs = found.filter((f) => /(?:^|\/)\.gitattributes$/.test(f.path));
    this.gitCryptFiles = attrs.flatMap((a) => (text(a.path) ? [{ path: a.path, text: text(a.path)! }] : []));
    this.gitCrypt = gitCryptMatcher(this.gitCryptFiles);
    // A store counts as "in use" by its configuration, not by a test fixture or an example that declares one.
    if (this.gitCrypt && attrs.some((a) => isStoreEvidence(a.path) && text(a.path)?.includes('filter=git-crypt')))
      this.storesSeen.add('git-crypt');
    // One config per folder; `.sops.yaml` before `.sops.yml`, as sops looks for them.
    for (const f of found.filter((x) => isSopsName(x.path)).sort((a, b) => (a.path < b.path ? 1 : -1))) {
      const t = text(f.path);
      const dir = f.path.slice(0, f.path.lastIndexOf('/') + 1);
      if (t !== undefined && t.includes('creation_rules') && !this.sops.has(dir)) await this.loadSops(t, f.path);
    }
  }

  /** Files on disk: the `.sops.yaml` of each folder above `p`, looked up once per folder. */
  private async probeDisk(p: string): Promise<void> {
    for (const dir of foldersAbove(p)) {
      if (this.probed.has(dir)) continue;
      this.probed.add(dir);
      for (const n of SOPS_NAMES) {
        const abs = path.join(this.o.root, dir, n);
        if (!existsSync(abs)) continue;
        try {
          await this.loadSops(readFileSync(abs, 'utf8'), dir + n);
        } catch (e) {
          this.out.errors.push({ file: dir + n, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? ''}` });
        }
        break;
      }
    }
  }

  private async loadSops(text: string, file: string): Promise<void> {
    this.atrest ??= await import('../env/atrest.js');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    const cfg = this.atrest.parseSopsConfig(text, dir);
    this.sops.set(dir, cfg);
    if (isStoreEvidence(file)) this.storesSeen.add('SOPS');
    for (const e of cfg.errors) this.out.errors.push({ file, ...(e.line ? { line: e.line } : {}), message: e.message });
  }

  /** The `.sops.yaml` that governs a path: the nearest one in the folders above it, as sops finds it. */
  private sopsFor(p: string): SopsConfig | undefined {
    for (const dir of foldersAbove(p)) {
      const c = this.sops.get(dir);
      if (c) return c;
    }
    return undefined;
  }

  /** What worker threads need to decide `wants` and `gitCryptDeclared` as this does (see ../scan/wants.ts): the
   * snapshot's SOPS config folders and git-crypt .gitattributes (commit modes: fixed once created). */
  forWorkers(): { sopsDirs: string[]; gitCrypt: Array<{ path: string; text: string }> } {
    return { sopsDirs: [...this.sops.keys()], gitCrypt: this.gitCryptFiles };
  }

  /** Whether a target is one these checks look at (decides whether its content is worth holding). */
  wants(p: string): boolean {
    if (this.roleOf(p) !== undefined || isVaultName(p)) return true;
    return isConfigFile(p) && this.sopsFor(p) !== undefined;
  }

  private emit(f: Finding, line: string): void {
    const o = this.o.overrides.get(f.ruleId.toLowerCase());
    if (o === 'off') {
      this.out.suppressed.push(toSuppressed(f, 'config', `rule ${f.ruleId} is off in config`));
      return;
    }
    if (o) f.severity = o;
    const allow = inlineAllow(line, f.ruleId, this.o.isRuleId);
    if (allow && 'reason' in allow) {
      this.out.suppressed.push(toSuppressed(f, 'inline', allow.reason));
      return;
    }
    this.out.findings.push(f);
  }

  private finding(
    ruleId: string,
    t: { path: string; commit?: CommitInfo },
    pos: { line: number; column: number; endLine: number; endColumn: number },
    message: string,
    key: string,
    blocking: boolean,
    raw: string,
    secret: boolean,
  ): Finding {
    const d = DOCS.get(ruleId)!;
    const range: Array<[number, number]> =
      secret && pos.endLine === pos.line && pos.endColumn > pos.column ? [[pos.column - 1, pos.endColumn - 1]] : [];
    return makeFinding({
      ruleId,
      category: d.category,
      severity: d.severity,
      title: d.title,
      message,
      remediation: d.remediation ?? '',
      file: t.path,
      line: pos.line,
      column: pos.column,
      endLine: pos.endLine,
      endColumn: pos.endColumn,
      commit: t.commit,
      value: range.length ? raw.slice(range[0]![0], range[0]![1]) : undefined,
      identity: [key],
      snippet: { line: raw, masked: range.length ? range : secret ? [[0, raw.length]] : [] },
      blocking,
      ...(secret ? { secret: true } : {}),
    });
  }

  /** Whether .gitattributes puts a path under git-crypt (in the snapshot). */
  gitCryptDeclared(p: string): boolean {
    return this.o.mode !== 'paths' && (this.gitCrypt?.(p) ?? false);
  }

  /** ATREST-001: a blob stored in plaintext at a path .gitattributes declares git-crypt encrypted. */
  private storedPlaintext(t: { path: string; commit?: CommitInfo }, line: number, what: string): void {
    const f = this.finding(
      'ATREST-001',
      t,
      { line, column: 1, endLine: line, endColumn: 1 },
      `${t.path} is declared encrypted by .gitattributes (filter=git-crypt), but this ${t.commit ? `commit (${t.commit.sha.slice(0, 12)})` : 'commit'} stores it ${what}: git-crypt is not installed or the repository is not unlocked here.`,
      '',
      true,
      '',
      true,
    );
    f.snippet = '(contents not shown)';
    // Keep the commit that first stored plaintext: commits come newest first (as git log gives them), so the last seen.
    this.plaintext.set(t.path, f);
  }

  /**
   * A binary blob at a git-crypt path: git-crypt's own blobs start with its header; anything else is plaintext. A
   * PKCS#12 file read whole (ATREST-004): does it open with a published default password or none?
   */
  async onBinary(b: { path: string; head?: Uint8Array; bytes?: Uint8Array; commit?: CommitInfo }): Promise<void> {
    if (b.head && this.gitCryptDeclared(b.path) && !isGitCryptBlob(b.head))
      this.storedPlaintext(b, 1, 'unencrypted (a binary file without the git-crypt header)');
    if (b.bytes && PKCS12_NAME.test(b.path)) {
      const { pkcs12DefaultPassword, pkcs12Key } = await import('../rules/secrets/pkcs12.js');
      const v = pkcs12DefaultPassword(b.bytes);
      if (!v) return;
      const f = this.finding(
        'ATREST-004',
        b,
        { line: 1, column: 1, endLine: 1, endColumn: 1 },
        `${b.path}: ${v.why}.`,
        pkcs12Key(b.bytes),
        true,
        '',
        false,
      );
      f.snippet = '(binary file, contents not shown)';
      if (placeOf(b.path).test) f.severity = 'low';
      this.emit(f, '');
    }
  }

  async onTarget(t: Target): Promise<void> {
    // ATREST-001: a text blob where .gitattributes declares git-crypt (git-crypt's own blobs are binary).
    if (this.gitCryptDeclared(t.path)) this.storedPlaintext(t, t.chunks[0]?.startLine ?? 1, 'in plaintext');
    if (t.content !== undefined) {
      const text = t.content;
      if (isStoreEvidence(t.path)) {
        if (text.includes('$ANSIBLE_VAULT;') || text.includes('!vault')) this.storesSeen.add('Ansible Vault');
        if (/hashi_vault|\bvault:|\$\{vault:/.test(text)) this.storesSeen.add('HashiCorp Vault');
        if (text.includes('resolve:secretsmanager') || text.includes('resolve:ssm-secure'))
          this.storesSeen.add('AWS Secrets Manager / SSM');
      }
      const sopsMeta = hasSopsMetadata(text);
      const config = isConfigFile(t.path);
      if (config && !this.snap) await this.probeDisk(t.path);
      const sops = config ? this.sopsFor(t.path) : undefined;
      if (isVaultName(t.path) || sopsMeta || sops) {
        this.atrest ??= await import('../env/atrest.js');
        const touches = (line: number) => !t.changed || t.changed.some(([s, e]) => s <= line && line <= e);
        for (const r of [this.atrest.checkSops(t.path, text, sops), this.atrest.checkVault(t.path, text)]) {
          for (const e of r.errors)
            this.out.errors.push({
              file: t.path,
              ...(e.line ? { line: e.line } : {}),
              ...(t.commit ? { commit: t.commit.sha } : {}),
              message: e.message,
            });
          for (const h of r.hits) {
            const raw = lineOf(text, h.line);
            this.emit(this.finding(h.ruleId, t, h, h.message, h.path, touches(h.line), raw, true), raw);
          }
        }
      }
    }
    const role = this.roleOf(t.path);
    if (role) {
      const { mode } = this.o;
      if (mode === 'paths') this.touched.set(t.path, { ...(t.content !== undefined ? { text: t.content } : {}) });
      else if (mode === 'staged') this.touched.set(t.path, { changed: t.changed ?? [] });
      // The oldest commit that touched it: commits come newest first, so the last seen.
      else {
        this.touched.set(t.path, { ...(t.commit ? { commit: t.commit } : {}) });
        if (t.commit) this.oldestTouch = t.commit;
      }
    }
  }

  /** The stores this repository uses (seen so far), for remediation texts. */
  stores(): StoreName[] {
    return [...this.storesSeen];
  }

  async finish(): Promise<ExtrasOutput> {
    for (const f of this.plaintext.values()) this.emit(f, '');
    if (this.touched.size) await this.compare();
    return this.out;
  }

  /** Environment parity over the snapshot: every environment file, with the touched ones' changed lines. */
  private async compare(): Promise<void> {
    const files: EnvFile[] = [];
    const { root, mode } = this.o;
    if (mode === 'paths') {
      for (const [p, v] of this.touched) {
        const r = this.roleOf(p);
        if (r && v.text !== undefined) files.push({ path: p, ...r, text: v.text });
      }
    } else {
      if (!this.snap) return;
      const all = (await listSnapshot(root, this.snap)).filter((f) => this.roleOf(f.path) && !this.o.ignored?.(f.path));
      const texts = await readTexts(root, all, this.o.maxBytes);
      let changed: Map<string, Array<[number, number]>> | undefined;
      if (mode === 'pre-push' || mode === 'range') {
        let base = this.o.base;
        if (mode === 'range' && base && this.o.tip) base = (await mergeBase(root, base, this.o.tip)) ?? base;
        if (mode === 'pre-push') {
          const oldest = this.oldestTouch?.sha;
          base = this.o.base ?? (oldest ? await parentOf(root, oldest) : undefined);
        }
        changed = await changedLines(root, base, this.o.tip!, [...this.touched.keys()]);
      }
      for (const f of all) {
        const b = texts.get(f.path);
        if (b?.kind !== 'text') continue;
        const r = this.roleOf(f.path)!;
        const touched = this.touched.get(f.path);
        const ch =
          mode === 'staged'
            ? (touched?.changed ?? [])
            : mode === 'history'
              ? undefined
              : touched
                ? (changed?.get(f.path) ?? [])
                : [];
        files.push({ path: f.path, ...r, text: b.text, ...(ch ? { changed: ch } : {}) });
      }
    }
    const { compareEnvironments } = await import('../env/compare.js');
    const res = compareEnvironments(files, {
      ...(files.some((f) => /\.(?:json|ya?ml)$/i.test(f.path) && f.text.includes('Parameter'))
        ? { noEcho: await noEchoParameters(root, this.snap) }
        : {}),
      secrets: this.o.secrets,
      allow: this.o.allow,
      expectDifferent: this.o.environments?.expectDifferent ?? [],
      // Hooks want findings on the touched files only (and no table): other roles are read only where they could
      // share a secret with them. The Action's ranges keep the whole table for the job summary.
      ...(mode === 'staged' || mode === 'pre-push' ? { focus: (p: string) => this.touched.has(p) } : {}),
    });
    const texts = new Map(files.map((f) => [f.path, f.text]));
    // History: each finding names the commit that wrote its line (git blame at the tip), as every other rule does.
    const blame = mode === 'history' && this.o.tip ? blamer(root, this.o.tip) : undefined;
    for (const h of res.hits) {
      // In diff modes, findings in environment files this change did not touch are not shown (not even as existing).
      if (mode !== 'paths' && mode !== 'history' && !this.touched.has(h.file)) continue;
      const raw = lineOf(texts.get(h.file), h.line);
      const commit = h.commit ?? (await blame?.(h.file, h.line));
      const f = this.finding(
        h.ruleId,
        { path: h.file, ...(commit ? { commit } : {}) },
        h,
        h.message,
        h.key,
        h.blocking,
        raw,
        h.secret,
      );
      if (h.severity) f.severity = h.severity;
      if (h.remediation) f.remediation = h.remediation;
      this.emit(f, raw);
    }
    this.out.errors.push(...res.errors);
    this.out.parity = { table: res.table, errors: res.errors };
  }
}

/** `git blame` of a file at a commit, once per file: line → the commit that wrote it (sha, author, date, summary). */
function blamer(root: string, tip: string): (file: string, line: number) => Promise<CommitInfo | undefined> {
  const files = new Map<string, Promise<Map<number, CommitInfo>>>();
  const read = async (file: string) => {
    const { git } = await import('../git/run.js');
    const r = await git(root, ['blame', '--porcelain', tip, '--', file]);
    const out = new Map<number, CommitInfo>();
    if (r.code !== 0) return out;
    const info = new Map<string, CommitInfo>();
    let cur: CommitInfo | undefined;
    for (const l of r.stdout.toString('utf8').split('\n')) {
      const m = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(l);
      if (m) {
        cur = info.get(m[1]!) ?? { sha: m[1]! };
        info.set(m[1]!, cur);
        out.set(Number(m[2]), cur);
      } else if (cur && l.startsWith('author ')) cur.author = l.slice(7);
      else if (cur && l.startsWith('author-mail ')) cur.email = l.slice(12).replace(/^<|>$/g, '');
      else if (cur && l.startsWith('author-time ')) cur.date = l.slice(12);
      else if (cur && l.startsWith('author-tz ') && cur.date && /^\d+$/.test(cur.date)) {
        // As git's %aI gives it: the author's local time with its offset.
        const tz = l.slice(10);
        const off = (tz.startsWith('-') ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5)));
        const local = new Date((Number(cur.date) + off * 60) * 1000).toISOString().slice(0, 19);
        cur.date = `${local}${tz.slice(0, 3)}:${tz.slice(3, 5)}`;
      } else if (cur && l.startsWith('summary ')) cur.summary = l.slice(8);
    }
    return out;
  };
  return async (file, line) => {
    let p = files.get(file);
    if (!p) files.set(file, (p = read(file)));
    return (await p).get(line);
  };
}

/**
 * CloudFormation parameters declared `NoEcho: true` in the snapshot's templates (the work tree's tracked files for a
 * scan on disk): name → template path. One `git grep` finds the templates; only those are parsed.
 */
async function noEchoParameters(root: string, snap: Snapshot | undefined): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const specs = ['*.yaml', '*.yml', '*.json', '*.template'];
  let texts: Array<{ path: string; text: string }> = [];
  try {
    if (snap) {
      const found = await grepSnapshot(root, snap, ['NoEcho'], specs);
      const read = await readTexts(root, found.slice(0, 200), 4 << 20);
      texts = found.flatMap((f) => {
        const b = read.get(f.path);
        return b?.kind === 'text' ? [{ path: f.path, text: b.text }] : [];
      });
    } else {
      const { git } = await import('../git/run.js');
      const r = await git(root, ['grep', '-l', '-z', '-I', '-F', '-e', 'NoEcho', '--', ...specs]);
      if (r.code === 0)
        for (const p of r.stdout.toString('utf8').split('\0').filter(Boolean).slice(0, 200))
          texts.push({ path: p, text: readFileSync(path.join(root, p), 'utf8') });
    }
  } catch {
    return out;
  }
  const { parseTemplate } = await import('../parse/cloudformation.js');
  for (const t of texts)
    for (const tpl of parseTemplate(t.text).templates)
      for (const [name, p] of tpl.parameters) if (p.noEcho && !out.has(name)) out.set(name, t.path);
  return out;
}

const HOW: Record<StoreName, string> = {
  'git-crypt': 'move it into a path .gitattributes encrypts with git-crypt (and check `git-crypt status`)',
  SOPS: 'put it in a SOPS-encrypted file (`sops FILE`) covered by .sops.yaml',
  'Ansible Vault': 'vault it (`ansible-vault encrypt_string` or a vault.yml encrypted with `ansible-vault encrypt`)',
  'HashiCorp Vault': "store it in Vault and read it with a lookup (`lookup('hashi_vault', …)` / a `vault:` reference)",
  'AWS Secrets Manager / SSM':
    'store it in AWS Secrets Manager or SSM SecureString and reference it (`{{resolve:secretsmanager:…}}`)',
};

const SOPS_NAMES = ['.sops.yaml', '.sops.yml'];

function isSopsName(p: string): boolean {
  return /(?:^|\/)\.sops\.ya?ml$/.test(p);
}

/** Whether a file shows the repository's own use of a secret store: configuration, not tests, fixtures or docs. */
function isStoreEvidence(p: string): boolean {
  const place = placeOf(p);
  return !place.test && !place.docs && !place.example && !/(?:^|\/)(?:node_modules|patterns|dist)\//.test(p);
}

/** Where a repository's use of a store shows: configuration, not docs, tests or fixtures (as `isStoreEvidence`). */
const STORE_FILES = [
  '.gitattributes',
  '*/.gitattributes',
  '.sops.yaml',
  '.sops.yml',
  '*.yml',
  '*.yaml',
  '*.json',
  '*.cfg',
  '*.j2',
  ':(exclude,glob)**/test/**',
  ':(exclude,glob)**/tests/**',
  ':(exclude,glob)**/fixtures/**',
  ':(exclude,glob)**/docs/**',
  ':(exclude,glob)**/examples/**',
  ':(exclude,glob)**/node_modules/**',
  ':(exclude,glob)**/patterns/**',
  ':(exclude,glob)**/dist/**',
];

/** The secret stores a snapshot uses, found with one `git grep` (for remediation texts). */
export async function storesInUse(
  root: string,
  snap: Snapshot | 'worktree',
  seen: StoreName[] = [],
): Promise<StoreName[]> {
  const out = new Set<StoreName>(seen);
  const { git } = await import('../git/run.js');
  const where = snap === 'worktree' ? [] : snap.kind === 'index' ? ['--cached'] : [snap.rev];
  const r = await git(root, [
    'grep',
    '-h',
    '-o',
    '-I',
    '-F',
    '-e',
    'filter=git-crypt',
    '-e',
    'creation_rules',
    '-e',
    '$ANSIBLE_VAULT;',
    '-e',
    '!vault',
    '-e',
    'hashi_vault',
    '-e',
    'resolve:secretsmanager',
    '-e',
    'resolve:ssm-secure',
    ...where,
    '--',
    ...STORE_FILES,
  ]);
  const s = r.stdout.toString('utf8');
  if (s.includes('filter=git-crypt')) out.add('git-crypt');
  if (s.includes('creation_rules')) out.add('SOPS');
  if (s.includes('$ANSIBLE_VAULT;') || s.includes('!vault')) out.add('Ansible Vault');
  if (s.includes('hashi_vault')) out.add('HashiCorp Vault');
  if (s.includes('resolve:')) out.add('AWS Secrets Manager / SSM');
  return [...out];
}

/** Which of `files` git-crypt encrypts (their `filter` attribute, as the snapshot's .gitattributes say). */
export async function gitCryptPaths(root: string, snap: Snapshot | 'worktree', files: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!files.length) return out;
  const { git } = await import('../git/run.js');
  const where = snap === 'worktree' ? [] : snap.kind === 'index' ? ['--cached'] : [`--source=${snap.rev}`];
  let r = await git(root, ['check-attr', '-z', ...where, 'filter', '--', ...files]);
  // git before 2.40 has no --source: the index is the nearest answer.
  if (r.code !== 0 && snap !== 'worktree' && snap.kind === 'rev')
    r = await git(root, ['check-attr', '-z', '--cached', 'filter', '--', ...files]);
  if (r.code !== 0) return out;
  const f = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i + 2 < f.length; i += 3) if (f[i + 2] === 'git-crypt') out.add(f[i]!);
  return out;
}

/** Remediation of a secret finding, naming the store(s) the repository already uses. */
export function storeRemediation(base: string, stores: StoreName[]): string {
  if (!stores.length) return base;
  return `${base} This repository already uses ${stores.join(' and ')}: ${stores.map((s) => HOW[s]).join('; or ')}.`;
}

/** `hookguard env`: the parity table of the environment files on disk under `targets` (ignores honoured). */
export async function parityOfTree(
  root: string,
  targets: string[],
  opts: {
    ignore: string[];
    secrets: RuleSet;
    allow: RegExp[];
    environments?: { envs: ReadonlyMap<string, string[]>; expectDifferent: string[] };
    maxBytes: number;
  },
): Promise<{ table: ParityTable; errors: FileError[]; files: number }> {
  const { walk } = await import('../disk/walk.js');
  const ignoreMod = (await import('ignore')) as unknown as {
    default?: () => import('ignore').Ignore;
  } & (() => import('ignore').Ignore);
  const ig = (ignoreMod.default ?? ignoreMod)().add(opts.ignore);
  const roleOf = makeRoleFinder(opts.environments?.envs);
  const files: EnvFile[] = [];
  const errors: FileError[] = [];
  await walk(root, targets, ig, {
    skip: () => {},
    error: (rel, message) => {
      if (roleOf(rel)) errors.push({ file: rel, message });
    },
    file: async (e) => {
      const r = roleOf(e.rel);
      if (!r) return;
      if (e.size > opts.maxBytes) {
        errors.push({ file: e.rel, message: `larger than ${opts.maxBytes >> 20} MiB: not compared` });
        return;
      }
      try {
        const buf = readFileSync(e.abs);
        if (buf.subarray(0, 8000).includes(0)) {
          errors.push({ file: e.rel, message: 'binary: not compared' });
          return;
        }
        files.push({ path: e.rel, ...r, text: buf.toString('utf8').replace(/^\uFEFF/, '') });
      } catch (err) {
        errors.push({ file: e.rel, message: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      }
    },
  });
  const { compareEnvironments } = await import('../env/compare.js');
  const res = compareEnvironments(files, {
    // NoEcho parameters are secrets in the table too: their values are never shown.
    ...(files.some((f) => /\.(?:json|ya?ml)$/i.test(f.path) && f.text.includes('Parameter'))
      ? { noEcho: await noEchoParameters(root, undefined) }
      : {}),
    secrets: opts.secrets,
    allow: opts.allow,
    expectDifferent: opts.environments?.expectDifferent ?? [],
  });
  if (files.some((f) => /\.(?:json|ya?ml)$/i.test(f.path) && f.text.includes('Parameter')))
    await markParameterFindings(root, res.table, files);
  return { table: res.table, errors: [...errors, ...res.errors], files: files.length };
}

/**
 * `hookguard env`: a parameter whose value in one environment opens something in the template (the findings a
 * parameter file gets, src/rules/cloudformation/environments.ts) has those rule ids in its cell, and the row counts
 * as a security setting.
 */
async function markParameterFindings(root: string, table: ParityTable, files: EnvFile[]): Promise<void> {
  const { family, readParameterFile } = await import('../rules/cloudformation/index.js');
  const { looksLikeParameterFile } = await import('../rules/cloudformation/detect.js');
  const { relatedLister, relatedReader } = await import('./related.js');
  const read = relatedReader(root, true);
  const list = relatedLister(root, true);
  const byFile = new Map<string, Map<string, string[]>>();
  for (const f of files) {
    if (!looksLikeParameterFile(f.path, f.text)) continue;
    const entries = readParameterFile(f.text);
    if (!entries) continue;
    const related = new Map<string, string | undefined>();
    const dirs = family.relatedIn?.dirs(f.path, f.text) ?? [];
    const names = [...(family.related?.(f.path, f.text) ?? []), ...(dirs.length ? await list(dirs) : [])];
    for (const p of names.slice(0, 64)) if (p !== f.path) related.set(p, await read(p));
    const ids = new Map<string, string[]>();
    for (const x of family.lint(f.path, f.text, related).findings) {
      const name = entries.find((e) => e.line === x.line)?.name;
      if (name && !ids.get(name)?.includes(x.ruleId)) ids.set(name, [...(ids.get(name) ?? []), x.ruleId]);
    }
    if (ids.size) byFile.set(f.path, ids);
  }
  for (const role of table.roles)
    for (const row of role.rows)
      for (const [env, cell] of Object.entries(row.cells)) {
        const ids = byFile.get(role.files[env] ?? '')?.get(row.key);
        if (!ids) continue;
        cell.findings = ids.sort();
        row.security = true;
      }
}
