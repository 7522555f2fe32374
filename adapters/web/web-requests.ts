import { z } from 'zod';
import { maxMessageLength } from '../../bot/handle-message.js';
import { inputsWithoutBidiControls, withoutBidiControls } from '../../domain/group-management/normalise-group-name.js';

/** A directory user id as /web/api/people lists it (an Entra object id). */
const personId = z.string({ message: 'expected the id of a person from /web/api/people' }).regex(/^[\w-]{1,64}$/, 'expected the id of a person from /web/api/people');

/** `direct` for the person's own chat with GroupGate, or a room id such as `alerts`. */
const where = z.string().regex(/^[\w-]{1,40}$/, 'expected "direct" or a room id such as "alerts"').default('direct');

/** POST /web/api/messages: someone typed a message. */
export const sendMessageBody = z.strictObject({
  as: personId,
  where,
  // handleMessage answers an over-long message in words; this only stops absurd bodies early.
  // Without bidi controls, which make a name or reason read in another order than it is stored.
  text: z.string({ message: 'expected the text you typed' }).transform(withoutBidiControls).pipe(z.string().trim().min(1, 'type a message first').max(maxMessageLength * 4, 'that message is far too long')),
});

/** POST /web/api/actions: someone clicked an Action.Execute button; `data` holds the card's data and inputs. */
export const cardActionBody = z.strictObject({
  as: personId,
  where,
  messageId: z.string({ message: 'expected the id of the message holding the card' }).regex(/^\d{10}$/, 'expected the id of the message holding the card'),
  verb: z.string({ message: 'expected the verb of the clicked action' }).min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}).transform(inputsWithoutBidiControls),
});

/** GET /web/events?as=<id> */
export const eventsQuery = z.strictObject({ as: personId });

/** Zod issues as one sentence for a 400 answer: "text: type a message first; as: expected ...". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`).join('; ');
}
