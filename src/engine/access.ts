/** ACCESS-001 / ACCESS-002 over a target's whole new text (the rules are loaded on first use). */
import type { Target } from '../types.js';
import { makeFinding } from '../finding/index.js';
import { lineStarts, lineText, overlaps } from './lines.js';
import type { Emit } from './allows.js';
import type { EngineOutput } from './index.js';

/** ACCESS-*: access that should be gone, over the whole new text (only with a `revoked` list). */
export async function accessFindings(
  t: Target & { content: string },
  revoked: { users: string[]; keys: string[] },
  out: EngineOutput,
  emit: Emit,
  readRelated?: (path: string, commit?: string) => Promise<string | undefined>,
): Promise<void> {
  const acc = await import('../rules/access/index.js');
  if (acc.wantsAccess(t.path, t.content)) {
    let res: ReturnType<typeof acc.checkAccess> | undefined;
    // The key files and sudoers sources its tasks deploy, from the scan's source (disk, index or the commit).
    const related = new Map<string, string | undefined>();
    if (readRelated)
      for (const p of acc.accessRelated(t.path, t.content))
        related.set(p, await readRelated(p, t.commit?.sha).catch(() => undefined));
    try {
      res = acc.checkAccess(t.path, t.content, revoked, related);
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
