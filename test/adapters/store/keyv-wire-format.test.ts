import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { describe, expect, it } from 'vitest';
import { decodeKeyvValue, encodeKeyvValue } from '../../../adapters/store/keyv-wire-format.js';

// Values as the store holds them, with every case keyv's format escapes: strings that start with a
// colon (anywhere: values, array items, nested), Buffers, and keys that start with a colon.
const values: unknown[] = [
  { id: 'u1', displayName: 'Rowan Pike', accountEnabled: true, roles: [], manager: null, n: 3.5 },
  { note: ':starts with a colon', list: [':a', 'b:', '::c', ':base64:not really'], nested: { deeper: [{ x: ':y' }] } },
  { ':odd key': 'value', 'plain': { ':k': ':v' } },
  { text: 'quotes " and \\ and ":{ inside', emoji: '👩🏽‍💻', empty: '' },
  { bytes: Buffer.from('hello'), inArray: [Buffer.from([0, 255])] },
  [1, 'two', null, [':three']],
  ':a bare string',
  'plain string',
  42,
  true,
  { when: new Date('2026-12-07T09:00:00Z'), skipped: undefined },
];

describe("the store's wire format", () => {
  it.each(values.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('writes exactly what keyv writes, and reads it back the same: %s', (_, value) => {
    for (const expires of [undefined, 1_800_000_000_000]) {
      const data = { value, expires };
      const written = encodeKeyvValue(data);
      expect(written).toBe(defaultSerialize(data));
      expect(decodeKeyvValue(written)).toEqual(defaultDeserialize(written));
    }
  });

  it('reads back the value that was stored, escapes and all', () => {
    const value = { note: ':colon', bytes: Buffer.from('hi'), list: ['::x'] };
    expect(decodeKeyvValue<typeof value>(encodeKeyvValue({ value }))?.value).toEqual(value);
  });
});
