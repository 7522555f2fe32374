import { describe, expect, it } from 'vitest';
import { person } from '../support/sample-tenant.js';
import { isMessage, postJson, webChatHarness } from '../adapters/web/web-chat-client.js';
import type { BrowserEntry } from '../../adapters/web/browser-entry.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';

const web = webChatHarness();
const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');

/** The samples of a Prometheus text exposition, as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (match) found.set(match[1]!, Number(match[2]));
  }
  return found;
}

const scrape = async (url: string, headers: Record<string, string> = {}) => {
  const answer = await fetch(`${url}/metrics`, { headers });
  return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
};

describe('/metrics', () => {
  it('counts a join and an approve click by platform and outcome, times the click, and counts store calls', async () => {
    const running = await web.start();
    const inesPage = await web.events(ines.id);
    await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
    const card = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const requestId = /R-\w+/.exec(JSON.stringify(card.card))![0];
    expect((await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: card.id, verb: 'join-request.approve', data: { requestId } })).status).toBe(200);
    // A button GroupGate never issued is refused.
    await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: card.id, verb: 'made.up', data: {} });

    const { status, type, text } = await scrape(running.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const seen = samples(text);
    expect(seen.get('groupgate_requests_total{platform="web",kind="message",outcome="ok"}')).toBe(1);
    expect(seen.get('groupgate_requests_total{platform="web",kind="click",outcome="ok"}')).toBe(1);
    expect(seen.get('groupgate_requests_total{platform="web",kind="click",outcome="refused"}')).toBe(1);
    expect(seen.get('groupgate_click_duration_seconds_count{platform="web"}')).toBe(2);
    expect(seen.get('groupgate_click_duration_seconds_bucket{le="+Inf",platform="web"}')).toBe(2);
    expect(seen.get('groupgate_store_operations_total{operation="update"}')).toBeGreaterThan(0);
    expect(seen.get('groupgate_store_errors_total{operation="update"}') ?? 0).toBe(0);
    expect(seen.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // No person, group or request in any label.
    for (const secret of [rowan.displayName, ines.displayName, 'Atlas Project', requestId, rowan.id]) expect(text).not.toContain(secret);
  });

  it('keeps each running GroupGate\'s counts apart', async () => {
    const first = await web.start();
    await web.say(rowan.id, 'help');
    expect(samples((await scrape(first.url)).text).get('groupgate_requests_total{platform="web",kind="message",outcome="ok"}')).toBe(1);
    const second = await web.start();
    expect(samples((await scrape(second.url)).text).get('groupgate_requests_total{platform="web",kind="message",outcome="ok"}')).toBeUndefined();
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const running = await web.start({ METRICS_TOKEN: 'scrape-me' });
    expect((await scrape(running.url)).status).toBe(401);
    expect((await scrape(running.url, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await scrape(running.url, { authorization: 'Bearer scrape-me' })).status).toBe(200);
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
  });

  it('keeps the pending-requests gauge from the sweep, not from scrapes', async () => {
    const running = await web.start({ SWEEP_INTERVAL: '0.2s' });
    const pending = async () => samples((await scrape(running.url)).text).get('groupgate_pending_requests');
    expect(await pending()).toBe(0);
    await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
    await expect.poll(pending, { timeout: 5_000 }).toBe(1);
    const seen = samples((await scrape(running.url)).text);
    expect(seen.get('groupgate_license_shortfall_skus')).toBe(0);
    expect(seen.get('groupgate_unlicensed_members')).toBe(0);
  });

  it('counts Microsoft Graph requests by method and status, and the first sync round as a full one', async () => {
    const stand = await new GraphStandIn(StandInTenant.sample()).start();
    try {
      const running = await startTestGroupGate(stand.env());
      try {
        const seen = samples((await scrape(running.url)).text);
        // Every HTTP call the stand-in served, once each; the reads inside a $batch are not calls of their own.
        const calls = (method: string) => stand.calls().filter((r) => r.method === method).length;
        expect(calls('GET')).toBeGreaterThan(2);
        expect(seen.get('groupgate_graph_requests_total{method="GET",status="200"}')).toBe(calls('GET'));
        expect(seen.get('groupgate_graph_requests_total{method="POST",status="200"}')).toBe(calls('POST'));
        expect(seen.get('groupgate_sync_rounds_total{kind="full",outcome="ok"}')).toBe(1);
        expect(seen.get('groupgate_sync_round_duration_seconds_count{kind="full"}')).toBe(1);
      } finally {
        await running.stop();
      }
    } finally {
      await stand.stop();
    }
  });
});
