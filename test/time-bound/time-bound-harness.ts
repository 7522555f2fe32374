import { afterEach } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardButton, CardView } from '../../cards/card-view.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { MembershipChanged } from '../../domain/ports/membership-events.js';
import { membershipEndKeys, type MembershipEnd } from '../../domain/time-bound-membership/membership-end.js';
import { sweepMembershipEnds } from '../../domain/time-bound-membership/sweep-membership-ends.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { storeBackends } from '../adapters/store/store-backends.js';

/** One GroupGate instance on a store, with what it sends and every membership change it announces. */
export interface Instance {
  readonly running: RunningGroupGate;
  readonly channel: RecordingChannel;
  readonly changes: MembershipChanged[];
}

export const turnOf = (name: string): Turn => ({ actor: person(name), platform: 'web' });

/** The stores a GroupGate instance runs on (its STORE_URL takes SQLite or Redis), each a fresh one per call. */
export const timeBoundStores = storeBackends('time-bound').filter(([name]) => name !== 'Redis Cluster');

/** Instances sharing one store and one clock: stop one and start another to restart; start two to race. */
export class TimeBoundBed {
  clock = new ManualClock('2026-11-30T09:00:00Z');
  private readonly instances: Instance[] = [];

  /** On a fresh SQLite file unless another store is named. */
  constructor(public storeUrl: string = tempSqliteUrl()) {}

  /** Inside a describe: one bed whose instances stop after each test; the next test gets a fresh store (from `newStoreUrl`) and clock. */
  static perTest(newStoreUrl: () => string): TimeBoundBed {
    const bed = new TimeBoundBed(newStoreUrl());
    afterEach(async () => {
      await bed.stopAll();
      bed.clock = new ManualClock('2026-11-30T09:00:00Z');
      bed.storeUrl = newStoreUrl();
    });
    return bed;
  }

  /** Starts an instance on the shared store (its start-up sweep runs before this resolves). */
  async start(): Promise<Instance> {
    const channel = new RecordingChannel();
    const running = await startTestGroupGate({ STORE_URL: this.storeUrl }, { clock: this.clock, channels: [channel] });
    const changes: MembershipChanged[] = [];
    running.gate.membershipListeners.push(async (change) => void changes.push(change));
    const instance = { running, channel, changes };
    this.instances.push(instance);
    return instance;
  }

  async stop(instance: Instance): Promise<void> {
    this.instances.splice(this.instances.indexOf(instance), 1);
    await instance.running.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.instances].map((instance) => this.stop(instance)));
  }
}

/** What `name` gets back for typing `text`, as plain text and cards. */
export async function say(instance: Instance, name: string, text: string): Promise<{ readonly cards: readonly CardView[]; readonly text: string }> {
  const cards = await handleMessage(instance.running.gate, turnOf(name), text);
  await instance.running.gate.background.idle();
  return { cards, text: replyText(cards) };
}

/** `name` clicks a button GroupGate sent (a `run` button acts as if they typed its command). */
export async function click(instance: Instance, name: string, payload: Record<string, unknown>): Promise<{ readonly card?: CardView; readonly text: string }> {
  const result = await handleCardAction(instance.running.gate, turnOf(name), payload);
  await instance.running.gate.background.idle();
  return { ...(result.card ? { card: result.card } : {}), text: replyText([...(result.card ? [result.card] : []), ...result.reply]) };
}

/** The button titled `title` on the cards, with the payload a click on it sends. */
export function buttonOn(cards: readonly CardView[], title: string): Record<string, unknown> {
  const button = cards.flatMap((c) => (c.kind === 'message' ? (c.buttons ?? []) : [])).find((b: CardButton) => b.title.startsWith(title));
  if (!button) throw new Error(`no "${title}" button in: ${replyText(cards)}`);
  if (button.action !== 'run') throw new Error(`"${title}" is not a command button`);
  return { action: 'command.run', command: button.command };
}

/** Whether `name` is a member of `group` in the (shared) directory now. */
export async function isMember(instance: Instance, name: string, group: string): Promise<boolean> {
  return (await instance.running.gate.directory.listMembers(groupId(sampleGroup(group).id))).includes(userId(person(name).id));
}

/** The stored time-bound record of `name` in `group`. */
export function endOf(instance: Instance, name: string, group: string): Promise<MembershipEnd | undefined> {
  return instance.running.gate.store.get<MembershipEnd>(membershipEndKeys.one(groupId(sampleGroup(group).id), userId(person(name).id)));
}

/** One sweep of time-bound memberships on this instance, as the scheduler runs it. */
export async function sweep(instance: Instance, graceMs = 60_000) {
  const report = await sweepMembershipEnds(instance.running.gate.requests, graceMs);
  await instance.running.gate.background.idle();
  return report;
}

/** Plain text of everything `name` was sent outside the conversation. */
export const sentTo = (instance: Instance, name: string) => replyText(instance.channel.to(person(name).id));

/** Removals announced with cause `expiry`. */
export const expiries = (instance: Instance) => instance.changes.filter((c) => c.cause === 'expiry' && c.change === 'removed');
