import type restify from 'restify';
import type { Request, Response } from 'restify';
import { storeUnreachableWords } from '../../bot/friendly-errors.js';
import type { GroupGate } from '../../bot/group-gate.js';
import { deliverWaitingApprovals } from '../../bot/notify/deliver-waiting-approvals.js';
import { userId } from '../../domain/model/ids.js';
import { StoreUnavailableError } from '../../domain/ports/store.js';
import { toBrowserEntry } from './browser-entry.js';
import { localOnly } from './local-only.js';
import type { WebConversations } from './web-conversations.js';
import { describeIssues, eventsQuery } from './web-requests.js';
import { directChat, roomChat, webRooms, type WebConversationKey } from './web-rooms.js';

const streamHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' };

// Idle connections get a comment now and then, so a dead one is noticed and nothing in between times it out.
const heartbeatMs = 20_000;

/**
 * Mounts GET /web/events?as=<id>: a server-sent event stream of that person's direct chat and the
 * rooms — first what is stored, then every new message (`message`) and replaced card (`update`).
 * Opening it is "opening the page", so approvals that waited for this person are delivered.
 * Returns a function that ends every open stream (for shutdown).
 */
export function mountWebEvents(server: restify.Server, gate: GroupGate, conversations: WebConversations, key: string): () => void {
  const open = new Set<Response>();
  server.get('/web/events', localOnly(key), async (req: Request, res: Response) => {
    const query = eventsQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
    if (!query.success) return void res.send(400, { code: 'BadRequest', message: describeIssues(query.error) });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const person = await gate.directory.getUser(userId(query.data.as)).catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) return 'store unreachable' as const;
      throw error;
    });
    if (person === 'store unreachable') {
      // A stream that ends is reopened by the browser after `retry`; an error status would stop it for good.
      res.writeHead(200, streamHeaders);
      res.end(`retry: 2000\n\nevent: problem\ndata: ${JSON.stringify({ message: storeUnreachableWords })}\n\n`);
      return;
    }
    if (!person || person.accountEnabled === false) return void res.send(404, { code: 'NotFound', message: `There is no one with id "${query.data.as}" in the directory.` });

    res.writeHead(200, streamHeaders);
    res.write('retry: 2000\n\n');
    const keys: WebConversationKey[] = [directChat(person.id), ...webRooms.flatMap((room) => roomChat(room.id) ?? [])];
    // Subscribe before reading history: a message arriving in between comes twice, and the page keeps one copy per id.
    const unsubscribe = conversations.subscribe(keys, (event) => send(event.kind, toBrowserEntry(event.entry)));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    open.add(res);
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    try {
      for (const key of keys) for (const entry of await conversations.recent(key)) send('message', toBrowserEntry(entry));
      send('ready', { as: person.id, name: person.displayName });
      gate.background.run('web chat: deliver waiting approvals', () => deliverWaitingApprovals(gate, person, 'web'));
      await closed;
    } catch (error) {
      gate.logger.error({ err: error }, 'web chat event stream failed');
      if (error instanceof StoreUnavailableError) send('problem', { message: storeUnreachableWords });
      res.end();
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    }
  });
  return () => {
    for (const res of open) res.end();
  };
}
