/** src/parse/ini.ts: entries, sections, inline comments, quotes, host lines — with exact lines and columns. */
import { describe, expect, it } from 'vitest';
import { commentStart, parseHostLine, parseIni } from '../../../src/parse/ini.js';

describe('parseIni', () => {
  it('reads sections and key = value / key: value entries with positions', () => {
    const doc = parseIni(
      '; top\n[defaults]\nforks = 10\n  remote_user: deploy  # inline\n\n[ssh_connection]\nssh_args = "-C -o X=y"\n',
    );
    expect(doc.sections).toEqual([
      { name: 'defaults', line: 2 },
      { name: 'ssh_connection', line: 6 },
    ]);
    expect(doc.entries).toEqual([
      { section: 'defaults', key: 'forks', value: '10', line: 3, keyCol: 1, valueCol: 9, valueEndCol: 11 },
      { section: 'defaults', key: 'remote_user', value: 'deploy', line: 4, keyCol: 3, valueCol: 16, valueEndCol: 22 },
      {
        section: 'ssh_connection',
        key: 'ssh_args',
        value: '-C -o X=y',
        line: 7,
        keyCol: 1,
        valueCol: 13,
        valueEndCol: 22,
      },
    ]);
    expect(doc.errors).toEqual([]);
  });

  it('keeps host lines as other lines where entries are not wanted, and reports bad headers', () => {
    const doc = parseIni('[web]\nweb1:2222 a=1\n[web:vars]\nx=1\n[bad\n', { entriesIn: (s) => s.endsWith(':vars') });
    expect(doc.other).toEqual([{ section: 'web', line: 2, text: 'web1:2222 a=1', col: 1 }]);
    expect(doc.entries.map((e) => [e.section, e.key, e.value])).toEqual([['web:vars', 'x', '1']]);
    expect(doc.errors).toEqual([{ line: 5, message: 'malformed section header' }]);
  });

  it('finds inline comments outside quotes only', () => {
    expect(commentStart('a=1 # c')).toBe(4);
    expect(commentStart('a="x # y" ; z')).toBe(10);
    expect(commentStart('url=http://h/#frag')).toBe(-1);
  });
});

describe('parseHostLine', () => {
  it('splits host patterns and quoted variables with value columns', () => {
    const h = parseHostLine({
      section: 'web',
      line: 3,
      text: "web[01:03] ansible_host=10.0.0.1 note='a b' x=",
      col: 3,
    });
    expect(h.host).toBe('web[01:03]');
    expect(h.vars).toEqual([
      { key: 'ansible_host', value: '10.0.0.1', line: 3, keyCol: 14, valueCol: 27, valueEndCol: 35 },
      { key: 'note', value: 'a b', line: 3, keyCol: 36, valueCol: 42, valueEndCol: 45 },
      { key: 'x', value: '', line: 3, keyCol: 47, valueCol: 49, valueEndCol: 49 },
    ]);
  });
});
