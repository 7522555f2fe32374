import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';

let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A request with exactly this Host header (fetch would set its own). */
function withHost(url: string, method: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers: { host, 'content-type': 'application/json', connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end(method === 'POST' ? '{}' : undefined);
  });
}

describe('a Host header that is not a host', () => {
  it('is answered 400 on every route, and GroupGate keeps running', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    for (const host of ['[::1].evil.com', '[::1', 'a b']) {
      for (const [method, path] of [['GET', '/livez'], ['POST', '/api/messages'], ['GET', '/web/api/people'], ['GET', '/']] as const) {
        const answer = await withHost(running.url, method, path, host);
        expect(answer.status, `${method} ${path} Host: ${host}`).toBe(400);
        expect(answer.body).toContain('Host header');
      }
    }
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
  });
});
