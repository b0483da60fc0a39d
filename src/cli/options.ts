/**
 * One option parser for every command, driven by each command's table (src/cli/commands/*.ts), and the help text
 * generated from the same tables, so what `--help` lists is what the parser takes.
 *
 * Why not node:util parseArgs: its errors are node's own ("Unknown option '--x'. To specify a positional argument…"),
 * which would have to be recognised by text to keep ours (the command, and where its help is); it refuses a value
 * that starts with "-" (`--output -`, `-o -x`) unless written with "="; choices, a comma-separated repeatable option
 * and an option that only describes an operand (`PATH...`, `-`) would still need a table of our own around it. The
 * table below is that, and the parser it needs is a loop.
 *
 * What every command takes: `--name value` and `--name=value` for an option with a value, `-x value` for its short
 * form, `--flag` for a boolean (a value given to a flag is an error), `--` ending the options, a lone `-` as an
 * operand. A value that looks like a long option (`--format --json`) is taken as a missing value. A repeatable option
 * (`multiple`) collects every value given, each split at commas; any other option given twice keeps the last.
 */
import { UsageError } from '../types.js';

export interface OptionSpec {
  /** The long name without its dashes: `format` for `--format`. */
  name: string;
  /** A one-letter alias: `o` for `-o`. */
  short?: string;
  /** The value's placeholder (`FILE`, `FORMAT`); absent for a flag. */
  value?: string;
  /** The values it accepts (checked by the parser). */
  choices?: readonly string[];
  /** Repeatable, and each value a comma-separated list: the values collect (`--rule A --rule B,C`). */
  multiple?: boolean;
  /** Shown after the option in help (`[REMOTE [URL]]`: the operands it goes with). */
  operands?: string;
  /** What it does, for help (one paragraph; wrapped to the terminal's usual width). */
  help: string;
  /** The help section it is listed in (default "Options"). */
  group?: string;
}

/** A row of help that is not an option: an operand (`PATH...`, `-`), listed with the options of its group. */
export interface OperandSpec {
  operand: string;
  help: string;
  group?: string;
}

export type Row = OptionSpec | OperandSpec;

export interface CommandSpec {
  name: string;
  /** The usage line(s) after "Usage: " (continuation lines as they are). */
  usage: string;
  /** The lines of `hookguard --help` for this command: the usage as listed there, and what it does. */
  synopsis: ReadonlyArray<readonly [string, string]>;
  /** What the command does: paragraphs before the options. */
  about: string;
  /** The options and operands, in the order help lists them (by group, in the order groups first appear). */
  rows: readonly Row[];
  /** Options accepted for the same command line as another command's, without effect here: listed in one line. */
  inert?: readonly OptionSpec[];
  /** Paragraphs after the options. */
  notes?: string;
  examples: readonly string[];
}

export interface Parsed {
  /** By long name: a flag's true, a value's string, a repeatable option's list. */
  values: Record<string, string | boolean | string[]>;
  /** The operands, in order. */
  operands: string[];
  /** The long names of the options given, in the order first given. */
  order: string[];
}

const isOption = (r: Row): r is OptionSpec => 'name' in r;

/** Every option a command takes (listed ones first, then the inert ones). */
export function optionsOf(spec: CommandSpec): OptionSpec[] {
  return [...spec.rows.filter(isOption), ...(spec.inert ?? [])];
}

/** Parse `argv` (what follows the command's name) by `spec`'s table. Bad arguments are UsageErrors (exit 2). */
export function parseOptions(argv: readonly string[], spec: CommandSpec): Parsed {
  const byLong = new Map<string, OptionSpec>();
  const byShort = new Map<string, OptionSpec>();
  for (const o of optionsOf(spec)) {
    byLong.set(`--${o.name}`, o);
    if (o.short) byShort.set(`-${o.short}`, o);
  }
  const out: Parsed = { values: {}, operands: [], order: [] };
  let onlyOperands = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyOperands || arg === '-' || !arg.startsWith('-')) {
      out.operands.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyOperands = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const o = byLong.get(flag) ?? byShort.get(flag);
    if (!o)
      throw new UsageError(`unknown option ${flag} for "hookguard ${spec.name}" (see hookguard ${spec.name} --help)`);
    const shown = `--${o.name}`;
    if (!o.value) {
      if (eq > 0) throw new UsageError(`${shown} takes no value (got "${arg.slice(eq + 1)}")`);
      out.values[o.name] = true;
    } else {
      let v: string | undefined;
      if (eq > 0) v = arg.slice(eq + 1);
      else {
        v = argv[i + 1];
        if (v !== undefined && v.startsWith('--') && v.length > 2) v = undefined;
        else i++;
      }
      if (v === undefined || v === '')
        throw new UsageError(`${shown} needs a value (see hookguard ${spec.name} --help)`);
      if (o.choices && !o.choices.includes(v))
        throw new UsageError(`${shown} must be one of ${o.choices.join(', ')} (got "${v}")`);
      if (o.multiple) {
        const list = (out.values[o.name] as string[] | undefined) ?? [];
        for (const part of v.split(',')) if (part.trim()) list.push(part.trim());
        out.values[o.name] = list;
      } else out.values[o.name] = v;
    }
    if (!out.order.includes(o.name)) out.order.push(o.name);
  }
  return out;
}

/** A flag's or a value's option as parsed (undefined when not given). */
export const str = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
};
export const flag = (p: Parsed, name: string): boolean => p.values[name] === true;
export const list = (p: Parsed, name: string): string[] => {
  const v = p.values[name];
  return Array.isArray(v) ? v : [];
};

const WIDTH = 118;

/** `text` wrapped to `width` columns, each line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** How help names an option or operand: `--output FILE, -o FILE`, `--pre-push [REMOTE [URL]]`, `PATH...`. */
export function termOf(r: Row): string {
  if (!isOption(r)) return r.operand;
  const v = r.value ? ` ${r.value}` : '';
  const long = `--${r.name}${v}${r.operands ? ` ${r.operands}` : ''}`;
  return r.short ? `${long}, -${r.short}${v}` : long;
}

/** The column help puts the text of `rows` in: past the longest term, within `max`. */
export function columnFor(rows: ReadonlyArray<{ term: string }>, max = 32): number {
  return Math.min(max, Math.max(...rows.map((r) => r.term.length)) + 3);
}

/** Rows as help lists them: the term, then its help in a column (on the next line when the term is too long). */
export function renderRows(rows: ReadonlyArray<{ term: string; help: string }>, column = columnFor(rows)): string {
  const pad = ' '.repeat(column + 2);
  return rows
    .map((r) => {
      const help = wrap(r.help, WIDTH - column - 2, pad);
      return r.term.length + 2 < column ? `  ${r.term.padEnd(column)}${help}` : `  ${r.term}\n${pad}${help}`;
    })
    .join('\n');
}

/** A command's `--help`: usage, what it does, its options by group, notes and examples. */
export function renderHelp(spec: CommandSpec): string {
  const groups = new Map<string, Array<{ term: string; help: string }>>();
  for (const r of spec.rows) {
    const g = r.group ?? 'Options';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push({ term: termOf(r), help: r.help });
  }
  if (!groups.has('Options')) groups.set('Options', []);
  groups.get('Options')!.push({ term: '--help, -h', help: 'this text' });
  const column = columnFor([...groups.values()].flat());
  const parts = [`Usage: hookguard ${spec.usage}`, spec.about.trimEnd()];
  for (const [title, rows] of groups) parts.push(`${title}:\n${renderRows(rows, column)}`);
  if (spec.inert?.length)
    parts.push(
      wrap(
        `Also accepted, as for the command line of "hookguard scan", without effect here: ${spec.inert.map((o) => (o.short ? `--${o.name} (-${o.short})` : `--${o.name}`)).join(', ')}.`,
        WIDTH,
        '',
      ),
    );
  if (spec.notes) parts.push(spec.notes.trimEnd());
  parts.push(`Examples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}
