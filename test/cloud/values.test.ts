/** The one notion of "set" in the cloud model: empty and null are not set, unknown is. */
import { describe, expect, it } from 'vitest';
import type { CValue } from '../../src/cloud/model.js';
import { getSet, isSet } from '../../src/cloud/values.js';

const loc = { path: 'x' };
const sc = (value: string | number | boolean | null): CValue => ({ t: 'scalar', value, loc });
const list = (...items: CValue[]): CValue => ({ t: 'list', items, loc });
const map = (e: Record<string, CValue>): CValue => ({ t: 'map', entries: new Map(Object.entries(e)), loc });
const unknown: CValue = { t: 'unknown', loc };
const alt = (...options: CValue[]): CValue => ({ t: 'alt', options, loc });

describe('isSet', () => {
  it.each([
    ['absent', undefined, false],
    ['null', sc(null), false],
    ['empty string', sc(''), false],
    ['blank string', sc('  '), false],
    ['empty list', list(), false],
    ['list of empties', list(sc(''), sc(null)), false],
    ['empty mapping', map({}), false],
    ['mapping of empties', map({ raw_key: sc('') }), false],
    ['false', sc(false), true],
    ['zero', sc(0), true],
    ['a string', sc('alias/app'), true],
    ['a list with a value', list(sc(''), sc('sg-1')), true],
    ['a mapping with a value', map({ Enabled: sc(false) }), true],
    ['unknown', unknown, true],
    ['an alt with one set option', alt(sc(''), sc('k')), true],
    ['an alt of empties', alt(sc(''), list()), false],
  ] as Array<[string, CValue | undefined, boolean]>)('%s', (_name, v, want) => {
    expect(isSet(v)).toBe(want);
  });

  it('getSet gives the value only when it is set', () => {
    const props = map({ KmsKeyId: sc(''), Groups: list(sc('admins')) });
    expect(getSet(props, 'KmsKeyId')).toBeUndefined();
    expect(getSet(props, 'Groups')).toBeDefined();
    expect(getSet(props, 'Missing')).toBeUndefined();
  });
});
