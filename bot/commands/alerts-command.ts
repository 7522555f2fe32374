import { isLowOnSeats } from '../../domain/licensing/low-seat-threshold.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import { isLicenseAdmin } from '../../domain/model/directory-user.js';
import { bold, code, message, type Line, type Reply, type Span } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import { subscribeAlertChannel, unsubscribeAlertChannel } from '../licensing/alert-channels.js';
import type { Turn } from '../turn.js';
import { andList } from '../words/names.js';
import { defineCommand } from './command-spec.js';

/** `alerts here` / `alerts off`: a Global or License Administrator subscribes the conversation they type in to license alerts. */
export const alertsCommand = defineCommand({
  name: 'alerts',
  usage: 'alerts here|off',
  description: 'Get license shortfall alerts in this conversation, or stop them',
  audience: 'admins',
  parse: (text) => {
    const match = /^(?:license\s+)?alerts?\s+(here|on|off|stop)$/i.exec(text);
    return match ? { on: !/^(off|stop)$/i.test(match[1]!) } : undefined;
  },
  run: async (gate, turn, { on }) => {
    if (!isLicenseAdmin(turn.actor)) return refuse(gate);
    if (!turn.conversation) {
      return [message([["I can't tell which conversation this is, so I have nowhere to post alerts. Type ", code('alerts here'), ' in the Teams or Slack channel, or the web chat, that should get them.']])];
    }
    if (!on) {
      const was = await unsubscribeAlertChannel(gate.store, turn.conversation);
      if (was) await auditTurn(gate, turn, { action: 'alerts.unsubscribed', details: { conversation: turn.conversation.kind } });
      return [message([[was ? '🔕 No more license alerts here.' : "This conversation wasn't getting license alerts."]])];
    }
    const added = await subscribeAlertChannel(gate.store, turn.conversation);
    if (added) await auditTurn(gate, turn, { action: 'alerts.subscribed', details: { conversation: turn.conversation.kind } });
    const lines: Line[] = [
      [added ? '🔔 License alerts will come here' : 'This conversation already gets license alerts', ': when members start waiting for a license, when more join them, and when it is resolved; a warning when seats run low; at most one reminder a day. Type ', code('alerts off'), ' to stop.'],
      ...(await currentStatus(gate)),
    ];
    return [message(lines, { tone: 'good' })];
  },
});

async function refuse(gate: GroupGate): Promise<Reply> {
  const names = (await gate.directory.listAdmins()).filter(isLicenseAdmin).map((u) => u.displayName).sort().slice(0, 3);
  return [message([['License alerts are for Global and License Administrators', ...(names.length ? [` — ask ${andList(names)}`] : []), '.']], { tone: 'attention' })];
}

/** What admins would want to know right now: licenses members wait for, and licenses running low. */
async function currentStatus(gate: GroupGate): Promise<Line[]> {
  const { summary } = await gate.licensing.view();
  const short = summary.pools.filter((p) => p.waiting.length > 0);
  const low = summary.pools.filter((p) => p.waiting.length === 0 && isLowOnSeats(p.total, p.used, p.free, gate.licensing.lowSeat));
  const list = (pools: typeof short, words: (p: (typeof short)[number]) => string): Span[] => pools.flatMap((p, i) => [...(i ? ['; '] : []), bold(shortSkuName(p.sku)), words(p)]);
  return [
    short.length === 0 ? ['Right now nobody is waiting for a license.'] : ['Right now waiting: ', ...list(short, (p) => ` — ${p.waiting.length} members, ${p.free} of ${p.total} seats free`), '.'],
    ...(low.length > 0 ? [['Running low: ', ...list(low, (p) => ` — ${p.free} of ${p.total} seats free`), '.']] : []),
  ];
}
