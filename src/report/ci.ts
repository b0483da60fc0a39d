/**
 * Reports for other CI systems, rendered from the public report (the JSON contract), so a saved JSON report renders the
 * same as a live scan: JUnit XML (every CI shows it), GitLab's secret-detection report and Code Quality (Code Climate)
 * JSON. Values are masked as in every report: only `match` (already masked) is shown, never a source line.
 */
import { atLeast, type Severity } from '../types.js';
import type { PublicFinding, PublicReport } from './json.js';
import { placeLine, placeOf } from './place.js';

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function where(f: PublicFinding): string {
  if (f.in === 'message') return placeLine(f);
  return `${f.file}:${f.line}${f.commit ? ` (commit ${f.commit.slice(0, 10)})` : ''}`;
}

/**
 * JUnit XML: one test suite per family (secret, cloudformation, …), one failing test case per finding at or above the
 * report's threshold (findings below it are test cases that pass with a note in system-out); a clean scan is one
 * passing case, so CI shows that the check ran.
 */
export function junitReport(r: PublicReport): string {
  const blocks = (s: Severity) => atLeast(s, r.failOn);
  const families = new Map<string, PublicFinding[]>();
  for (const f of r.findings) families.set(f.category, [...(families.get(f.category) ?? []), f]);
  const time = (r.summary.durationMs / 1000).toFixed(3);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [family, list] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
    const cases = list.map((f) => {
      const name = `${f.ruleId} ${where(f)}`;
      const detail = `${f.title}: ${f.message}${f.match ? ` [${f.match}]` : ''}\nFile: ${where(f)}\nFix: ${f.remediation}${f.owners?.length ? `\nOwners: ${f.owners.join(', ')}` : ''}\nMore: hookguard explain ${f.ruleId}`;
      const attrs = `name="${xml(name)}" classname="hookguard.${xml(family)}.${xml(f.ruleId)}" ${f.file !== null ? `file="${xml(f.file)}" ` : ''}line="${f.line}"`;
      if (!blocks(f.severity))
        return `    <testcase ${attrs}>\n      <system-out>${xml(`${f.severity}: ${detail}`)}</system-out>\n    </testcase>`;
      failures++;
      return `    <testcase ${attrs}>\n      <failure message="${xml(`${f.severity}: ${f.title} at ${where(f)}`)}" type="${xml(f.severity)}">${xml(detail)}</failure>\n    </testcase>`;
    });
    tests += cases.length;
    const fails = list.filter((f) => blocks(f.severity)).length;
    suites.push(
      `  <testsuite name="hookguard ${xml(family)}" tests="${list.length}" failures="${fails}" errors="0" skipped="0" time="${time}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  if (!suites.length) {
    tests = 1;
    suites.push(
      `  <testsuite name="hookguard" tests="1" failures="0" errors="0" skipped="0" time="${time}">\n    <testcase name="no findings at or above ${xml(r.failOn)}" classname="hookguard.scan" time="${time}"/>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hookguard ${xml(r.tool.version)}" tests="${tests}" failures="${failures}" errors="0" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
}

const GITLAB_SEVERITY: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * 32 hex digits that name one finding in one commit: its fingerprint (already a hash, computed in one place), mixed
 * with the commit's id when there is one (the same secret added in two commits is two findings).
 */
function findingHex(f: PublicFinding): string {
  const fp = /^[0-9a-f]{32}$/.test(f.fingerprint)
    ? f.fingerprint
    : Buffer.from(f.fingerprint).toString('hex').padEnd(32, '0').slice(0, 32);
  const c = (f.commit ?? '').slice(0, 32).padEnd(32, '0');
  let out = '';
  for (let i = 0; i < 32; i++) out += (parseInt(fp[i]!, 16) ^ (parseInt(c[i]!, 16) || 0)).toString(16);
  return out;
}

/** A UUID-shaped id (stable across runs, as GitLab wants). */
function uuid(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function gitlabTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * GitLab's security report (secret detection for secrets, SAST for IaC findings: `--format gitlab-secrets` and
 * `--format gitlab-sast`), schema version 15.0.7: `artifacts:reports:secret_detection` / `sast` in .gitlab-ci.yml.
 */
export function gitlabReport(r: PublicReport, type: 'secret_detection' | 'sast', now = Date.now()): string {
  const wanted = r.findings.filter((f) => (type === 'secret_detection') === (f.category === 'secret'));
  const tool = { id: 'hookguard', name: 'hookguard', version: r.tool.version, vendor: { name: 'hookguard' } };
  const report = {
    version: '15.0.7',
    vulnerabilities: wanted.map((f) => ({
      id: uuid(findingHex(f)),
      ...(type === 'secret_detection' ? { category: 'secret_detection' } : {}),
      name: f.title,
      description: `${f.message}${f.match ? ` [${f.match}]` : ''}${f.why ? `\n\n${f.why}` : ''}`,
      severity: GITLAB_SEVERITY[f.severity],
      ...(f.confidence ? { confidence: f.confidence[0]!.toUpperCase() + f.confidence.slice(1) } : {}),
      solution: f.remediation,
      identifiers: [{ type: 'hookguard_rule_id', name: `hookguard ${f.ruleId}`, value: f.ruleId }],
      location: {
        file: placeOf(f),
        start_line: f.line,
        end_line: f.endLine,
        ...(type === 'secret_detection' && f.commit
          ? {
              commit: {
                sha: f.commit,
                ...(f.author ? { author: f.author } : {}),
                ...(f.date ? { date: f.date } : {}),
              },
            }
          : type === 'secret_detection'
            ? { commit: { sha: '0000000' } }
            : {}),
      },
    })),
    scan: {
      analyzer: tool,
      scanner: tool,
      type,
      start_time: gitlabTime(now - r.summary.durationMs),
      end_time: gitlabTime(now),
      status: 'success',
    },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

const CODE_QUALITY_SEVERITY: Record<Severity, string> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

/** Code Quality (Code Climate) JSON, as GitLab's `artifacts:reports:codequality` reads it: every finding. */
export function codeQualityReport(r: PublicReport): string {
  const issues = r.findings.map((f) => ({
    type: 'issue',
    check_name: f.ruleId,
    description: `${f.title}: ${f.message}${f.match ? ` [${f.match}]` : ''}`,
    content: { body: `Fix: ${f.remediation}\n\nMore: hookguard explain ${f.ruleId}` },
    categories: ['Security'],
    severity: CODE_QUALITY_SEVERITY[f.severity],
    fingerprint: findingHex(f),
    location: { path: placeOf(f), lines: { begin: f.line, end: f.endLine } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
