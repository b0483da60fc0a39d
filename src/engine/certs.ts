/** CERT-001 over a target's whole new text (the check is loaded only when the text holds a certificate). */
import type { Target } from '../types.js';
import { makeFinding } from '../finding/index.js';
import { lineStarts, lineText, overlaps } from './lines.js';
import type { Emit } from './allows.js';

export const CERT_MARK = '-----BEGIN CERTIFICATE-----';

export async function certFindings(t: Target & { content: string }, emit: Emit): Promise<void> {
  const { weakCertificates, cert001 } = await import('../rules/certs/index.js');
  const hits = weakCertificates(t.content);
  if (!hits.length) return;
  const starts = lineStarts(t.content);
  for (const h of hits) {
    const raw = lineText(t.content, starts, Math.min(h.line - 1, starts.length - 1));
    const f = makeFinding({
      ruleId: cert001.id,
      category: cert001.category,
      severity: cert001.severity,
      title: cert001.title,
      message: `The certificate for ${h.subject || 'an empty subject'} has a ${h.bits}-bit RSA key (under 2048 bits): anyone who factors it can impersonate its owner.`,
      remediation: cert001.remediation ?? '',
      file: t.path,
      line: h.line,
      column: 1,
      endLine: h.endLine,
      endColumn: 1,
      commit: t.commit,
      identity: [h.subject, String(h.bits)],
      snippet: { text: raw },
      blocking: overlaps([h.line, h.endLine], t.changed),
    });
    // An allow on the BEGIN line or a comment above it; or, for a certificate in a YAML block, on the key that holds
    // it (`tls.crt: |`) or a comment above that key.
    const at = (n: number) => (n >= 1 ? lineText(t.content, starts, n - 1) : undefined);
    emit(f, [
      [h.line, raw, at(h.line - 1)],
      ...(h.line > 1 ? [[h.line - 1, at(h.line - 1)!, at(h.line - 2)] as [number, string, string | undefined]] : []),
    ]);
  }
}
