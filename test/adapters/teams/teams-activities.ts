import { person } from '../../support/sample-tenant.js';

/** GroupGate's bot account as Teams addresses it. */
export const bot = { id: '28:11111111-2222-3333-4444-555555555555', name: 'GroupGate' } as const;
const tenantId = '00000000-aaaa-bbbb-cccc-000000000001';

/** A sample-tenant person as Teams sees them: MRI, Entra object id, and their personal chat with GroupGate. */
export interface TeamsPerson {
  readonly name: string;
  readonly mri: string;
  readonly aadObjectId: string;
  readonly chatId: string;
}

/** The Teams identity of a sample-tenant person (throws on an unknown name). */
export function teamsPerson(displayName: string): TeamsPerson {
  const slug = displayName.toLowerCase().replace(/\W+/g, '-');
  return { name: displayName, mri: `29:1${slug}`, aadObjectId: person(displayName).id, chatId: `a:1${slug}-personal` };
}

let sequence = 1;
const nextId = () => `17000000000${String(sequence++).padStart(2, '0')}`;

function envelope<C extends { readonly id: string }>(serviceUrl: string, from: TeamsPerson, conversation: C) {
  return {
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: from.mri, aadObjectId: from.aadObjectId, name: from.name },
    recipient: bot,
    conversation: { tenantId, ...conversation },
    channelData: { tenant: { id: tenantId } },
  };
}

const personalChat = (who: TeamsPerson) => ({ id: who.chatId, conversationType: 'personal' });

/** The installationUpdate Teams sends when a person adds GroupGate in personal scope. */
export function installed(serviceUrl: string, who: TeamsPerson, action: 'add' | 'remove' = 'add') {
  return { ...envelope(serviceUrl, who, personalChat(who)), type: 'installationUpdate', action };
}

/** The conversationUpdate that follows an install: the bot joined the personal chat. */
export function botAddedToChat(serviceUrl: string, who: TeamsPerson) {
  return { ...envelope(serviceUrl, who, personalChat(who)), type: 'conversationUpdate', membersAdded: [{ id: bot.id }] };
}

/** A message in the person's personal chat with GroupGate. */
export function personalMessage(serviceUrl: string, who: TeamsPerson, text: string) {
  return { ...envelope(serviceUrl, who, personalChat(who)), type: 'message', text, textFormat: 'plain', locale: 'en-US' };
}

/** A message in a team channel that @mentions GroupGate, as Teams delivers it. */
export function channelMessage(serviceUrl: string, who: TeamsPerson, text: string, channel = { id: '19:alerts@thread.tacv2', name: 'License alerts', team: 'IT Operations' }) {
  const mention = `<at>${bot.name}</at>`;
  return {
    ...envelope(serviceUrl, who, { id: `${channel.id};messageid=1699999999999`, conversationType: 'channel', isGroup: true }),
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: bot }],
    channelData: { tenant: { id: tenantId }, channel: { id: channel.id, name: channel.name }, team: { id: '19:team@thread.tacv2', name: channel.team } },
  };
}

/** The adaptiveCard/action invoke Teams sends when a person clicks an Action.Execute button on a card. */
export function cardClick(serviceUrl: string, who: TeamsPerson, replyToId: string, verb: string, data: Record<string, unknown>, trigger: 'manual' | 'automatic' = 'manual') {
  return {
    ...envelope(serviceUrl, who, personalChat(who)),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: `btn-${verb}`, verb, data }, trigger },
  };
}

/** POSTs an activity to GroupGate's messaging endpoint, as the Bot Connector does. */
export async function postActivity(groupGateUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${groupGateUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  // A refusal (401) is plain text; everything else GroupGate answers here is JSON or empty.
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: text ? (json ? (JSON.parse(text) as unknown) : text) : undefined };
}
