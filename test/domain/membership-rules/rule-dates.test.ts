import { describe, expect, it } from 'vitest';
import { addIsoDuration, parseIsoDuration, parseRuleDateTime } from '../../../domain/membership-rules/rule-dates.js';

describe('rule dates', () => {
  it.each([
    ['2020-06-10T18:13:20Z', Date.UTC(2020, 5, 10, 18, 13, 20)],
    ['2020-06-10', Date.UTC(2020, 5, 10)],
    ['2020-06-10T18:13:20.5+02:00', Date.UTC(2020, 5, 10, 16, 13, 20, 500)],
    ['2020-06-10T18:13:20-0130', Date.UTC(2020, 5, 10, 19, 43, 20)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
  ])('reads %s as an instant', (text, epochMs) => {
    expect(parseRuleDateTime(text)).toBe(epochMs);
  });

  it.each(['2023-02-29', '2020-13-01', '2020-06-10T24:00', '20200610', '2020-06-10 18:13'])('refuses %s', (text) => {
    expect(parseRuleDateTime(text)).toBeUndefined();
  });

  it.each(['P', 'PT', 'P1DT', '1D', 'P1.5D', 'P-1D'])('refuses the duration %s', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it.each([
    ['p1d', '2026-01-31T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['P1M', '2026-01-15T00:00:00.000Z', '2026-02-15T00:00:00.000Z'],
    ['P1Y2W', '2026-01-01T00:00:00.000Z', '2027-01-15T00:00:00.000Z'],
    ['PT1H30M0.5S', '2026-01-01T00:00:00.000Z', '2026-01-01T01:30:00.500Z'],
    ['-P30D', '2026-03-01T00:00:00.000Z', '2026-01-30T00:00:00.000Z'],
  ])('adds %s to %s on the UTC calendar', (duration, from, to) => {
    expect(new Date(addIsoDuration(Date.parse(from), parseIsoDuration(duration)!)).toISOString()).toBe(to);
  });
});
