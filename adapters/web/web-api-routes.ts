import restify, { type Request, type Response } from 'restify';
import type { z } from 'zod';
import { storeUnreachableWords } from '../../bot/friendly-errors.js';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import { readClickedRequest } from '../../bot/read-clicked-request.js';
import { rememberShownCards } from '../../bot/notify/remember-shown-cards.js';
import type { Turn } from '../../bot/turn.js';
import { locationOf } from './web-chat-channel.js';
import { inRequestOf } from '../../bot/request-context.js';
import type { GroupGate } from '../../bot/group-gate.js';
import type { Reply } from '../../cards/card-view.js';
import { StoreUnavailableError } from '../../domain/ports/store.js';
import { refuseLargeBodies } from '../http/refuse-large-bodies.js';
import { toBrowserEntry } from './browser-entry.js';
import { jsonOnly, localOnly } from './local-only.js';
import type { WebConversationKey } from './web-rooms.js';
import { webRooms } from './web-rooms.js';
import type { WebConversations, WebEntry, WebMessage } from './web-conversations.js';
import { peopleQuery, webPeople } from './web-people.js';
import { cardActionBody, describeIssues, sendMessageBody } from './web-requests.js';
import { webConversationOf, webTurn } from './web-turn.js';

// A typed message is at most a few KB; anything near this is not from the page.
const maxBodySize = 64 * 1024;

type Answer = { readonly status: number; readonly body: unknown };
const problem = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });
const entries = (list: readonly WebEntry[]): Answer => ({ status: 200, body: { entries: list.map(toBrowserEntry) } });

/** Mounts the page's JSON API: who you can be, typing a message, clicking a card button. */
export function mountWebApi(server: restify.Server, gate: GroupGate, conversations: WebConversations, key: string): void {
  const answer = answerWith(gate);
  const jsonBody = [localOnly(key), jsonOnly, refuseLargeBodies(maxBodySize), restify.plugins.bodyParser({ maxBodySize, mapParams: false })];

  server.get('/web/api/people', localOnly(key), answer(async (req) => {
    const parsed = peopleQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
    if (!parsed.success) return badRequest(parsed.error);
    return { status: 200, body: { people: await webPeople(gate.directory, parsed.data), rooms: webRooms } };
  }));

  server.post('/web/api/messages', ...jsonBody, answer(async (req) => {
    const parsed = sendMessageBody.safeParse(req.body);
    if (!parsed.success) return badRequest(parsed.error);
    const who = await webTurn(gate, parsed.data.as, parsed.data.where);
    if (!who.ok) return problem(who.problem.status, 'NotFound', who.problem.message);
    const { actor } = who.turn;
    const said: WebMessage = { author: { kind: 'person', userId: actor.id, name: actor.displayName }, text: parsed.data.text };
    // What was typed is stored with the answer, in one append (one sequence update, one batch); a
    // turn that fails still keeps what was typed.
    const reply = await handleMessage(gate, who.turn, parsed.data.text).catch(async (error: unknown) => {
      // With the store out of reach, keeping what was typed would only wait for it to time out again.
      if (!(error instanceof StoreUnavailableError)) await conversations.append(who.conversation, said).catch(() => undefined);
      throw error;
    });
    const appended = await conversations.appendAll(who.conversation, [said, ...fromGroupGate(reply)]);
    rememberShown(gate, who.turn, appended.slice(1));
    return entries(appended);
  }));

  server.post('/web/api/actions', ...jsonBody, answer(async (req) => {
    const parsed = cardActionBody.safeParse(req.body);
    if (!parsed.success) return badRequest(parsed.error);
    const { as, where, messageId, verb, data } = parsed.data;
    const action = { ...data, action: verb };
    // The clicker, the clicked card and the request it names are read together: one round trip.
    const [who, clicked, request] = await Promise.all([webTurn(gate, as, where), findClickedCard(conversations, as, where, messageId), readClickedRequest(gate.store, action)]);
    if (!who.ok) return problem(who.problem.status, 'NotFound', who.problem.message);
    if (!clicked?.card) return problem(404, 'NotFound', `There is no card ${messageId} in this conversation.`);
    // The same path a Teams Action.Execute invoke takes: verb is the action id, data carries the ids and inputs.
    const result = await handleCardAction(gate, who.turn, action, request);
    const updated = result.card ? await conversations.replaceCard(who.conversation, messageId, result.card) : undefined;
    const posted = await post(conversations, who.conversation, result.reply);
    rememberShown(gate, who.turn, posted);
    return entries([...(updated ? [updated] : []), ...posted]);
  }));
}

/** Cards of a reply about one join request (`pending`'s approval cards, a receipt with Cancel): recorded where they landed, so the close edits them. */
function rememberShown(gate: GroupGate, turn: Turn, appended: readonly WebEntry[]): void {
  rememberShownCards(gate, turn.actor.id, appended.flatMap((entry) => (entry.card ? [{ card: entry.card, location: locationOf(entry) }] : [])));
}

/** The card the click came from, in the conversation `as` and `where` name (none when they name none: webTurn then refuses the click). */
async function findClickedCard(conversations: WebConversations, as: string, where: string, messageId: string): Promise<WebEntry | undefined> {
  const conversation = webConversationOf(as, where);
  return conversation ? conversations.find(conversation, messageId) : undefined;
}

function post(conversations: WebConversations, conversation: WebConversationKey, reply: Reply): Promise<WebEntry[]> {
  return conversations.appendAll(conversation, fromGroupGate(reply));
}

const fromGroupGate = (reply: Reply): WebMessage[] => reply.map((card) => ({ author: { kind: 'groupgate' }, card }));

const badRequest = (error: z.ZodError) => problem(400, 'BadRequest', describeIssues(error));

/** Runs a route's work and sends its answer; an unexpected failure is logged and answered without details. */
function answerWith(gate: GroupGate) {
  return (work: (req: Request) => Promise<Answer>) => async (req: Request, res: Response) => {
    try {
      const { status, body } = await inRequestOf(req, () => work(req));
      res.send(status, body);
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        gate.logger.warn({ err: error, path: req.path() }, 'store unavailable during a web chat request');
        res.send(503, { code: 'StoreUnavailable', message: storeUnreachableWords });
        return;
      }
      const reference = Math.random().toString(36).slice(2, 8).toUpperCase();
      gate.logger.error({ err: error, reference, path: req.path() }, 'web chat request failed');
      res.send(500, { code: 'Internal', message: `Something went wrong on GroupGate's side (reference ${reference}); nothing more was changed.` });
    }
  };
}
