/** The CLI's option tables: every option is in its command's generated help, and parses in each of its spellings. */
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/cli/commands/index.js';
import { optionsOf, parseOptions, renderHelp, type CommandSpec, type OptionSpec } from '../../src/cli/options.js';
import { topHelp } from '../../src/cli/help.js';
import { SCAN_OPTIONS } from '../../src/cli/commands/scan.js';

const commands = await allCommands();
const cases = commands.flatMap((c) => optionsOf(c.spec).map((o) => [c.spec.name, o.name, c.spec, o] as const));

/** A value the option takes (its first choice, else a placeholder). */
const valueFor = (o: OptionSpec) => o.choices?.[0] ?? 'some/value';

describe('option tables', () => {
  it('covers every command', () => {
    expect(commands.map((c) => c.spec.name).sort()).toEqual(
      ['baseline', 'doctor', 'env', 'explain', 'fix', 'init', 'policy', 'report', 'rules', 'scan', 'uninstall'].sort(),
    );
  });

  it.each(cases)('%s --%s is in the generated help', (_cmd, _name, spec: CommandSpec, o: OptionSpec) => {
    const help = renderHelp(spec);
    expect(help).toMatch(new RegExp(`(^|[\\s,(])--${o.name}(?=[\\s,.=)]|$)`, 'm'));
    if (o.short) expect(help).toMatch(new RegExp(`[\\s,(]-${o.short}(?=[\\s,)]|$)`));
  });

  it.each(cases)('%s --%s parses as "--opt value" and "--opt=value"', (_cmd, _name, spec, o) => {
    if (!o.value) {
      expect(parseOptions([`--${o.name}`], spec).values[o.name]).toBe(true);
      expect(() => parseOptions([`--${o.name}=x`], spec)).toThrow(new RegExp(`--${o.name} takes no value`));
      return;
    }
    const v = valueFor(o);
    const want = o.multiple ? [v] : v;
    const spellings = [[`--${o.name}`, v], [`--${o.name}=${v}`], ...(o.short ? [[`-${o.short}`, v]] : [])];
    for (const argv of spellings) {
      const p = parseOptions([...argv, 'operand'], spec);
      expect(p.values[o.name], argv.join(' ')).toEqual(want);
      expect(p.operands).toEqual(['operand']);
    }
    expect(() => parseOptions([`--${o.name}`], spec)).toThrow(new RegExp(`--${o.name} needs a value`));
    if (o.choices) expect(() => parseOptions([`--${o.name}`, 'nope'], spec)).toThrow(/must be one of/);
  });

  it('an option a command does not take is an error naming the command', () => {
    for (const c of commands)
      expect(() => parseOptions(['--bogus'], c.spec)).toThrow(
        new RegExp(`unknown option --bogus for "hookguard ${c.spec.name}"`),
      );
  });

  it('"-" is an operand, "--" ends the options, a repeatable option collects its values', () => {
    const scan = commands.find((c) => c.spec.name === 'scan')!.spec;
    expect(parseOptions(['-', '--', '--staged'], scan).operands).toEqual(['-', '--staged']);
    expect(() => parseOptions(['--output', '--staged'], scan)).toThrow(/--output needs a value/);
    expect(parseOptions(['-o', '-'], scan).values.output).toBe('-');
    const fix = commands.find((c) => c.spec.name === 'fix')!.spec;
    expect(parseOptions(['--rule', 'A', '--rule=B,C'], fix).values.rule).toEqual(['A', 'B', 'C']);
  });

  it("hookguard --help names every command and the scan's options", async () => {
    const help = await topHelp();
    for (const c of commands) expect(help).toContain(`hookguard ${c.spec.name}`);
    for (const o of Object.values(SCAN_OPTIONS).filter((x) => !('group' in x))) expect(help).toContain(`--${o.name}`);
  });
});
