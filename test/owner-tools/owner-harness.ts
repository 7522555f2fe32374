import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { GroupGate } from '../../bot/group-gate.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardButton, CardView, MessageView } from '../../cards/card-view.js';
import { readGroupSettings } from '../../domain/join-requests/join-request-records.js';
import type { GroupSettings } from '../../domain/join-requests/join-policy.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { userId } from '../../domain/model/ids.js';
import type { MembershipChanged } from '../../domain/ports/membership-events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

/** What a group looks like at one moment: who is in it, who owns it, its settings. */
export interface GroupState {
  readonly members: readonly string[];
  readonly owners: readonly string[];
  readonly settings: GroupSettings;
}

/** A running GroupGate on the sample tenant, with what it announces and sends, and helpers to talk to it. */
export interface OwnerHarness {
  readonly running: RunningGroupGate;
  readonly gate: GroupGate;
  readonly clock: ManualClock;
  readonly channel: RecordingChannel;
  readonly changes: MembershipChanged[];
  /** What `name` gets back for typing `text`. */
  say(name: string, text: string): Promise<{ readonly cards: readonly CardView[]; readonly text: string }>;
  /** `name` clicks Confirm or Cancel on a member-change card. */
  click(name: string, changeId: string, verdict: 'confirm' | 'cancel'): Promise<{ readonly card?: CardView; readonly text: string }>;
  /** A group by display name, as the directory has it now (created ones too). */
  group(name: string): Promise<DirectoryGroup>;
  /** A group's members, owners (display names, sorted) and settings now. */
  state(name: string): Promise<GroupState>;
  /** Plain text of what was sent to `name` outside the conversation (DMs). */
  sentTo(name: string): string;
}

export const turnOf = (name: string): Turn => ({ actor: person(name), platform: 'web' });

/** The Confirm button's change id on a member-change card (fails the test when there is none). */
export function changeIdOf(cards: readonly CardView[]): string {
  const button = cards.flatMap((c) => (c.kind === 'message' ? (c.buttons ?? []) : [])).find((b): b is Extract<CardButton, { changeId: string }> => b.action === 'confirmChange');
  if (!button) throw new Error(`no Confirm button in: ${replyText(cards)}`);
  return button.changeId;
}

/** The first message card of a reply. */
export const messageOf = (cards: readonly CardView[]): MessageView => cards.find((c): c is MessageView => c.kind === 'message')!;

/** Starts the harness; stop it with `harness.running.stop()`. */
export async function startOwnerHarness(env: Record<string, string> = {}): Promise<OwnerHarness> {
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const channel = new RecordingChannel();
  const running = await startTestGroupGate(env, { clock, channels: [channel] });
  const { gate } = running;
  const changes: MembershipChanged[] = [];
  gate.membershipListeners.push(async (change) => void changes.push(change));
  const nameOf = async (id: string) => (await gate.directory.getUser(userId(id)))?.displayName ?? id;
  const group = async (name: string) => {
    const found = (await gate.directory.listGroups()).find((g) => g.displayName === name);
    if (!found) throw new Error(`no group "${name}"`);
    return found;
  };
  return {
    running, gate, clock, channel, changes,
    say: async (name, text) => {
      const cards = await handleMessage(gate, turnOf(name), text);
      return { cards, text: replyText(cards) };
    },
    click: async (name, changeId, verdict) => {
      const result = await handleCardAction(gate, turnOf(name), { action: verdict === 'confirm' ? 'member-change.confirm' : 'member-change.cancel', changeId });
      await gate.background.idle();
      return { ...(result.card ? { card: result.card } : {}), text: replyText([...(result.card ? [result.card] : []), ...result.reply]) };
    },
    group,
    state: async (name) => {
      const g = await group(name);
      const [members, owners, settings] = await Promise.all([gate.directory.listMembers(g.id), gate.directory.listOwners(g.id), readGroupSettings(gate.store, g)]);
      return { members: (await Promise.all(members.map(nameOf))).sort(), owners: (await Promise.all(owners.map(nameOf))).sort(), settings };
    },
    sentTo: (name) => replyText(channel.to(person(name).id)),
  };
}
