/** The parity table as text, JSON or Markdown. Values of secrets are never in the table (only their state). */
import type { ParityRole, ParityTable } from './compare.js';

export interface TableReport {
  table: ParityTable;
  errors: Array<{ file: string; line?: number; message: string }>;
}

const MARK: Record<string, string> = {
  same: 'same',
  differs: 'DIFFERS',
  expected: 'differs (expected)',
  missing: 'MISSING',
  secret: 'secret',
  'shared secret': 'SHARED SECRET',
  unknown: 'unknown',
};

function cell(role: ParityRole, key: number, env: string): string {
  const c = role.rows[key]!.cells[env];
  if (!c) return '';
  const m = c.weaker ? 'WEAKER' : (MARK[c.state] ?? c.state);
  const text =
    (c.state === 'differs' || c.weaker) && c.value !== undefined
      ? `${m}: ${c.value.length > 24 ? c.value.slice(0, 23) + '…' : c.value}`
      : m;
  // The value opens something in the template: the findings it causes there.
  return c.findings?.length ? `${text} → ${c.findings.join(', ')}` : text;
}

function counts(t: ParityTable): string {
  let differs = 0;
  let missing = 0;
  let shared = 0;
  for (const r of t.roles)
    for (const row of r.rows) {
      const states = Object.values(row.cells).map((c) => c.state);
      if (states.includes('shared secret')) shared++;
      else if (states.includes('missing')) missing++;
      else if (states.includes('differs')) differs++;
    }
  return `${t.roles.length} role${t.roles.length === 1 ? '' : 's'} compared across ${t.environments.join(', ') || 'no environments'}: ${shared} shared secret${shared === 1 ? '' : 's'}, ${differs} setting${differs === 1 ? '' : 's'} differ, ${missing} missing`;
}

export function tableText(r: TableReport): string {
  const t = r.table;
  if (!t.roles.length)
    return `hookguard env: no files found that play the same role in two or more environments.\n${errorsText(r)}`;
  let out = '';
  for (const role of t.roles) {
    const envs = Object.keys(role.files);
    out += `${role.role}\n`;
    for (const e of envs) out += `  ${e}: ${role.files[e]}\n`;
    const keyW = Math.min(48, Math.max(3, ...role.rows.map((x) => x.key.length)));
    const widths = envs.map((e, i) => Math.max(e.length, ...role.rows.map((_, k) => cell(role, k, envs[i]!).length)));
    out += `  ${'key'.padEnd(keyW)}  ${envs.map((e, i) => e.padEnd(widths[i]!)).join('  ')}`.trimEnd() + '\n';
    role.rows.forEach((row, k) => {
      const name = row.key.length > keyW ? row.key.slice(0, keyW - 1) + '…' : row.key;
      out +=
        `  ${name.padEnd(keyW)}  ${envs.map((e, i) => cell(role, k, e).padEnd(widths[i]!)).join('  ')}`.trimEnd() +
        '\n';
    });
    out += '\n';
  }
  return out + counts(t) + '.\n' + errorsText(r);
}

function errorsText(r: TableReport): string {
  if (!r.errors.length) return '';
  return `\n${r.errors.length} file${r.errors.length === 1 ? '' : 's'} could not be compared:\n${r.errors
    .map((e) => `  ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`)
    .join('\n')}\n`;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function tableMarkdown(r: TableReport, opts: { heading?: string; onlyDifferences?: boolean } = {}): string {
  const t = r.table;
  let out = `${opts.heading ?? '## Environment parity'}\n\n`;
  if (!t.roles.length) return out + 'No files play the same role in two or more environments.\n';
  out += `${counts(t)}.\n`;
  for (const role of t.roles) {
    const envs = Object.keys(role.files);
    const rows = role.rows
      .map((row, k) => ({ row, k }))
      .filter(
        ({ row }) =>
          !opts.onlyDifferences || Object.values(row.cells).some((c) => c.state !== 'same' && c.state !== 'secret'),
      );
    if (opts.onlyDifferences && !rows.length) continue;
    out += `\n### \`${md(role.role)}\`\n\n| key | ${envs.map((e) => `${md(e)} (\`${md(role.files[e]!)}\`)`).join(' | ')} |\n|${' --- |'.repeat(envs.length + 1)}\n`;
    for (const { row, k } of rows)
      out += `| \`${md(row.key)}\`${row.security ? ' 🔒' : ''} | ${envs.map((e) => md(cell(role, k, e))).join(' | ')} |\n`;
  }
  if (r.errors.length)
    out += `\n**Not compared:** ${r.errors.map((e) => `\`${md(e.file)}\` (${md(e.message)})`).join(', ')}\n`;
  return out;
}

export function tableJson(r: TableReport): string {
  return JSON.stringify({ version: 1, ...r.table, errors: r.errors }, null, 2) + '\n';
}
