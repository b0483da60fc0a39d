/**
 * The audit report as one self-contained HTML file (`--format html`, `hookguard report FILE.json`): no network, no
 * script at all, one inline style block allowed by hash in the file's own Content-Security-Policy, so it opens from a
 * CI artifact and under a strict CSP. Charts are inline SVG drawn here; filtering by severity and owner is CSS over
 * radio buttons (keyboard-navigable, works without JavaScript). Light and dark mode follow the reader's setting, and it
 * prints without the filters. Values are masked as everywhere: only `match` and the masked snippet are shown.
 */
import { createHash } from 'node:crypto';
import { atLeast, SEVERITIES, type Severity } from '../types.js';
import type { ParityTable } from '../env/compare.js';
import type { PublicFinding, PublicReport } from './json.js';
import { placeLine, placeOf } from './place.js';

const COLOR: Record<Severity, string> = {
  critical: '#b3261e',
  high: '#e8710a',
  medium: '#c99a00',
  low: '#3b78c4',
  info: '#7a7a7a',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A class-safe token for an owner or family name. */
function slug(s: string, all: string[]): string {
  return `o${all.indexOf(s)}`;
}

function count<T>(list: T[], key: (t: T) => string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) for (const k of key(t)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Horizontal bars: one row per label, widths relative to the largest. */
function barChart(title: string, rows: Array<{ label: string; value: number; color: string }>): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26;
  const labelW = 150;
  const width = 520;
  const h = rows.length * rowH + 8;
  const bars = rows
    .map((r, i) => {
      const w = Math.round(((width - labelW - 50) * r.value) / max);
      const y = i * rowH + 4;
      return `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(r.label)}</text><rect x="${labelW}" y="${y + 3}" width="${Math.max(w, r.value ? 2 : 0)}" height="${rowH - 8}" rx="3" fill="${r.color}"><title>${esc(r.label)}: ${r.value}</title></rect><text x="${labelW + w + 6}" y="${y + 16}" class="num">${r.value}</text>`;
    })
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}">${bars}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

/** Findings introduced per month (history and range scans carry each finding's commit date), stacked by severity. */
function timeline(findings: PublicFinding[]): string {
  const dated = findings.filter((f) => f.date && !Number.isNaN(Date.parse(f.date)));
  if (!dated.length) return '';
  const months = new Map<string, Map<Severity, number>>();
  for (const f of dated) {
    const m = new Date(Date.parse(f.date!)).toISOString().slice(0, 7);
    const per = months.get(m) ?? new Map<Severity, number>();
    per.set(f.severity, (per.get(f.severity) ?? 0) + 1);
    months.set(m, per);
  }
  const keys = [...months.keys()].sort();
  const max = Math.max(1, ...keys.map((k) => [...months.get(k)!.values()].reduce((a, b) => a + b, 0)));
  const colW = Math.max(14, Math.min(48, Math.floor(640 / keys.length)));
  const h = 180;
  const width = keys.length * colW + 40;
  const cols = keys
    .map((k, i) => {
      let y = h - 24;
      const parts = SEVERITIES.map((s) => {
        const n = months.get(k)!.get(s) ?? 0;
        if (!n) return '';
        const bh = Math.max(2, Math.round(((h - 40) * n) / max));
        y -= bh;
        return `<rect x="${30 + i * colW + 2}" y="${y}" width="${colW - 4}" height="${bh}" fill="${COLOR[s]}"><title>${k}: ${n} ${s}</title></rect>`;
      }).join('');
      const label =
        keys.length <= 12 || i % Math.ceil(keys.length / 12) === 0
          ? `<text x="${30 + i * colW + colW / 2}" y="${h - 8}" text-anchor="middle" class="lbl small">${k}</text>`
          : '';
      return parts + label;
    })
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="Findings introduced per month" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><line x1="28" y1="${h - 24}" x2="${width}" y2="${h - 24}" class="axis"/><text x="4" y="14" class="lbl small">${max}</text>${cols}</svg><figcaption>Findings introduced per month, by severity (the commit that added each)</figcaption></figure>`;
}

function table(head: string[], rows: string[][], caption?: string): string {
  if (!rows.length) return '<p class="muted">None.</p>';
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function parityMatrix(p: ParityTable | undefined): string {
  if (!p || !p.roles.length) return '';
  const parts = p.roles.map((role) => {
    const head = ['setting', ...p.environments];
    const rows = role.rows.map((row) => [
      `<code>${esc(row.key)}</code>`,
      ...p.environments.map((env) => {
        const c = row.cells[env];
        if (!c) return '';
        const bad = c.state === 'shared secret' || c.state === 'missing' || c.state === 'differs';
        return `<span class="cell ${bad ? 'bad' : ''}">${esc(c.state)}</span>`;
      }),
    ]);
    return `<h3>${esc(role.role)}</h3>${table(head, rows)}`;
  });
  return `<section id="parity" aria-labelledby="parity-h"><h2 id="parity-h">Environment parity</h2>${parts.join('')}</section>`;
}

function findingItem(f: PublicFinding, owners: string[], existing: boolean): string {
  const own = (f.owners ?? []).map((o) => slug(o, owners));
  const cls = [
    'finding',
    `sev-${f.severity}`,
    ...own,
    ...(own.length ? [] : ['o-none']),
    ...(existing ? ['existing'] : []),
  ];
  return `<li class="${cls.join(' ')}"><article>
<header><span class="badge c-${f.severity}">${f.severity}</span> ${f.category === 'policy' ? `<code>${esc(f.ruleId)}</code>` : `<a href="https://github.com/hookguard/hookguard/blob/main/docs/rules/${encodeURIComponent(f.ruleId)}.md"><code>${esc(f.ruleId)}</code></a>`} <strong>${esc(f.title)}</strong>${existing ? ' <span class="muted">(existing)</span>' : ''}</header>
<p class="where"><code>${f.in === 'message' ? esc(placeLine(f)) : `${esc(f.file ?? '')}:${f.line}:${f.column}`}</code>${f.commit ? ` · commit <code>${esc(f.commit.slice(0, 10))}</code>` : ''}${f.author ? ` · ${esc(f.author)}` : ''}${f.date ? ` · ${esc(f.date.slice(0, 10))}` : ''}${f.owners?.length ? ` · owners: ${esc(f.owners.join(', '))}` : ''}</p>
<p>${esc(f.message)}${f.match ? ` <code class="match">${esc(f.match)}</code>` : ''}</p>
${f.snippet ? `<pre class="snippet"><code>${esc(f.snippet)}</code></pre>` : ''}
${f.why ? `<p class="muted">Why: ${esc(f.why)}</p>` : ''}
<p class="fix"><strong>Fix:</strong> ${esc(f.remediation)}</p>
</article></li>`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d1d1f;--muted:#666;--card:#f5f5f7;--line:#d9d9de;--accent:#1a5fb4}
@media (prefers-color-scheme:dark){:root{--bg:#16171a;--fg:#e8e8ea;--muted:#a0a0a8;--card:#222328;--line:#3a3b42;--accent:#8ab4f8}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
header.top,main{max-width:1100px;margin:0 auto;padding:16px 24px}h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:1.6em}
a{color:var(--accent)}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
.muted{color:var(--muted)}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{background:var(--card);border-radius:8px;padding:10px 16px;min-width:110px;border-top:4px solid var(--c,var(--line))}
.card b{display:block;font-size:1.6em}.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{margin:0}.chart svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9em}.lbl{fill:var(--fg);font-size:13px}.small{font-size:11px}.num{fill:var(--muted);font-size:12px}.axis{stroke:var(--line)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.cell.bad{color:#b3261e;font-weight:600}
.filters{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.filters span.title{font-weight:600;margin:0 6px 0 8px}
.filters label{border:1px solid var(--line);border-radius:14px;padding:2px 10px;cursor:pointer}
.filterable>input{position:absolute;opacity:0;width:1px;height:1px}
ol.findings{list-style:none;padding:0}.finding article{background:var(--card);border-radius:8px;padding:10px 14px;margin:10px 0;border-left:5px solid var(--line)}
.sev-critical article{border-left-color:#b3261e}.sev-high article{border-left-color:#e8710a}.sev-medium article{border-left-color:#c99a00}.sev-low article{border-left-color:#3b78c4}
.badge{display:inline-block;border-radius:4px;padding:0 6px;background:var(--c);color:#fff;font-size:.85em;text-transform:uppercase}
.where{margin:4px 0;color:var(--muted)}.snippet{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px 8px;overflow-x:auto;margin:6px 0}
.fix{margin-bottom:0}
@media print{.filters{display:none}.finding article{break-inside:avoid}body{font-size:12px}}
`;

/**
 * The filters: radio buttons (visually hidden, first in their container), their labels, and the CSS that hides the
 * findings that do not match — no script.
 */
function filters(bySev: Map<string, number>, owners: string[]): { radios: string; labels: string; css: string } {
  const sevIds = ['all', ...SEVERITIES.filter((s) => bySev.get(s))].map((s) => ({
    id: `sev-${s}`,
    label: s === 'all' ? 'all severities' : `${s} (${bySev.get(s)})`,
  }));
  const ownIds = owners.length
    ? ['all', ...owners, '(none)'].map((o) => ({
        id: o === 'all' ? 'own-all' : o === '(none)' ? 'own-none' : `own-${slug(o, owners)}`,
        label: o === 'all' ? 'everyone' : o,
      }))
    : [];
  const radios = [
    ...sevIds.map(
      (x, i) => `<input type="radio" name="sev" id="${x.id}"${i === 0 ? ' checked' : ''} aria-label="${esc(x.label)}">`,
    ),
    ...ownIds.map(
      (x, i) =>
        `<input type="radio" name="own" id="${x.id}"${i === 0 ? ' checked' : ''} aria-label="owner ${esc(x.label)}">`,
    ),
  ].join('');
  const labels =
    `<span class="title">Severity</span>${sevIds.map((x) => `<label for="${x.id}">${esc(x.label)}</label>`).join('')}` +
    (ownIds.length
      ? `<span class="title">Owner</span>${ownIds.map((x) => `<label for="${x.id}">${esc(x.label)}</label>`).join('')}`
      : '');
  const radioCss = [...sevIds, ...ownIds]
    .map(
      (x) =>
        `#${x.id}:checked~.filters label[for=${x.id}]{background:var(--accent);color:var(--bg);border-color:var(--accent)}#${x.id}:focus-visible~.filters label[for=${x.id}]{outline:3px solid var(--accent);outline-offset:2px}`,
    )
    .join('');
  // The filters: CSS over the radio buttons, which precede the list.
  const filterCss =
    SEVERITIES.map((s) => `#sev-${s}:checked~ol .finding:not(.sev-${s}){display:none}`).join('') +
    owners.map((o) => `#own-${slug(o, owners)}:checked~ol .finding:not(.${slug(o, owners)}){display:none}`).join('') +
    `#own-none:checked~ol .finding:not(.o-none){display:none}`;
  return { radios, labels, css: filterCss + radioCss };
}

export interface HtmlInput {
  report: PublicReport;
  /** What was scanned ("history of all refs", "files in ."). */
  scope?: string;
  /** The environment parity table, when the repository has environments. */
  parity?: ParityTable;
  generatedAt?: Date;
}

export function htmlReport(input: HtmlInput): string {
  const r = input.report;
  const all = [...r.findings.map((f) => ({ f, existing: false })), ...r.existing.map((f) => ({ f, existing: true }))];
  const findings = all.map((x) => x.f);
  const owners = [...new Set(findings.flatMap((f) => f.owners ?? []))].sort();
  const bySev = count(findings, (f) => [f.severity]);
  const byFamily = count(findings, (f) => [f.category]);
  const when = (input.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  const cards = SEVERITIES.map((s) => `<div class="card c-${s}"><b>${bySev.get(s) ?? 0}</b>${s}</div>`).join('');
  const charts = [
    barChart(
      'Findings by severity',
      SEVERITIES.map((s) => ({ label: s, value: bySev.get(s) ?? 0, color: COLOR[s] })),
    ),
    barChart(
      'Findings by family',
      [...byFamily].sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ label: k, value: v, color: '#1a5fb4' })),
    ),
  ].join('');

  // Who introduced what (history and range scans).
  const byCommit = new Map<string, { author: string; date: string; n: number; worst: Severity }>();
  for (const f of findings) {
    if (!f.commit) continue;
    const e = byCommit.get(f.commit) ?? { author: f.author ?? '', date: f.date ?? '', n: 0, worst: 'info' as Severity };
    e.n++;
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(e.worst)) e.worst = f.severity;
    byCommit.set(f.commit, e);
  }
  const commitsTable = byCommit.size
    ? `<h3>Commits that introduced findings</h3>${table(
        ['commit', 'author', 'date', 'findings', 'worst'],
        [...byCommit]
          .sort((a, b) => b[1].date.localeCompare(a[1].date))
          .slice(0, 200)
          .map(([c, e]) => [
            `<code>${esc(c.slice(0, 10))}</code>`,
            esc(e.author),
            esc(e.date.slice(0, 10)),
            String(e.n),
            esc(e.worst),
          ]),
      )}`
    : '';

  const ownerRows = [...count(findings, (f) => (f.owners?.length ? f.owners : ['(no owner)']))]
    .sort((a, b) => b[1] - a[1])
    .map(([o, n]) => {
      const mine = findings.filter((f) => (f.owners?.length ? f.owners.includes(o) : o === '(no owner)'));
      const blocking = mine.filter((f) => atLeast(f.severity, r.failOn)).length;
      return [esc(o), String(n), String(blocking)];
    });

  const exceptions = table(
    ['rule', 'where', 'severity', 'by', 'reason'],
    r.suppressed.map((s) => [
      `<code>${esc(s.ruleId)}</code>`,
      `<code>${esc(placeLine(s))}</code>${s.commit ? ` · <code>${esc(s.commit.slice(0, 10))}</code>` : ''}`,
      esc(s.severity),
      esc(s.by),
      esc(s.reason || '(no reason given)'),
    ]),
  );

  const { radios, labels, css: filtersCss } = filters(bySev, owners);
  const style = STYLE + SEVERITIES.map((sv) => `.c-${sv}{--c:${COLOR[sv]}}`).join('') + filtersCss;
  const styleHash = createHash('sha256').update(style).digest('base64');

  const errors = r.errors.length
    ? `<section id="errors" aria-labelledby="errors-h"><h2 id="errors-h">Not scanned</h2>${table(
        ['file', 'problem'],
        r.errors.map((e) => [`<code>${esc(e.file)}${e.line ? `:${e.line}` : ''}</code>`, esc(e.message)]),
      )}</section>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hookguard ${esc(r.tool.version)}">
<title>hookguard report${input.scope ? ` — ${esc(input.scope)}` : ''}</title>
<style>${style}</style>
</head>
<body>
<header class="top">
<h1>hookguard audit report</h1>
<p class="muted">${input.scope ? `${esc(input.scope)} · ` : ''}${when} · hookguard ${esc(r.tool.version)} · blocking at ${esc(r.failOn)} and above · ${r.summary.files} files${r.summary.commits !== undefined ? `, ${r.summary.commits} commits` : ''} · values are masked</p>
</header>
<main>
<section id="totals" aria-labelledby="totals-h"><h2 id="totals-h">Totals</h2>
<div class="cards">${cards}<div class="card"><b>${r.suppressed.length}</b>accepted exceptions</div></div>
<div class="charts">${charts}</div></section>
${byCommit.size || findings.some((f) => f.date) ? `<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">When findings were introduced</h2>${timeline(findings)}${commitsTable}<p class="muted">${r.suppressed.filter((s) => s.by === 'baseline').length} finding(s) already accepted in the baseline.</p></section>` : ''}
<section id="owners" aria-labelledby="owners-h"><h2 id="owners-h">Who must act</h2>${table(['owner', 'findings', 'blocking'], ownerRows)}</section>
${parityMatrix(input.parity)}
<section id="exceptions" aria-labelledby="exceptions-h"><h2 id="exceptions-h">Accepted exceptions</h2>${exceptions}</section>
${errors}
<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings (${findings.length})</h2>
<div class="filterable">${radios}<div class="filters" role="group" aria-label="Filter findings">${labels}</div>
<ol class="findings">${all
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) ||
        placeOf(a.f).localeCompare(placeOf(b.f)) ||
        a.f.line - b.f.line,
    )
    .map((x) => findingItem(x.f, owners, x.existing))
    .join('\n')}</ol></div>
</section>
</main>
</body>
</html>
`;
}
