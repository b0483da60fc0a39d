/**
 * The engine: Targets × rules → findings. No fs, no git, no printing.
 * Secret rules look at the target's chunks (added lines); IaC rules parse the full content when the file looks like
 * a template/playbook, and their findings block only where they overlap the changed lines.
 */
import { toSuppressed } from '../suppress/record.js';
import type { Dropped, FileError, Finding, Severity, Suppressed, Target } from '../types.js';
import { ruleSetOf, type RuleSet } from '../rules/secrets/load.js';
import { detectSecrets, type DroppedCandidate } from '../rules/secrets/detect.js';
import { mask } from '../rules/secrets/mask.js';
import { makeFinding, valueHash } from '../finding/index.js';
import { aboveLines, lineIndexAt, lineStarts, lineText } from './lines.js';
import { allowStage, unusedMarkerFindings } from './allows.js';
import { iacFindings } from './iac.js';
import { accessFindings } from './access.js';
import { CERT_MARK, certFindings } from './certs.js';
import { ownFindings } from './own.js';
import type { OwnMatcher } from '../own/match.js';
import type { PolicyBundle } from '../policies/types.js';

export { loadFamily } from './iac.js';

export interface EngineOptions {
  secrets: RuleSet;
  /** Config `allow`: values that are never secrets. */
  allow: RegExp[];
  /** Config `rules`: off or a severity override, keyed by the lower-case rule id (ids are case-insensitive). */
  overrides: ReadonlyMap<string, 'off' | Severity>;
  /** Whether a (lower-case) word names a rule, to read inline `hookguard:allow RULE reason`. */
  isRuleId: (lowerCaseId: string) => boolean;
  /** Run CloudFormation/Ansible rules on targets that carry their full content (every mode does). */
  iac: boolean;
  /** Example strings of custom patterns in the config: a value found inside one is the example, not a secret. */
  examples?: string[];
  /**
   * Text of another file of the same tree (a playbook's vars_files, a role's defaults), for families that resolve
   * what a file refers to. Given by the scan for its source: the disk, the index, or the commit being scanned.
   * Undefined when it cannot be read; without it such references stay unknown.
   */
  readRelated?: (path: string, commit?: string) => Promise<string | undefined>;
  /** Files of the same tree under some folders (recursively, bounded; one git call), for `IacFamily.relatedIn`. */
  listRelated?: (dirs: string[], commit?: string, names?: string[]) => Promise<string[]>;
  /** Time budget per target in ms (default 10 s): chunks after it is spent are not scanned, and that is reported. */
  budgetMs?: number;
  /** Record the candidates that rules matched and then set aside, with the reason (`scan --verbose`). */
  explainDropped?: boolean;
  /** Report `hookguard:allow` markers on the scanned lines that suppress nothing (HG-UNUSED-001). */
  unusedAllows?: boolean;
  /**
   * The rules that run over a git-mode target's whole text (those whose match spans lines); default: those of
   * `secrets`. A caller that narrows `secrets` to the keywords of the added lines passes the full set's here.
   */
  spanning?: RuleSet;
  /** Your own credentials by value (OWN-001), when they are looked for in this scan. */
  own?: OwnMatcher;
  /** Config `revoked`: users and keys whose SSH access must be gone (ACCESS-* rules run only when set). */
  revoked?: { users: string[]; keys: string[] };
  /** Config `parameterFiles`: globs of CloudFormation parameter files and the template each deploys. */
  parameterFiles?: Array<[glob: string, template: string]>;
  /** Git modes: a changed template is also judged with its environments' parameter files, read from the index or
   * the commit (a scan of paths reads those files as targets of their own). */
  templateEnvironments?: boolean;
  /** `scan --parameters FILE`: CloudFormation templates are evaluated with this file's values, not the defaults. */
  parameters?: { path: string; text: string };
  /** The team's policies (src/policies): run with the CloudFormation and Ansible rules. Plain data. */
  policies?: PolicyBundle;
}

export interface EngineOutput {
  findings: Finding[];
  suppressed: Suppressed[];
  errors: FileError[];
  /** Candidates set aside and why (only with `explainDropped`); values masked. */
  dropped?: Dropped[];
  /** Generated code (minified bundle, source map, vendored release): heuristic rules were not applied to it. */
  generated?: boolean;
}

/** Largest whole text the rules that span lines run over in a git mode (beyond it: the added lines only). */
const WHOLE_TEXT_BYTES = 1024 * 1024;

const multiLineSets = new WeakMap<RuleSet, RuleSet>();
/** The rules of a set whose regex can match across a line break (a newline outside a negated class, `[\s\S]`). */
export function multiLineRules(set: RuleSet): RuleSet {
  let m = multiLineSets.get(set);
  if (!m) {
    const spans = (src: string) => /\\n|\[\\s\\S\]/.test(src.replace(/\[\^(?:\\.|[^\]\\])*\]/g, ''));
    m = ruleSetOf(set.rules.filter((r) => spans(r.p.regex)));
    multiLineSets.set(set, m);
  }
  return m;
}

export async function examine(t: Target, opts: EngineOptions): Promise<EngineOutput> {
  const out: EngineOutput = { findings: [], suppressed: [], errors: [] };
  const allows = allowStage(t, opts, out);
  const { emit } = allows;
  const { contentLine, revisionLine } = aboveLines(t, opts);

  // Secrets, over added lines, within the time budget.
  const deadline = Date.now() + (opts.budgetMs ?? 10_000);
  /** Where a finding was already made (rule, line, column): the whole-text pass below adds only what is new. */
  const found = new Set<string>();
  const scanChunk = async (
    chunk: Target['chunks'][number],
    set: RuleSet,
    keep: (line: number, endLine: number) => boolean = () => true,
  ): Promise<void> => {
    let chunkStarts: number[] | undefined;
    const hits = detectSecrets(chunk.text, set, opts.allow, {
      path: t.path,
      onDrop: (d: DroppedCandidate) => {
        if (d.generated) out.generated = true;
        if (!opts.explainDropped) return;
        const starts = (chunkStarts ??= lineStarts(chunk.text));
        const li = lineIndexAt(starts, d.start);
        if (!keep(chunk.startLine + li, chunk.startLine + li)) return;
        (out.dropped ??= []).push({
          file: t.path,
          line: chunk.startLine + li,
          column: d.start - starts[li]! + 1,
          ...(t.commit ? { commit: t.commit.sha } : {}),
          ruleId: d.ruleId,
          match: mask(d.secret),
          reason: d.reason,
        });
      },
    });
    if (hits.length === 0) return;
    const starts = chunkStarts ?? lineStarts(chunk.text);
    // Every secret on a line is masked in that line's snippet.
    const rangesByLine = new Map<number, Array<[number, number]>>();
    const located = hits.map((h) => {
      const li = lineIndexAt(starts, h.start);
      const le = lineIndexAt(starts, Math.max(h.start, h.end - 1));
      const shift = (chunk.startColumn ?? 1) - 1; // a piece of an over-long line starts mid-line
      const col = h.start - starts[li]! + 1 + (li === 0 ? shift : 0);
      const endCol = h.end - starts[le]! + 1 + (le === 0 ? shift : 0);
      for (let i = li; i <= le; i++) {
        const s = i === li ? h.start - starts[i]! : 0;
        const e = i === le ? h.end - starts[i]! : lineText(chunk.text, starts, i).length;
        const list = rangesByLine.get(i) ?? [];
        list.push([s, e]);
        rangesByLine.set(i, list);
      }
      return { h, li, le, col, endCol };
    });
    for (const { h, li, le, col, endCol } of located) {
      const line = chunk.startLine + li;
      const where = `${h.rule.p.id}\0${line}\0${col}`;
      if (!keep(line, chunk.startLine + le) || found.has(where)) continue;
      found.add(where);
      const raw = lineText(chunk.text, starts, li);
      const p = h.rule.p;
      const f = makeFinding({
        ruleId: p.id,
        category: 'secret',
        severity: h.severity,
        title: p.title,
        message: `${p.title} found (${h.why}).`,
        remediation: p.remediation,
        file: t.path,
        in: t.in,
        line,
        column: col,
        endLine: chunk.startLine + le,
        endColumn: endCol,
        commit: t.commit,
        value: h.secret,
        identity: [valueHash(h.secret)],
        keyed: true,
        secret: true,
        confidence: h.confidence,
        why: h.why,
        snippet: { line: raw, masked: rangesByLine.get(li) ?? [] },
        blocking: true,
      });
      if (h.allowedBy) {
        out.suppressed.push(toSuppressed(f, 'config', h.allowedBy));
        continue;
      }
      if (opts.examples?.some((ex) => ex.includes(h.secret))) {
        out.suppressed.push(toSuppressed(f, 'config', 'example of a custom pattern in the config'));
        continue;
      }
      let above = li > 0 ? lineText(chunk.text, starts, li - 1) : contentLine(f.line - 1);
      // A diff holds only the added lines: an unchanged comment right above them (`# hookguard:allow …`) is read
      // from the file at the scanned revision, so every mode honours the allows a disk scan does.
      if (above === undefined && f.line > 1) above = await revisionLine(f.line - 1);
      emit(f, [[f.line, raw, above]]);
    }
  };
  for (const [ci, chunk] of t.chunks.entries()) {
    if (ci > 0 && Date.now() > deadline) {
      out.errors.push({
        file: t.path,
        line: chunk.startLine,
        ...(t.commit ? { commit: t.commit.sha } : {}),
        message: `time budget spent: lines from ${chunk.startLine} on were not scanned`,
        incomplete: true,
      });
      break;
    }
    await scanChunk(chunk, opts.secrets);
  }
  if (opts.own?.size) ownFindings(t, opts.own, out, emit, contentLine);
  // Rules whose match spans lines (a Kubernetes `- name: DB_PASSWORD` above its `value:`, a .netrc or .pypirc
  // block): a diff holds only the added lines, so when only the value changed they would not see their first line.
  // Where the whole new text is at hand (a git mode that read it), those rules run over it, and what they find on
  // the changed lines counts, as in a scan of the file on disk.
  if (t.changed && t.content !== undefined && t.content.length <= WHOLE_TEXT_BYTES && Date.now() <= deadline) {
    const multi = opts.spanning ?? multiLineRules(opts.secrets);
    const changed = t.changed;
    if (multi.rules.length)
      await scanChunk({ text: t.content, startLine: 1 }, multi, (line, endLine) =>
        changed.some(([s, e]) => line <= e && s <= endLine),
      );
  }

  // Infrastructure as code, over the whole new file.
  const iacSecrets =
    opts.iac && t.content !== undefined ? await iacFindings({ ...t, content: t.content }, opts, out, emit) : [];
  if (opts.revoked && t.content !== undefined && (opts.revoked.users.length || opts.revoked.keys.length))
    await accessFindings({ ...t, content: t.content }, opts.revoked, out, emit, opts.readRelated);
  // CERT-001: a certificate with a short RSA key, wherever its text is read (certificate files, YAML, JSON).
  if (t.content !== undefined && t.content.includes(CERT_MARK)) await certFindings({ ...t, content: t.content }, emit);

  // A value an IaC rule already reports as a plaintext secret (ansible_become_password: …) is one problem, not two:
  // the IaC finding, which knows the context, is kept.
  if (iacSecrets.length)
    out.findings = out.findings.filter(
      (f) =>
        f.category !== 'secret' ||
        !iacSecrets.some((i) => i.line === f.line && f.column < i.endColumn && i.column < f.endColumn),
    );

  unusedMarkerFindings(t, opts, allows, out);
  return out;
}

export { toSuppressed };
