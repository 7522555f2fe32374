import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { EmbeddedDirectory } from '../../../adapters/directory/embedded/embedded-directory.js';
import { denyNoteCallbackId } from '../../../adapters/slack/deny-note-modal.js';
import { createStore } from '../../../adapters/store/create-store.js';
import { CardActions } from '../../../cards/card-actions.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import { groupId, joinRequestId, userId, type JoinRequestId } from '../../../domain/model/ids.js';
import type { Store } from '../../../domain/ports/store.js';
import { blockActions, postForm, signingSecret, slashCommand, viewSubmission } from '../slack/signed-slack-request.js';
import { SlackStandIn, visibleText } from '../slack/slack-stand-in.js';
import { cardText, ConnectorStandIn } from '../teams/connector-stand-in.js';
import { cardClick, personalMessage, postActivity, type TeamsPerson } from '../teams/teams-activities.js';
import { eventually, GroupGateProcess } from './groupgate-process.js';
import { indexNewRequest } from '../../../domain/join-requests/join-request-index.js';

/** The group every request in these tests asks to join: a security group, so owners approve. */
export const fleetGroup = groupId('fleet-group');

/** The two owners, as the directory, Slack and Teams know them. */
export const owners = {
  a: { id: userId('owner-a'), name: 'Owner A', slack: 'UOWNERA', teams: teamsIdentity('owner-a', 'Owner A') },
  b: { id: userId('owner-b'), name: 'Owner B', slack: 'UOWNERB', teams: teamsIdentity('owner-b', 'Owner B') },
} as const;
export type Owner = (typeof owners)[keyof typeof owners];

function teamsIdentity(id: string, name: string): TeamsPerson {
  return { name, mri: `29:1${id}`, aadObjectId: id, chatId: `a:1${id}-personal` };
}

/** The Slack user id of requester `i`. */
export const requesterSlackId = (i: number) => `UREQ${i}`;

/** The ids of the fleet's approval groups: the fleet group first, then `fleet-group-2`, `fleet-group-3`, ... */
export const fleetGroups = (count: number) => Array.from({ length: count }, (_, g) => groupId(g === 0 ? fleetGroup : `${fleetGroup}-${g + 1}`));

/** A tenant file with the two owners, `requesters` people on Slack, and `groups` approval groups both owners own. */
export function fleetTenantFile(requesters: number, groups = 1): string {
  const user = (id: string, displayName: string, slackUserId: string) => ({ id, displayName, userPrincipalName: `${id}@fleet.example`, mail: `${id}@fleet.example`, slackUserId });
  const tenant = {
    tenant: { displayName: 'Fleet' },
    users: [user('owner-a', 'Owner A', 'UOWNERA'), user('owner-b', 'Owner B', 'UOWNERB'), ...Array.from({ length: requesters }, (_, i) => user(`requester-${i}`, `Requester ${i}`, requesterSlackId(i)))],
    groups: fleetGroups(groups).map((id, g) => ({ id, displayName: `Fleet Group ${g + 1}`, groupTypes: [], mailEnabled: false, securityEnabled: true, owners: ['owner-a', 'owner-b'], members: [] })),
    subscribedSkus: [],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'groupgate-fleet-')), 'tenant.json');
  writeFileSync(path, JSON.stringify(tenant));
  return path;
}

// Crockford digits, as request ids use; six of them number a million requests.
const digits = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const fleetRequestId = (i: number) => joinRequestId(`R-${Array.from({ length: 6 }, (_, k) => digits[Math.floor(i / 32 ** (5 - k)) % 32]).join('')}`);

/**
 * Stores `count` pending requests, as requestToJoin stores them: the request with its index
 * entries, and its open-request guard. Request n asks for group n mod `groups`, by requester n div `groups` (with one group,
 * requester n asks to join the fleet group). Written directly, so that seeding a thousand takes a
 * second, not the time of a thousand joins.
 */
export async function seedRequests(store: Store, count: number, from = 0, groups = 1): Promise<JoinRequestId[]> {
  const createdAt = new Date().toISOString();
  const groupIds = fleetGroups(groups);
  const ids = Array.from({ length: count }, (_, k) => fleetRequestId(from + k));
  for (let start = 0; start < count; start += 200) {
    await Promise.all(
      ids.slice(start, start + 200).map(async (id, k) => {
        const n = from + start + k;
        const [requesterId, groupId] = [userId(`requester-${Math.floor(n / groups)}`), groupIds[n % groups]!];
        const request: JoinRequest = { id, groupId, requesterId, createdAt, status: 'pending', reason: 'fleet test', platform: 'slack' };
        await store.write([{ put: keys.request(id), value: request }, ...indexNewRequest(request), { put: keys.openRequest(groupId, requesterId), value: id }]);
      }),
    );
  }
  return ids;
}

/** Everything a fleet of instances shares: one Redis namespace, one tenant, one Slack and one Teams stand-in. */
export class Fleet {
  readonly namespace = `gg-fleet-${Date.now()}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  readonly storeUrl: string;
  readonly instances: GroupGateProcess[] = [];
  slack!: SlackStandIn;
  connector!: ConnectorStandIn;
  store!: Store;

  constructor(
    private readonly redisUrl: string,
    readonly tenantPath: string,
  ) {
    this.storeUrl = `${redisUrl}?namespace=${this.namespace}`;
  }

  /** Starts the stand-ins and seeds the directory into the namespace (so no instance reseeds it at start). */
  async open(): Promise<this> {
    this.slack = await new SlackStandIn().start();
    this.connector = await new ConnectorStandIn().start();
    this.store = await createStore(this.storeUrl);
    await EmbeddedDirectory.open(this.store, this.tenantPath);
    return this;
  }

  /** The environment of one instance; `extra` wins. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      STORE_URL: this.storeUrl, DIRECTORY_SEED: this.tenantPath, TEAMS: 'on', WEB_CHAT: 'off',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: this.slack.apiUrl,
      SLACK_BOT_ID: 'BBOT', SLACK_BOT_USER_ID: 'UBOT', SLACK_API_RETRIES: '0', MAX_PENDING_REQUESTS: '1000',
      ...extra,
    };
  }

  /** Starts one more instance on its own loopback port. */
  async start(name: string, extra: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<GroupGateProcess> {
    const instance = await GroupGateProcess.start(name, this.env(extra), nodeArgs);
    this.instances.push(instance);
    return instance;
  }

  /**
   * Lets both owners talk to GroupGate once on Teams and Slack, so each platform knows where to
   * reach them (before any request exists: nothing waits to be delivered to them).
   */
  async introduceOwners(via: GroupGateProcess): Promise<void> {
    for (const owner of Object.values(owners)) {
      await postActivity(via.url, personalMessage(this.connector.url, owner.teams, 'help'));
      await postForm(via.url, slashCommand(owner.slack, 'help', this.slack.responseUrl(`hello-${owner.slack}`)));
    }
    await eventually('both owners to be known on Teams and Slack', async () => {
      const known = await Promise.all(Object.values(owners).flatMap((o) => [this.store.get(`teams:person:${o.id}`), this.store.get(`slack:user:${o.slack}`)]));
      return known.every(Boolean);
    });
  }

  /** Stops every instance (SIGTERM), the stand-ins, and removes the namespace from Redis. */
  async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await this.store?.close();
    await this.slack?.stop();
    await this.connector?.stop();
    await dropNamespace(this.redisUrl, this.namespace);
  }

  /** Every stored request of the fleet group. */
  async requests(): Promise<JoinRequest[]> {
    return (await this.store.list<JoinRequest>(keys.requests)).map(([, request]) => request);
  }

  /** A group's members, as stored (the fleet group's unless told). */
  async members(group: string = fleetGroup): Promise<string[]> {
    return this.store.setMembers(`directory:members:${group}`);
  }
}

/** Deletes every key of a namespace (tests leave the shared Redis as they found it). */
export async function dropNamespace(redisUrl: string, namespace: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const found: string[] = [];
    // The namespace's keys, and its listing index beside them (`<namespace>|index:…`).
    for (const match of [`${namespace}:*`, `${namespace}|index:*`]) {
      for await (const batch of client.scanIterator({ MATCH: match, COUNT: 1000 })) found.push(...batch);
    }
    for (let i = 0; i < found.length; i += 500) await client.unlink(found.slice(i, i + 500));
  } finally {
    client.destroy();
  }
}

/** What a click showed the clicker: the decision card (`won` when it was this click's decision), or words. */
export type ClickOutcome = { readonly kind: 'card'; readonly won: boolean; readonly text: string } | { readonly kind: 'words'; readonly text: string };

const cardOutcome = (text: string): ClickOutcome => ({ kind: 'card', won: !/Already (approved|declined)/.test(text), text });

/** An owner clicks Approve or Deny on a request's card in Teams; Teams answers the invoke with the card or words. */
export async function clickInTeams(instance: GroupGateProcess, serviceUrl: string, owner: Owner, requestId: string, verb: 'approve' | 'deny'): Promise<ClickOutcome> {
  const action = verb === 'approve' ? CardActions.approve : CardActions.deny;
  const { status, body } = await postActivity(instance.url, cardClick(serviceUrl, owner.teams, `card-${requestId}`, action, verb === 'deny' ? { requestId, note: 'not this time' } : { requestId }));
  if (status !== 200) throw new Error(`${instance.name} answered a Teams invoke with ${status}`);
  const answer = body as { type: string; value: unknown };
  return answer.type === 'application/vnd.microsoft.card.adaptive' ? cardOutcome(cardText(answer.value)) : { kind: 'words', text: String(answer.value) };
}

/** The response_url key of a Slack click. */
export const slackClickKey = (requestId: string, owner: Owner) => `${requestId}-${owner.slack}`;

/**
 * An owner clicks in Slack: Approve is a block_actions click, Deny is the submission of the note
 * modal the Deny button opened. Slack only acks; the outcome arrives later at the response_url.
 */
export async function clickInSlack(instance: GroupGateProcess, slack: SlackStandIn, owner: Owner, requestId: string, verb: 'approve' | 'deny'): Promise<void> {
  const where = { channel: `D${owner.slack.slice(1)}`, ts: '1700000000.000100', responseUrl: slack.responseUrl(slackClickKey(requestId, owner)) };
  const fields =
    verb === 'approve'
      ? blockActions(owner.slack, { action_id: `${CardActions.approve}:0`, value: JSON.stringify({ requestId }) }, where)
      : viewSubmission(owner.slack, { callback_id: denyNoteCallbackId, private_metadata: JSON.stringify({ requestId, origin: { ...where, home: false } }) }, 'not this time');
  const response = await postForm(instance.url, fields);
  if (response.status !== 200) throw new Error(`${instance.name} answered a Slack click with ${response.status}`);
  await response.arrayBuffer();
}

/** What a Slack click showed its clicker, once it arrived at the response_url; undefined before. */
export function slackOutcome(slack: SlackStandIn, requestId: string, owner: Owner): ClickOutcome | undefined {
  const [posted] = slack.respondedTo(slackClickKey(requestId, owner));
  if (!posted) return undefined;
  const text = visibleText(posted['blocks'] ?? []) || String(posted['text'] ?? '');
  return posted['replace_original'] === true ? cardOutcome(text) : { kind: 'words', text };
}

/** Runs `work` on every item, at most `width` at a time. */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}
