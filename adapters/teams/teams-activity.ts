import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Turn } from '../../bot/turn.js';
import { err, ok, type Result } from '../../domain/result.js';

/** The parts of an inbound Teams activity GroupGate reads; everything else is left to botbuilder. */
const teamsActivitySchema = z.object({
  from: z.object({
    id: z.string().min(1),
    // Entra object id; absent for bots, some guests and anonymous meeting users.
    aadObjectId: z.string().min(1).max(100).optional(),
  }),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    name: z.string().optional(),
  }),
  channelData: z
    .object({
      channel: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      team: z.object({ name: z.string().optional() }).optional(),
    })
    .optional(),
});

/** Who sent an activity and where, in GroupGate's terms. */
export interface TeamsActivityFacts {
  /** The sender's Entra object id, when Teams gave one. */
  readonly aadObjectId?: string;
  /** The conversation as a Turn carries it; for a channel, `id` is the channel (not the thread). */
  readonly conversation: NonNullable<Turn['conversation']>;
}

/** Reads sender and conversation from an activity, or says what it lacks. */
export function readTeamsActivity(activity: Partial<Activity>): Result<TeamsActivityFacts, string> {
  const parsed = teamsActivitySchema.safeParse(activity);
  if (!parsed.success) return err(z.prettifyError(parsed.error));
  const { from, conversation, channelData } = parsed.data;
  const kind = conversation.conversationType === 'channel' ? 'channel' : conversation.conversationType === 'groupChat' ? 'group' : 'personal';
  // A channel message arrives in a thread ("19:…@thread.tacv2;messageid=…"); alerts go to the channel itself.
  const id = kind === 'channel' ? (channelData?.channel?.id ?? conversation.id.split(';')[0] ?? conversation.id) : conversation.id;
  const name = kind === 'channel' ? channelName(channelData?.team?.name, channelData?.channel?.name) : conversation.name;
  return ok({
    ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
    conversation: { platform: 'teams', id, kind, ...(name ? { name } : {}) },
  });
}

function channelName(team: string | undefined, channel: string | undefined): string | undefined {
  // Teams leaves the General channel's name out.
  if (!team) return channel;
  return `${team} › ${channel ?? 'General'}`;
}
