/**
 * One review per run with inline comments on blocking findings (at or above fail-on; the caller passes only those)
 * that sit on lines of the pull request diff. Earlier
 * comments are recognised by their hidden fingerprint marker: never posted twice, marked resolved when their finding
 * is gone, and restored when it comes back.
 */
import { SEVERITY_RANK, type Finding } from '../types.js';
import type { Api, NewComment } from './api.js';
import { commentBody, linesIn, parseMarker, resolvedBody, type RuleNotes } from './format.js';
import { fixBlock, hunkRanges, inOneHunk, type Suggestion } from './suggest.js';

/** A finding's automatic fix at the head commit: the lines it replaces and what it does. */
export type FixFor = (f: Finding, line: number) => Promise<{ suggestion: Suggestion; what: string } | undefined>;

export interface ReviewResult {
  posted: number;
  alreadyThere: number;
  resolved: number;
  reopened: number;
  /** Fingerprint → where the finding is shown, for the summary. */
  where: Map<string, string>;
}

export const MAX_COMMENTS = 50;

export async function reviewPullRequest(
  api: Api,
  pr: { number: number; head: string },
  blocking: Finding[],
  all: Finding[],
  /** Where the finding's line is at the head commit (a later commit may have moved or removed it). */
  locate: (f: Finding) => Promise<number | undefined> = async (f) => f.line,
  /** The risk and the fixed snippet from each rule's docs. */
  notes: (ruleId: string) => RuleNotes = () => ({}),
  /** A fixable finding's fix: a suggestion block when its lines lie in one hunk of the diff, else the diff. */
  fixFor: FixFor = async () => undefined,
): Promise<ReviewResult> {
  const files = await api.listPullFiles(pr.number);
  const diff = new Map<string, Set<number>>();
  const hunks = new Map<string, Array<[number, number]>>();
  for (const f of files)
    if (f.patch) {
      const h = hunkRanges(f.patch);
      hunks.set(f.filename, h);
      diff.set(f.filename, linesIn(h));
    }

  const earlier = (await api.listReviewComments(pr.number))
    .map((c) => ({ c, m: parseMarker(c.body) }))
    .filter((x): x is { c: (typeof x)['c']; m: NonNullable<(typeof x)['m']> } => x.m !== undefined);
  const byFp = new Map<string, typeof earlier>();
  for (const e of earlier) byFp.set(e.m.fingerprint, [...(byFp.get(e.m.fingerprint) ?? []), e]);

  const res: ReviewResult = { posted: 0, alreadyThere: 0, resolved: 0, reopened: 0, where: new Map() };
  const comments: NewComment[] = [];
  const ordered = [...blocking]
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const f of ordered) {
    if (res.where.has(f.fingerprint)) continue; // one comment per fingerprint (the same secret twice)
    const prior = byFp.get(f.fingerprint);
    if (prior?.length) {
      const open = prior.filter((p) => !p.m.resolved);
      if (open.length) res.alreadyThere++;
      else {
        await api.updateReviewComment(prior[0]!.c.id, commentBody(f, notes(f.ruleId)));
        res.reopened++;
      }
      res.where.set(f.fingerprint, 'inline comment');
      continue;
    }
    const line = diff.has(f.file) ? await locate(f) : undefined;
    if (line === undefined || !diff.get(f.file)!.has(line)) {
      res.where.set(f.fingerprint, 'outside the diff (summary only)');
      continue;
    }
    if (comments.length >= MAX_COMMENTS) {
      res.where.set(f.fingerprint, 'summary only (comment limit)');
      continue;
    }
    comments.push(await withFix(f, line, commentBody(f, notes(f.ruleId)), hunks.get(f.file) ?? [], fixFor));
    res.where.set(f.fingerprint, 'inline comment');
  }

  const present = new Set(all.map((f) => f.fingerprint));
  for (const e of earlier)
    if (!e.m.resolved && !present.has(e.m.fingerprint)) {
      await api.updateReviewComment(e.c.id, resolvedBody(e.c.body, e.m.fingerprint, pr.head));
      res.resolved++;
    }

  if (comments.length) {
    await api.createReview(
      pr.number,
      pr.head,
      `**hookguard** found ${comments.length === 1 ? 'a problem' : `${comments.length} problems`} on lines this pull request changes. Details are in the "hookguard" check run and the job summary.`,
      comments,
    );
    res.posted = comments.length;
  }
  return res;
}

/**
 * The comment of a finding, with its automatic fix when it has one: GitHub applies a suggestion only to the lines the
 * comment covers, and only when they lie in one hunk, so the comment then spans the suggestion's lines; otherwise it
 * stays on the finding's line and shows the change as a diff. A fix that cannot be computed leaves the comment as it is.
 */
async function withFix(
  f: Finding,
  line: number,
  body: string,
  hunks: Array<[number, number]>,
  fixFor: FixFor,
): Promise<NewComment> {
  let fx: Awaited<ReturnType<FixFor>>;
  try {
    fx = await fixFor(f, line);
  } catch {
    fx = undefined;
  }
  if (!fx) return { path: f.file, line, side: 'RIGHT', body };
  const sg = fx.suggestion;
  const ok = inOneHunk(hunks, sg.startLine, sg.endLine);
  const at = body.lastIndexOf('\n\n<sub>');
  const block = fixBlock(sg, ok, fx.what);
  const text = at === -1 ? `${body}\n\n${block}` : `${body.slice(0, at)}\n\n${block}${body.slice(at)}`;
  if (!ok) return { path: f.file, line, side: 'RIGHT', body: text };
  return sg.startLine < sg.endLine
    ? { path: f.file, start_line: sg.startLine, start_side: 'RIGHT', line: sg.endLine, side: 'RIGHT', body: text }
    : { path: f.file, line: sg.endLine, side: 'RIGHT', body: text };
}
