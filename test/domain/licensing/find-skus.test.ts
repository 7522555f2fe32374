import { describe, expect, it } from 'vitest';
import { findSkus } from '../../../domain/licensing/find-skus.js';
import { shortSkuName } from '../../../domain/licensing/short-sku-name.js';
import { E3, E5, VISIO } from './licensing-fixtures.js';

const skus = [E5, E3, VISIO];
const found = (typed: string) => findSkus(skus, typed).map((s) => s.skuPartNumber);

describe('naming a SKU', () => {
  it.each([
    ['SPE_E5', ['SPE_E5']],
    ['spe_e5', ['SPE_E5']],
    ['Microsoft 365 E5', ['SPE_E5']],
    ['e5', ['SPE_E5']],
    ['E3', ['ENTERPRISEPACK']],
    ['visio', ['VISIOCLIENT']],
    ['sku-SPE_E5', ['SPE_E5']],
    ['365', ['SPE_E5', 'ENTERPRISEPACK']],
    ['Licensed Analysts', []],
    ['', []],
  ])('%s finds %j', (typed, expected) => expect(found(typed)).toEqual(expected));

  it('shortens a name to its edition code when it ends in one', () => {
    expect([E5, E3, VISIO].map(shortSkuName)).toEqual(['E5', 'E3', 'Visio Plan 2']);
  });
});
