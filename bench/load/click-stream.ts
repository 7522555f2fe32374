import autocannon from 'autocannon';
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
 * Sends a stream's clicks with autocannon at `rate` per second, one request each, each built
 * (and, for Slack, signed) when it is sent; bounded by count and by a per-request timeout.
 */
export async function runClickStream(stream: ClickStream, rate: number, targets: { readonly slackResponseUrl: (key: string) => string; readonly teamsServiceUrl: string }): Promise<void> {
  let next = 0;
  const build = () => {
    // A connection builds its first request when it opens, so a few more are built than sent: the last one repeats.
    const id = stream.requestIds[Math.min(next++, stream.requestIds.length - 1)]!;
    return stream.traffic === 'Slack interactivity' ? slackApprove(id, targets.slackResponseUrl(`load-${id}`)) : teamsDeny(id, targets.teamsServiceUrl);
  };
  // Enough connections to keep the rate even when answers take half a second: the rate offered is the rate asked for.
  const connections = Math.min(100, Math.max(1, Math.ceil(rate / 2)));
  const run = autocannon({
    url: stream.instance.url,
    connections,
    overallRate: rate,
    amount: stream.requestIds.length,
    timeout: 10,
    requests: [{ setupRequest: () => build() }],
  });
  run.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    stream.latencies.push(responseTime);
    if (statusCode !== 200) stream.errors++;
  });
  const result = await run;
  stream.errors += result.errors + result.timeouts;
  stream.seconds = result.duration;
}

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
