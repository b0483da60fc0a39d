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
import { inlineAllow, isProblem } from '../suppress/inline.js';
import { allowMarkers } from '../suppress/markers.js';
import { UNUSED_ID, unusedRule } from '../rules/hookguard/unused.js';
import type { IacFamily } from '../rules/iac.js';
import { looksLikeCloudFormation } from '../rules/cloudformation/detect.js';
import { looksLikeAnsible } from '../rules/ansible/detect.js';

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
  /** Config `revoked`: users and keys whose SSH access must be gone (ACCESS-* rules run only when set). */
  revoked?: { users: string[]; keys: string[] };
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

const families: Record<string, Promise<IacFamily> | undefined> = {};
export function loadFamily(name: 'cloudformation' | 'ansible'): Promise<IacFamily> {
  families[name] ??=
    name === 'cloudformation'
      ? import('../rules/cloudformation/index.js').then((m) => m.family)
      : import('../rules/ansible/index.js').then((m) => m.family);
  return families[name];
}

/** Line starts of a text, for offset → line/column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineText(text: string, starts: number[], idx: number): string {
  const s = starts[idx]!;
  const e = idx + 1 < starts.length ? starts[idx + 1]! - 1 : text.length;
  return text.slice(s, e);
}

function overlaps(scope: [number, number], changed: Array<[number, number]> | undefined): boolean {
  if (!changed) return true;
  return changed.some(([s, e]) => scope[0] <= e && s <= scope[1]);
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
  // Lines holding a hookguard:allow marker, and those whose marker suppressed something.
  const markers = opts.unusedAllows ? allowMarkers(t.chunks, t.path) : undefined;
  const usedMarkers = new Set<number>();
  const reported = new Set<number>();
  /** `lines`: the flagged line and the one above it (then, for IaC, the first line of the resource/task and the one
   * above that): an allow on any of them applies. */
  const emit = (f: Finding, lines: Array<[number, string, string | undefined]>) => {
    const o = opts.overrides.get(f.ruleId.toLowerCase());
    if (o === 'off') {
      out.suppressed.push(toSuppressed(f, 'config', `rule ${f.ruleId} is off in config`));
      return;
    }
    if (o) f.severity = o;
    let problem: { line: number; id: string } | undefined;
    for (const [n, line, above] of lines) {
      const allow = inlineAllow(line, f.ruleId, opts.isRuleId, {
        ...(above !== undefined ? { above } : {}),
        secret: f.secret === true,
      });
      if (isProblem(allow)) problem ??= { line: n, id: allow.unknownRule };
      else if (allow) {
        // Which line's hookguard:allow marker did it (the flagged line's own, else the comment above it).
        if (!allow.marker) {
          const here = inlineAllow(line, f.ruleId, opts.isRuleId);
          usedMarkers.add(here && !isProblem(here) ? n : n - 1);
        }
        out.suppressed.push(toSuppressed(f, 'inline', allow.reason));
        return;
      }
    }
    if (problem && !reported.has(problem.line)) {
      reported.add(problem.line);
      out.errors.push({
        file: t.path,
        line: problem.line,
        ...(t.commit ? { commit: t.commit.sha } : {}),
        message: `hookguard:allow names "${problem.id}", which is not a rule id, so it allows nothing ("hookguard rules" lists them)`,
      });
    }
    out.findings.push(f);
  };
  // Lines of the full text (when there is one), for the line above a finding that starts a chunk.
  let contentStarts: number[] | undefined;
  const contentLine = (n: number): string | undefined => {
    if (t.content === undefined || n < 1) return undefined;
    contentStarts ??= lineStarts(t.content);
    return n <= contentStarts.length ? lineText(t.content, contentStarts, n - 1) : undefined;
  };

  // The file at the scanned revision (index or commit), read only when a finding starts a diff hunk.
  let revisionText: Promise<string | undefined> | undefined;
  const revisionLine = async (n: number): Promise<string | undefined> => {
    if (!opts.readRelated || t.content !== undefined) return undefined;
    revisionText ??= opts.readRelated(t.path, t.commit?.sha).catch(() => undefined);
    const text = await revisionText;
    if (text === undefined) return undefined;
    let at = 0;
    for (let i = 1; i < n; i++) {
      at = text.indexOf('\n', at) + 1;
      if (at === 0) return undefined;
    }
    const e = text.indexOf('\n', at);
    return text.slice(at, e === -1 ? undefined : e).replace(/\r$/, '');
  };

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
  const iacSecrets: Finding[] = [];
  if (opts.iac && t.content !== undefined) {
    const kinds: Array<'cloudformation' | 'ansible'> = [];
    if (looksLikeCloudFormation(t.path, t.content)) kinds.push('cloudformation');
    else if (looksLikeAnsible(t.path, t.content)) kinds.push('ansible');
    for (const kind of kinds) {
      const fam = await loadFamily(kind);
      let res;
      const related = new Map<string, string | undefined>();
      if (fam.related && opts.readRelated)
        for (const p of fam.related(t.path, t.content).slice(0, 16))
          related.set(p, await opts.readRelated(p, t.commit?.sha).catch(() => undefined));
      try {
        res = fam.lint(t.path, t.content, related);
      } catch (e) {
        out.errors.push({
          file: t.path,
          ...(t.commit ? { commit: t.commit.sha } : {}),
          message: `${kind} rules failed: ${(e as Error).message}`,
        });
        continue;
      }
      for (const err of res.errors)
        out.errors.push({
          file: t.path,
          ...(err.line ? { line: err.line } : {}),
          ...(t.commit ? { commit: t.commit.sha } : {}),
          message: err.message,
        });
      if (!res.findings.length) continue;
      const starts = lineStarts(t.content);
      const metas = new Map(fam.rules.map((r) => [r.id, r]));
      // Two identical tasks or resources in one file are two findings: the second and later occurrences of a rule at
      // the same logical path get an occurrence number, so fingerprints stay unique per location and stable when
      // lines move.
      const seen = new Map<string, number>();
      const ordered = [...res.findings].sort((a, b) => a.line - b.line || a.column - b.column);
      for (const r of ordered) {
        const occKey = `${r.ruleId}\0${r.path}`;
        const occ = seen.get(occKey) ?? 0;
        seen.set(occKey, occ + 1);
        const where = occ ? [r.path, `#${occ}`] : [r.path];
        const meta = metas.get(r.ruleId);
        const raw = lineText(t.content, starts, Math.min(r.line - 1, starts.length - 1));
        const secretRange: Array<[number, number]> =
          r.secret && r.endLine === r.line ? [[r.column - 1, r.endColumn - 1]] : [];
        const f = makeFinding({
          ruleId: r.ruleId,
          category: fam.category,
          severity: r.severity,
          title: meta?.title ?? r.ruleId,
          message: r.message,
          remediation: meta?.remediation ?? '',
          file: t.path,
          line: r.line,
          column: r.column,
          endLine: r.endLine,
          endColumn: r.endColumn,
          commit: t.commit,
          value: r.secret && secretRange.length ? raw.slice(secretRange[0]![0], secretRange[0]![1]) : undefined,
          identity: where,
          keyed: true,
          ...(r.secret ? { secret: true } : {}),
          why: r.why,
          snippet: { line: raw, masked: secretRange },
          blocking: overlaps(r.scope, t.changed),
        });
        if (r.suppressed) {
          out.suppressed.push(toSuppressed(f, r.suppressed.by, r.suppressed.reason));
          continue;
        }
        // Inline allow on (or above) the flagged line, or on (or above) the first line of its resource/task.
        const at = (n: number) => lineText(t.content!, starts, Math.min(Math.max(n, 1) - 1, starts.length - 1));
        emit(f, [
          [r.line, raw, r.line > 1 ? at(r.line - 1) : undefined],
          [r.scope[0], at(r.scope[0]), r.scope[0] > 1 ? at(r.scope[0] - 1) : undefined],
        ]);
        if (r.secret) iacSecrets.push(f);
      }
    }
  }
  // Access that should be gone (ACCESS-*): only with a `revoked` list, over the whole new file.
  if (opts.revoked && t.content !== undefined && (opts.revoked.users.length || opts.revoked.keys.length)) {
    const acc = await import('../rules/access/index.js');
    if (acc.wantsAccess(t.path, t.content)) {
      let res: ReturnType<typeof acc.checkAccess> | undefined;
      try {
        res = acc.checkAccess(t.path, t.content, opts.revoked);
      } catch (e) {
        out.errors.push({
          file: t.path,
          ...(t.commit ? { commit: t.commit.sha } : {}),
          message: `access rules failed: ${(e as Error).message}`,
        });
      }
      if (res?.findings.length) {
        const starts = lineStarts(t.content);
        const metas = new Map([acc.access001, acc.access002].map((r) => [r.id, r]));
        for (const r of res.findings) {
          const meta = metas.get(r.ruleId)!;
          const raw = lineText(t.content, starts, Math.min(r.line - 1, starts.length - 1));
          const f = makeFinding({
            ruleId: r.ruleId,
            category: 'access',
            severity: r.severity,
            title: meta.title,
            message: r.message,
            remediation: meta.remediation ?? '',
            file: t.path,
            line: r.line,
            column: r.column,
            endLine: r.endLine,
            endColumn: r.endColumn,
            commit: t.commit,
            identity: [r.path],
            snippet: { text: raw.length > 160 ? raw.slice(0, 157) + '…' : raw },
            blocking: overlaps(r.scope, t.changed),
          });
          // Inline allow on (or above) the flagged line, or on (or above) the first line of its block.
          const content = t.content;
          const at = (n: number) => lineText(content, starts, Math.min(Math.max(n, 1) - 1, starts.length - 1));
          emit(f, [
            [r.line, raw, r.line > 1 ? at(r.line - 1) : undefined],
            [r.scope[0], at(r.scope[0]), r.scope[0] > 1 ? at(r.scope[0] - 1) : undefined],
          ]);
        }
      }
    }
  }

  // A value an IaC rule already reports as a plaintext secret (ansible_become_password: …) is one problem, not two:
  // the IaC finding, which knows the context, is kept.
  if (iacSecrets.length)
    out.findings = out.findings.filter(
      (f) =>
        f.category !== 'secret' ||
        !iacSecrets.some((i) => i.line === f.line && f.column < i.endColumn && i.column < f.endColumn),
    );

  // Markers that allowed nothing: the exception list must stay true.
  // (A marker already reported for naming no rule is not reported twice.)
  const unused = markers?.filter((m) => !usedMarkers.has(m.line) && !reported.has(m.line)) ?? [];
  if (unused.length) {
    const o = opts.overrides.get(UNUSED_ID.toLowerCase()) ?? opts.overrides.get(UNUSED_ID);
    for (const m of unused) {
      const f = makeFinding({
        ruleId: UNUSED_ID,
        category: 'hookguard',
        severity: o && o !== 'off' ? o : unusedRule.severity,
        title: unusedRule.title,
        message: 'This hookguard:allow suppresses nothing: no rule finds anything on its line (any more).',
        remediation: unusedRule.remediation!,
        file: t.path,
        line: m.line,
        column: m.column,
        endLine: m.line,
        endColumn: m.column + 'hookguard:allow'.length,
        commit: t.commit,
        identity: [m.text.trim()],
        snippet: { text: m.text },
        blocking: true,
      });
      if (o === 'off') out.suppressed.push(toSuppressed(f, 'config', `rule ${UNUSED_ID} is off in config`));
      else out.findings.push(f);
    }
  }
  return out;
}

export { toSuppressed };
