import type { IncomingMessage } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { z } from 'zod';
import { err, ok, type Result } from '../../domain/result.js';
import { readJson } from './read-json.js';

/** A request's bytes (what Slack signed) and the envelope they hold: a JSON delivery, or a form with any `payload` parsed. */
export interface SlackBody {
  readonly raw: Buffer;
  readonly envelope: Readonly<Record<string, unknown>>;
}

/** Why a request to /slack/events was not handed to Bolt. */
export interface SlackBodyProblem {
  readonly status: 400 | 413;
  readonly message: string;
}

/**
 * Reads a request to /slack/events before Bolt does, and hands it over only when it is something
 * Slack sends: at most `maxBytes` (else 413, and nothing more is read), and one of Slack's
 * envelopes (else 400). Bolt parses `payload=null` into `null` and then crashes on it outside any
 * handler, leaving the request unanswered and the rejection unhandled — which ends the process.
 * Reading first costs nothing: Bolt checks the signature of these same bytes (`rawBody`).
 */
export function readSlackBody(req: IncomingMessage, maxBytes: number): Promise<Result<SlackBody, SlackBodyProblem>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      resolve(err({ status: 413, message: `Request body size exceeds ${maxBytes}` }));
    };
    const onEnd = () => {
      const raw = Buffer.concat(chunks);
      const envelope = slackEnvelope(raw, req.headers['content-type']);
      resolve(envelope ? ok({ raw, envelope }) : err({ status: 400, message: 'Expected a Slack request: a slash command, an interactivity payload or an Events API delivery.' }));
    };
    req.on('data', onData).on('end', onEnd);
    // A client that goes away mid-body: nothing to hand over (a settled promise ignores this).
    req.once('close', () => resolve(err({ status: 400, message: 'The request ended before its body did.' })));
  });
}

/** A slash command, an interactivity payload (JSON in `payload`), or Slack's SSL check, form-encoded. */
const formEnvelopeSchema = z.union([
  z.looseObject({ command: z.string().min(1) }),
  z.looseObject({ payload: z.string().transform(readJson).pipe(z.looseObject({ type: z.string().min(1) })) }),
  z.looseObject({ ssl_check: z.literal('1') }),
]);

/** An Events API delivery or Slack's URL verification, as JSON. */
const jsonEnvelopeSchema = z.looseObject({ type: z.string().min(1) });

/**
 * The envelope, when the body is one of those Slack sends, read the way Bolt reads it (the same
 * content-type rule): anything else would be parsed by Bolt into something it crashes on (`null`)
 * or never acknowledges (it then holds the request 3 seconds for a handler that never comes).
 */
function slackEnvelope(body: Buffer, contentType: string | undefined): Record<string, unknown> | undefined {
  const text = body.toString('utf8');
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = formEnvelopeSchema.safeParse(parseForm(text));
    if (!form.success) return undefined;
    return 'payload' in form.data && typeof form.data['payload'] === 'object' ? (form.data['payload'] as Record<string, unknown>) : form.data;
  }
  const json = jsonEnvelopeSchema.safeParse(readJson(text));
  return json.success ? json.data : undefined;
}
