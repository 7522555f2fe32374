import { Agent, request } from 'node:http';
import { CardActions } from '../../cards/card-actions.js';
import { blockActions, signingSecret, slackSignature } from '../../test/adapters/slack/signed-slack-request.js';
import { cardClick } from '../../test/adapters/teams/teams-activities.js';
import { owners } from '../../test/adapters/store/fleet.js';
import type { GroupGateProcess } from '../../test/adapters/store/groupgate-process.js';

/** What a stream sends: owner A's Approve clicks in Slack, or owner B's Deny clicks in Teams. */
export type Traffic = 'Slack interactivity' | 'Teams invoke';

/** One stream of clicks at one instance, and what came back. */
export interface ClickStream {
  readonly instance: GroupGateProcess;
  readonly traffic: Traffic;
  readonly requestIds: readonly string[];
  /** Acknowledgement times in ms, one per answered click. */
  readonly latencies: number[];
  /** Answers other than 200, socket errors and timeouts. */
  errors: number;
  seconds: number;
}

interface Built {
  readonly method: 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Owner A approves in Slack: a block_actions click as Slack posts it, signed at the moment it is sent. */
function slackApprove(requestId: string, responseUrl: string): Built {
  const where = { channel: `D${owners.a.slack.slice(1)}`, ts: '1700000000.000100', responseUrl };
  const body = new URLSearchParams(blockActions(owners.a.slack, { action_id: `${CardActions.approve}:0`, value: JSON.stringify({ requestId }) }, where)).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(signingSecret, body, Math.floor(Date.now() / 1000)) };
  return { method: 'POST', path: '/slack/events', headers, body };
}

/** Owner B denies in Teams: an adaptiveCard/action invoke as the Bot Connector posts it. */
function teamsDeny(requestId: string, serviceUrl: string): Built {
  const activity = cardClick(serviceUrl, owners.b.teams, `card-${requestId}`, CardActions.deny, { requestId, note: 'not this time' });
  return { method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
}

/**
 * Sends a stream's clicks open-loop at an even pace, `rate` per second, each built (and, for Slack,
 * signed) when it is due, whether or not earlier ones were answered; bounded by count and by a
 * 10-second timeout per click. A click's time runs from when it was due, so a generator that falls
 * behind shows as latency rather than hiding it. (autocannon's rate limit sends each second's
 * requests back to back at the top of the second: bursts, not a rate.)
 */
export async function runClickStream(stream: ClickStream, rate: number, targets: { readonly slackResponseUrl: (key: string) => string; readonly teamsServiceUrl: string }): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const started = performance.now();
  const answers: Array<Promise<void>> = [];
  for (const [i, id] of stream.requestIds.entries()) {
    const due = started + (i * 1000) / rate;
    if (due - performance.now() > 1) await sleep(due - performance.now());
    const click = stream.traffic === 'Slack interactivity' ? slackApprove(id, targets.slackResponseUrl(`load-${id}`)) : teamsDeny(id, targets.teamsServiceUrl);
    answers.push(
      send(stream.instance.url, click, agent).then(
        (status) => (status === 200 ? void stream.latencies.push(performance.now() - due) : void stream.errors++),
        () => void stream.errors++,
      ),
    );
  }
  await Promise.all(answers);
  stream.seconds = (performance.now() - started) / 1000;
  agent.destroy();
}

/** One POST; resolves with the status once the whole answer has arrived. */
function send(base: string, click: Built, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { ...click.headers, 'content-length': String(Buffer.byteLength(click.body)) };
    const post = request(new URL(click.path, base), { method: click.method, agent, headers, timeout: 10_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', reject);
    });
    post.once('timeout', () => post.destroy(new Error('no answer within 10 seconds')));
    post.once('error', reject);
    post.end(click.body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
