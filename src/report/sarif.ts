import type { Finding, RuleDoc, ScanResult, Severity } from '../types.js';
import type { ReportContext } from './context.js';
import { scrubUserinfo } from './scrub.js';

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export const DOCS_BASE = 'https://github.com/hookguard/hookguard/blob/main/docs/rules/';

/** Short help: the rule's first paragraph and its fix; the full doc is one click away (helpUri). Code scanning caps
 * the size of a SARIF upload, so a report carries only what its results need. */
function shortHelp(r: RuleDoc): string {
  const first = cutAtSentence(r.docs.split(/\n\s*\n/)[0]!.trim(), 600);
  const fix = r.remediation ? `\n\nFix: ${r.remediation}` : '';
  return `${first}${fix}\n\nMore: hookguard explain ${r.id}`;
}

/** At most `max` characters, cut after a whole sentence (or, with none that short, at a word, with an ellipsis). */
export function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentence = Math.max(
    head.lastIndexOf('. '),
    head.lastIndexOf('.\n'),
    head.lastIndexOf('? '),
    head.lastIndexOf('! '),
  );
  if (sentence > max / 3) return head.slice(0, sentence + 1);
  const word = head.lastIndexOf(' ');
  return `${head.slice(0, word > 0 ? word : max).replace(/[\s,;:]+$/, '')}…`;
}

function ruleEntry(r: RuleDoc) {
  const help = shortHelp(r);
  return {
    id: r.id,
    name: r.id.replace(/(^|[-_])([a-z0-9])/gi, (_m, _s: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    // A team policy's description is the team's text, and its doc is the policy file, not a page of hookguard's.
    fullDescription: {
      text: r.category === 'policy' ? cutAtSentence(r.docs.split(/\n\s*\n/)[0]!.trim(), 1000) : r.title,
    },
    ...(r.category === 'policy' ? {} : { helpUri: `${DOCS_BASE}${encodeURIComponent(r.id)}.md` }),
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[r.severity],
      tags: ['security', r.category],
      precision: r.category === 'secret' ? 'high' : 'very-high',
    },
  };
}

function result(f: Finding, ruleIndex: Map<string, number>, existing: boolean) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: scrubUserinfo(`${f.message}${f.match ? ` [${f.match}]` : ''} Fix: ${f.remediation}`) },
    locations: [
      f.in === 'message'
        ? // A commit message is no file: a logical location naming the commit (or the commit being made).
          {
            logicalLocations: [
              {
                kind: 'resource',
                name: 'commit message',
                fullyQualifiedName: f.commit ? `commit/${f.commit}/message` : 'commit message',
              },
            ],
          }
        : {
            physicalLocation: {
              artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
    ],
    ...(f.related?.length && f.in !== 'message'
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            message: { text: scrubUserinfo(r.message) },
            physicalLocation: {
              artifactLocation: {
                uri: (r.file ?? f.file).split('/').map(encodeURIComponent).join('/'),
                uriBaseId: '%SRCROOT%',
              },
              region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
            },
          })),
        }
      : {}),
    partialFingerprints: { 'hookguard/v1': f.fingerprint },
    ...(existing ? { baselineState: 'unchanged' } : {}),
    properties: {
      severity: f.severity,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.confidence ? { confidence: f.confidence } : {}),
      ...(f.owners ? { owners: f.owners } : {}),
    },
  };
}

export function sarifReport(r: ScanResult, ctx: ReportContext): string {
  // Only the rules that have results (all of them would make one result a large file).
  const used = new Set([...r.findings, ...r.existing].map((f) => f.ruleId));
  const rules = ctx.rules.filter((x) => used.has(x.id)).sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hookguard',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: 'https://github.com/hookguard/hookguard',
            rules: rules.map(ruleEntry),
          },
        },
        results: [...r.findings.map((f) => result(f, index, false)), ...r.existing.map((f) => result(f, index, true))],
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: 'warning',
              message: { text: scrubUserinfo(e.message) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: e.file },
                    ...(e.line ? { region: { startLine: e.line } } : {}),
                  },
                },
              ],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
