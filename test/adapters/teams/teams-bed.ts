import { afterEach, beforeEach, expect } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../../domain/model/ids.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn, type ConnectorCall } from './connector-stand-in.js';
import { botAddedToChat, installed, personalMessage, postActivity, type TeamsPerson } from './teams-activities.js';

/** A card's text, every card of the call joined. */
export const textOf = (call: ConnectorCall) => cardsIn(call).map(cardText).join('\n');

/** The Action.Execute button with this title on a card GroupGate sent. */
export function button(call: ConnectorCall, title: string): { verb: string; data: Record<string, unknown> } {
  let found: { verb: string; data: Record<string, unknown> } | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const action = node as { type?: unknown; title?: unknown; verb?: string; data?: Record<string, unknown> };
      if (action.type === 'Action.Execute' && action.title === title) found ??= { verb: action.verb ?? '', data: action.data ?? {} };
      Object.values(node).forEach(walk);
    }
  };
  walk(cardsIn(call));
  if (!found) throw new Error(`no ${title} button on the card`);
  return found;
}

/**
 * A GroupGate and the Bot Connector stand-in, fresh for each test of the file, with the moves the
 * Teams tests make: send an activity as Teams would, install in personal scope, read what was posted.
 */
export function useTeamsBed() {
  let connector: ConnectorStandIn | undefined;
  let running: RunningGroupGate | undefined;
  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    running = await startTestGroupGate();
  });
  afterEach(async () => {
    await running?.stop();
    await connector?.stop();
  });
  const bed = {
    get connector(): ConnectorStandIn {
      return connector!;
    },
    get running(): RunningGroupGate {
      return running!;
    },
    /** Starts GroupGate again with these settings (say, with the web chat on), in place of the one running. */
    async restart(env: Record<string, string>) {
      await running!.stop();
      running = await startTestGroupGate(env);
    },
    /** Sends an activity as Teams would, and waits for the work it started in the background. */
    async send(activity: unknown) {
      const response = await postActivity(running!.url, activity);
      await running!.gate.background.idle();
      return response;
    },
    /** The person installs GroupGate in personal scope (Teams sends both activities). */
    async install(who: TeamsPerson) {
      expect((await bed.send(installed(connector!.url, who))).status).toBe(200);
      expect((await bed.send(botAddedToChat(connector!.url, who))).status).toBe(200);
    },
    /** What GroupGate posted to a person's chat, but the welcome an install brings. */
    postsTo: (who: TeamsPerson) => connector!.posted(who.chatId).filter((call) => !textOf(call).startsWith('Welcome to GroupGate')),
    lastPost(who: TeamsPerson): ConnectorCall {
      const post = bed.postsTo(who).at(-1);
      if (!post) throw new Error(`nothing was posted to ${who.name}`);
      return post;
    },
    /** `who` asks to join Atlas Project in their personal chat; the reply and the request id it names. */
    async requestToJoinAtlas(who: TeamsPerson) {
      expect((await bed.send(personalMessage(connector!.url, who, 'join Atlas Project because I moved to the research team'))).status).toBe(200);
      const reply = textOf(bed.lastPost(who));
      const requestId = /Your request is (R-\w+)/.exec(reply)?.[1];
      if (!requestId) throw new Error(`no request id in: ${reply}`);
      return { reply, requestId };
    },
    storedRequest: (id: string) => running!.gate.store.get<JoinRequest>(keys.request(id as JoinRequestId)),
  };
  return bed;
}
