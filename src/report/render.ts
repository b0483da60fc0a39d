/**
 * The reports rendered from the public report (the JSON contract): the same function serves a live scan
 * (`scan --format X`) and a saved JSON report (`hookguard report FILE.json --format X`).
 */
import type { ParityTable } from '../env/compare.js';
import { codeQualityReport, gitlabReport, junitReport } from './ci.js';
import { htmlReport } from './html.js';
import type { PublicReport } from './json.js';
import { markdownReport } from './markdown.js';
import type { RenderedFormat } from './formats.js';

export { RENDERED_FORMATS, type RenderedFormat } from './formats.js';

export function renderReport(
  format: RenderedFormat,
  report: PublicReport,
  opts: { scope?: string; parity?: ParityTable } = {},
): string {
  switch (format) {
    case 'html':
      return htmlReport({ report, ...opts });
    case 'markdown':
      return markdownReport(report, opts.scope);
    case 'junit':
      return junitReport(report);
    case 'gitlab-secrets':
      return gitlabReport(report, 'secret_detection');
    case 'gitlab-sast':
      return gitlabReport(report, 'sast');
    case 'codequality':
      return codeQualityReport(report);
  }
}

/** A saved JSON report, checked enough to render (exit 2 with the reason otherwise). */
export function parseSavedReport(text: string, file: string): PublicReport | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `${file} is not JSON (${(e as Error).message}); save one with hookguard scan --format json --output FILE`;
  }
  const r = data as Partial<PublicReport>;
  if (!r || typeof r !== 'object' || r.version !== 1 || !Array.isArray(r.findings) || !r.summary)
    return `${file} is not a hookguard JSON report (version 1 with findings and summary); save one with hookguard scan --format json --output FILE`;
  return {
    ...(r as PublicReport),
    existing: r.existing ?? [],
    suppressed: r.suppressed ?? [],
    errors: r.errors ?? [],
    staleBaseline: r.staleBaseline ?? [],
    failOn: r.failOn ?? 'high',
    tool: r.tool ?? { name: 'hookguard', version: '?' },
  };
}
