import { afterEach, describe, expect, it } from 'vitest';
import { defaultRetryPolicy, parseRetryAfter, retryDelayMs } from '../../../../adapters/directory/graph/throttle-retry.js';
import { groupOf, openRig, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

const throttled = (retryAfter?: string) => ({
  status: 429,
  headers: { ...(retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}), 'x-ms-throttle-scope': 'Tenant_Application/ReadWrite/app/tenant', 'x-ms-throttle-information': 'ResourceUnitLimitExceeded' },
  body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
});
const unavailable = { status: 503, body: { error: { code: 'serviceNotAvailable', message: 'Service unavailable.' } } };
const owners = `/groups/${groupOf('Atlas Project')}/owners`;

describe('when Graph throttles', () => {
  it('waits as long as Retry-After says, then tries again and succeeds', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', owners, throttled('1'));

    expect(await rig.directory.listOwners(groupOf('Atlas Project'))).toHaveLength(2);

    const [first, second] = rig.stand.seen(owners);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
    expect(second!.at - first!.at).toBeLessThan(2_000);
    expect(rig.logger.lines.find((l) => l.level === 'warn')?.fields).toMatchObject({ status: 429, attempt: 1, retryAfter: '1', scope: 'Tenant_Application/ReadWrite/app/tenant', information: 'ResourceUnitLimitExceeded' });
  });

  it('stops after a bounded number of retries, with an error that says Graph is throttling', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', owners, ...Array.from({ length: 8 }, () => throttled('0')));

    await expect(rig.directory.listOwners(groupOf('Atlas Project'))).rejects.toMatchObject({ name: 'GraphRequestError', reason: 'throttled', details: { status: 429 } });
    expect(rig.stand.seen(owners)).toHaveLength(1 + defaultRetryPolicy.maxRetries);
  });

  it('backs off exponentially, with jitter, when a 503 names no wait', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', owners, unavailable, unavailable);

    expect(await rig.directory.listOwners(groupOf('Atlas Project'))).toHaveLength(2);

    const times = rig.stand.seen(owners).map((r) => r.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(500);
    expect(times[1]! - times[0]!).toBeLessThan(1_600);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1_000);
    expect(times[2]! - times[1]!).toBeLessThan(2_600);
  });

  it('does not hold a request for a wait longer than two minutes', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', owners, throttled('600'));
    const started = Date.now();

    await expect(rig.directory.listOwners(groupOf('Atlas Project'))).rejects.toMatchObject({ reason: 'throttled' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a throttled sync page and finishes the round', async () => {
    rig = await openRig();
    rig.stand.pageSize = 20;
    await rig.directory.sync();
    rig.stand.answerNext('GET', '/users/delta', throttled('1'));
    rig.stand.tenant.updateUser(rig.stand.tenant.users.keys().next().value!, { jobTitle: 'Chief Tester' });

    const changes = await rig.directory.sync();

    expect(changes.users.map((u) => u.fields)).toEqual([['jobTitle']]);
    const deltas = rig.stand.seen('/users/delta').slice(-2);
    expect(deltas[0]!.target).toBe(deltas[1]!.target);
    expect(deltas.every((r) => r.headers['x-ms-throttle-priority'] === 'Low')).toBe(true);
  });
});

describe('retry waits', () => {
  const never = () => 0;
  const always = () => 0.999;
  it.each([
    ['Retry-After seconds, plus up to 10% jitter', '2', 1, never, 2_000],
    ['the same with the most jitter', '2', 1, always, 2_200],
    ['a short Retry-After still gets some jitter', '0', 1, always, 100],
    ['no Retry-After: half to all of 1 s on the first retry', null, 1, never, 500],
    ['no Retry-After: up to 4 s on the third', null, 3, always, 3_998],
  ])('%s', (_, header, attempt, random, expected) => {
    expect(retryDelayMs(header, attempt, defaultRetryPolicy, random)).toBe(expected);
  });

  it('gives up past the retry budget or when asked to wait too long', () => {
    expect(retryDelayMs('1', defaultRetryPolicy.maxRetries + 1, defaultRetryPolicy)).toBeUndefined();
    expect(retryDelayMs('121', 1, defaultRetryPolicy)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Thu, 30 Nov 2026 09:00:10 GMT', Date.parse('2026-11-30T09:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
