import { afterEach, beforeEach } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { StartOptions } from '../../bot/start-groupgate.js';
import type { JoinRequestId } from '../../domain/model/ids.js';
import { blockActions, postForm, slashCommand, viewSubmission } from '../adapters/slack/signed-slack-request.js';
import { signingSecret } from '../adapters/slack/signed-slack-request.js';
import { SlackStandIn, visibleText } from '../adapters/slack/slack-stand-in.js';
import { cardsIn, cardText, ConnectorStandIn } from '../adapters/teams/connector-stand-in.js';
import { cardClick, personalMessage, postActivity, teamsPerson } from '../adapters/teams/teams-activities.js';
import { postJson as postWebJson, type ApiAnswer } from '../adapters/web/web-chat-client.js';
import { entryText } from '../adapters/web/web-chat-client.js';
import { person } from '../support/sample-tenant.js';
import { snapshotState, type StateSnapshot } from '../support/state-snapshot.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

/** Slack credentials every attack bed uses; tests look for them in logs. */
export const slackToken = 'xoxb-attack-bed-token-4f1c';

/**
 * One GroupGate with all three surfaces on — Teams (no authentication, loopback), Slack (signed
 * requests to a local Web API stand-in) and the web chat — so an attack can be tried where people
 * really send things, and the state compared before and after.
 */
export class AttackBed {
  running!: RunningGroupGate;
  slack!: SlackStandIn;
  connector!: ConnectorStandIn;
  private responseKeys = 0;

  async start(env: Record<string, string> = {}, options: StartOptions = {}): Promise<this> {
    this.slack = await new SlackStandIn().start();
    this.connector = await new ConnectorStandIn().start();
    this.running = await startTestGroupGate(
      {
        SLACK_BOT_TOKEN: slackToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: this.slack.apiUrl,
        SLACK_BOT_ID: 'BBOT', SLACK_BOT_USER_ID: 'UBOT', SLACK_API_RETRIES: '0', WEB_CHAT: 'on', TEAMS: 'on',
        ...env,
      },
      options,
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    await this.slack?.stop();
    await this.connector?.stop();
  }

  get gate() {
    return this.running.gate;
  }

  get url() {
    return this.running.url;
  }

  /** Store and directory as they are now. */
  snapshot(): Promise<StateSnapshot> {
    return snapshotState(this.gate);
  }

  /** Waits for what GroupGate does after answering (fan-out, Slack work after the ack). */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.gate.background.idle();
  }

  // ---------- Teams ----------

  /** A person types in their personal chat in Teams; returns the text of what GroupGate answered there. */
  async teamsSays(name: string, text: string): Promise<string> {
    const who = teamsPerson(name);
    const before = this.connector.posted(who.chatId).length;
    const response = await postActivity(this.url, personalMessage(this.connector.url, who, text));
    await this.settle();
    if (response.status !== 200) return `HTTP ${response.status} ${JSON.stringify(response.body)}`;
    return this.connector.posted(who.chatId).slice(before).flatMap(cardsIn).map(cardText).join('\n');
  }

  /** A person clicks an Action.Execute button in Teams; returns the invoke's answer and what was posted to their chat. */
  async teamsClicks(name: string, verb: string, data: Record<string, unknown>): Promise<{ readonly status: number; readonly text: string; readonly body: unknown }> {
    const who = teamsPerson(name);
    const before = this.connector.posted(who.chatId).length;
    const response = await postActivity(this.url, cardClick(this.connector.url, who, 'activity-1', verb, data));
    await this.settle();
    const value = (response.body as { value?: unknown } | undefined)?.value;
    const answer = typeof value === 'string' ? value : cardText(value);
    const posted = this.connector.posted(who.chatId).slice(before).flatMap(cardsIn).map(cardText);
    return { status: response.status, text: [answer, ...posted].join('\n'), body: response.body };
  }

  // ---------- Slack ----------

  /** A person types `/groups <text>` in Slack; returns what GroupGate answered through the response_url. */
  async slackSays(slackUserId: string, text: string): Promise<string> {
    const key = `r${this.responseKeys++}`;
    const response = await postForm(this.url, slashCommand(slackUserId, text, this.slack.responseUrl(key)));
    await this.settle();
    return [response.status === 200 ? '' : `HTTP ${response.status}`, await response.text(), visibleText(this.slack.respondedTo(key))].filter(Boolean).join('\n');
  }

  /** A person clicks a button in Slack; returns what GroupGate told them (ephemeral, replaced card or DM). */
  async slackClicks(slackUserId: string, action: { readonly action_id: string; readonly value: string }): Promise<string> {
    const key = `c${this.responseKeys++}`;
    const dmsBefore = this.slack.of('chat.postMessage').length;
    const response = await postForm(this.url, blockActions(slackUserId, action, { channel: `D${slackUserId.slice(1)}`, ts: '1700000000.000001', responseUrl: this.slack.responseUrl(key) }));
    await this.settle();
    const dms = this.slack.of('chat.postMessage').slice(dmsBefore).filter((c) => c.args['channel'] === slackUserId);
    return [response.status === 200 ? '' : `HTTP ${response.status}`, visibleText(this.slack.respondedTo(key)), ...dms.map((c) => visibleText(JSON.parse(c.args['blocks'] ?? '[]')))].filter(Boolean).join('\n');
  }

  /** A person submits the Deny modal with this private_metadata (what the Deny click stored in it). */
  async slackSubmitsDeny(slackUserId: string, privateMetadata: string, note: string | null): Promise<number> {
    const response = await postForm(this.url, viewSubmission(slackUserId, { callback_id: 'groupgate.deny-note', private_metadata: privateMetadata }, note));
    await this.settle();
    return response.status;
  }

  // ---------- web chat ----------

  /** A person types in the web chat; returns the answer's status and the text of what GroupGate said. */
  async webSays(name: string, text: string): Promise<{ readonly status: number; readonly text: string; readonly answer: ApiAnswer }> {
    const answer = await postWebJson(this.url, '/web/api/messages', { as: person(name).id, where: 'direct', text });
    await this.settle();
    return { status: answer.status, text: webText(answer), answer };
  }

  /** A person clicks a button on a card in the web chat. */
  async webClicks(name: string, messageId: string, verb: string, data: Record<string, unknown>): Promise<{ readonly status: number; readonly text: string }> {
    const answer = await postWebJson(this.url, '/web/api/actions', { as: person(name).id, where: 'direct', messageId, verb, data });
    await this.settle();
    return { status: answer.status, text: webText(answer) };
  }
}

/** What GroupGate said in a web chat answer (not the typed message it echoes), or the problem's message. */
export const webText = (answer: ApiAnswer) =>
  answer.body.entries ? answer.body.entries.filter((entry) => entry.author.kind === 'groupgate').map(entryText).join('\n') : String(answer.body.message ?? '');

/** A fresh AttackBed around every test of the file; `env` may set limits. */
export function useAttackBed(env: () => Record<string, string> = () => ({})): AttackBed {
  const bed = new AttackBed();
  beforeEach(async () => {
    await bed.start(env());
  });
  afterEach(async () => {
    await bed.stop();
  });
  return bed;
}

/** Rowan asks to join Atlas Project (owners Ines Duarte and Tomas Berg) in the web chat; returns the request id. */
export async function rowanAsksToJoinAtlas(bed: AttackBed): Promise<JoinRequestId> {
  const { text } = await bed.webSays('Rowan Pike', 'join Atlas Project because I moved to the research team');
  const id = /Your request is (R-\w+)/.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text}`);
  return id as JoinRequestId;
}

/** The signs of a stack trace or a source path in anything shown to a person. */
export const stackTraceSigns = /\n\s+at |\bat [\w$.<>]+ \(|\/work\/|node_modules|\.ts:\d+|\.js:\d+|Error: /;
