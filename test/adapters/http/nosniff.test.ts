import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';

let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('every HTTP answer', () => {
  it('tells browsers not to sniff its type (X-Content-Type-Options: nosniff), errors and refusals included', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const asked = [
      ['GET', '/healthz'], ['GET', '/livez'], ['GET', '/readyz'], ['GET', '/metrics'], ['GET', '/no-such-page'],
      ['POST', '/api/messages'], ['GET', '/web/api/people'], ['GET', '/'],
    ] as const;
    const seen = await Promise.all(asked.map(async ([method, path]) => {
      const response = await fetch(`${running!.url}${path}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{' } : {}) });
      await response.arrayBuffer();
      return `${method} ${path} ${response.status} ${response.headers.get('x-content-type-options')}`;
    }));
    expect(seen).toEqual([
      'GET /healthz 200 nosniff', 'GET /livez 200 nosniff', 'GET /readyz 200 nosniff', 'GET /metrics 200 nosniff', 'GET /no-such-page 404 nosniff',
      'POST /api/messages 400 nosniff', 'GET /web/api/people 403 nosniff', 'GET / 403 nosniff',
    ]);
  });
});
