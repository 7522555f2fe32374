import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { err, ok, type Result } from '../../domain/result.js';

/** What botbuilder learnt from a token it accepted: who sent it and how to answer. */
export type TeamsCaller = Exclude<Parameters<CloudAdapter['processActivityDirect']>[0], string>;

/** Why a request to /api/messages was not let in. */
export interface TeamsAuthRefusal {
  /** `tokenRefused`: absent, malformed, forged, expired or for another bot; `keysUnreachable`: Bot Framework's signing keys could not be read, so no token can be checked. */
  readonly reason: 'tokenRefused' | 'keysUnreachable';
  /** botbuilder's or jsonwebtoken's words (never the token). */
  readonly detail: string;
}

/**
 * botbuilder's CloudAdapter, split in the two steps its `process()` runs together: check the
 * token, then run the turn. `process()` answers 500 with its error's text to every token that fails
 * in jsonwebtoken rather than in its own checks, and prints each failure's stack trace to stderr;
 * apart, the route answers 401 itself, logs one line, and checks the body only once the caller is known.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Checks the Authorization header against the activity it came with (its channel and serviceUrl). */
  async authenticate(body: unknown, authorization: string): Promise<Result<TeamsCaller, TeamsAuthRefusal>> {
    const activity = (body !== null && typeof body === 'object' ? body : {}) as Activity;
    try {
      return ok(await this.botFrameworkAuthentication.authenticateRequest(activity, authorization));
    } catch (error) {
      return err(refusalOf(error));
    }
  }

  /** Runs a turn for an activity whose token `authenticate` accepted; resolves with what an invoke answers. */
  run(caller: TeamsCaller, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(caller, withDates(activity), logic);
  }
}

function refusalOf(error: unknown): TeamsAuthRefusal {
  const { name, message, statusCode } = (error ?? {}) as { name?: string; message?: string; statusCode?: number };
  const detail = String(message ?? error).slice(0, 200);
  // botbuilder says 500 when it could not fetch the OpenID configuration or keys; node-fetch's own failure is a FetchError.
  return { reason: statusCode === 500 || name === 'FetchError' ? 'keysUnreachable' : 'tokenRefused', detail };
}

/** What botbuilder's process() does to an activity's timestamps before a turn reads them. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}
