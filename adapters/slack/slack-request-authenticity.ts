import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What makes a request to /slack/events Slack's, for this app in this workspace. */
export interface SlackAuthenticity {
  readonly signingSecret: string;
  /** SLACK_TEAM_ID and SLACK_APP_ID, when configured. */
  readonly teamId?: string | undefined;
  readonly appId?: string | undefined;
}

/** Why a request was refused as not Slack's (401). */
export interface SlackRequestRefusal {
  readonly reason: 'badTimestamp' | 'stale' | 'future' | 'badSignature' | 'otherWorkspace' | 'otherApp';
  readonly message: string;
}

// Slack's own rule: a request more than 5 minutes from now, either way, may be a replay (Bolt only checks the past).
const maxSkewSeconds = 5 * 60;

/**
 * Every rule a request must pass before anything reads it: a timestamp within 5 minutes of now
 * (in the past, as Bolt checks, and in the future, as it does not: a request signed ahead could be
 * replayed until then), the signature over these bytes, and, when configured, the workspace and app
 * it names. This is the only check: Bolt's receiver is built with its own turned off (it would
 * compute the same HMAC again, and its comparison two more).
 */
export function slackRequestRefusal(raw: Buffer, headers: IncomingHttpHeaders, envelope: Readonly<Record<string, unknown>>, rules: SlackAuthenticity, nowMs = Date.now()): SlackRequestRefusal | undefined {
  const stamp = Number(headers['x-slack-request-timestamp']);
  const signature = headers['x-slack-signature'];
  if (!Number.isInteger(stamp) || typeof signature !== 'string') return { reason: 'badTimestamp', message: 'Expected a signed Slack request (X-Slack-Request-Timestamp and X-Slack-Signature).' };
  const skew = stamp - Math.floor(nowMs / 1000);
  if (skew < -maxSkewSeconds) return { reason: 'stale', message: 'The request is more than 5 minutes old.' };
  if (skew > maxSkewSeconds) return { reason: 'future', message: 'The request is dated more than 5 minutes ahead.' };
  if (!signedBySlack(raw, stamp, signature, rules.signingSecret)) {
    return { reason: 'badSignature', message: 'The request signature does not match.' };
  }
  const { team, app } = namedBy(envelope);
  if (rules.teamId && team !== undefined && team !== rules.teamId) return { reason: 'otherWorkspace', message: 'The request is from another Slack workspace.' };
  if (rules.appId && app !== undefined && app !== rules.appId) return { reason: 'otherApp', message: 'The request is for another Slack app.' };
  return undefined;
}

/**
 * Slack's version 0 signature: `v0=` and the hex HMAC-SHA256, under the signing secret, of
 * `v0:<timestamp>:<body bytes>`. Compared in constant time (a signature of another length or
 * version is simply not equal).
 */
function signedBySlack(raw: Buffer, stamp: number, signature: string, signingSecret: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${stamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The workspace and app an envelope names: `team_id` (commands, events), `team.id` (interactivity), `api_app_id` (all). */
function namedBy(envelope: Readonly<Record<string, unknown>>): { team?: string; app?: string } {
  const team = envelope['team'];
  const teamId = typeof envelope['team_id'] === 'string' ? envelope['team_id'] : team && typeof team === 'object' && typeof (team as { id?: unknown }).id === 'string' ? (team as { id: string }).id : undefined;
  const app = typeof envelope['api_app_id'] === 'string' ? envelope['api_app_id'] : undefined;
  return { ...(teamId ? { team: teamId } : {}), ...(app ? { app } : {}) };
}

/**
 * The answer for a signed request of a kind GroupGate registers no handler for, or undefined for
 * the kinds it handles. Bolt would hold such a request for 3 seconds waiting for an ack, then answer
 * 404, and Slack would retry it or tell the person it failed.
 */
export function unhandledSlackAnswer(envelope: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  if ('command' in envelope || 'ssl_check' in envelope) return undefined;
  const type = envelope['type'];
  if (type === 'block_actions' || type === 'view_submission' || type === 'event_callback' || type === 'url_verification') return undefined;
  // A select menu asking for its choices (block_suggestion) expects a list: an empty one.
  return type === 'block_suggestion' ? { options: [] } : {};
}
