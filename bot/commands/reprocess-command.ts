import type { LicensePool } from '../../domain/licensing/summarize-licensing.js';
import { isAdmin } from '../../domain/model/directory-user.js';
import { userId, type UserId } from '../../domain/model/ids.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, message, type Line, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { LicensingView } from '../licensing/licensing.js';
import { resolveSku } from '../licensing/resolve-sku.js';
import { resolveGroup } from '../resolve-group.js';
import type { Turn } from '../turn.js';
import { nameBook } from '../views/name-book.js';
import { andList } from '../words/names.js';
import { defineCommand } from './command-spec.js';

/** `reprocess [license or group]`: tries members without a license again — admins for a license, owners for their group. */
export const reprocessCommand = defineCommand({
  name: 'reprocess',
  usage: 'reprocess [license or group]',
  description: 'Try again to license members who are waiting or in error',
  audience: 'owners',
  parse: (text) => {
    const match = /^reprocess(?:\s+licen[cs]es?)?(?:\s+(?:for\s+|of\s+)?(.+))?$/is.exec(text);
    return match ? { target: match[1]?.trim() ?? '' } : undefined;
  },
  run: async (gate, turn, { target }) => {
    const before = await gate.licensing.view();
    const scope = await scopeOf(gate, turn, before, target);
    if ('reply' in scope) return scope.reply;
    const tried = scope.userIds(before);
    await gate.licensing.reprocess(tried);
    await auditTurn(gate, turn, { action: 'licensing.reprocessed', ...scope.audited, details: { scope: scope.label, tried: tried.length } });
    const after = await gate.licensing.view();
    const names = nameBook(after.snapshot);
    const stillWaiting = new Set(scope.userIds(after));
    const licensed = tried.filter((id) => !stillWaiting.has(id)).map(names.user);
    const lines: Line[] = [
      ['Reprocessed ', bold(scope.label), '.'],
      [tried.length === 0 ? 'Nobody was waiting.' : licensed.length > 0 ? `${andList(licensed)} got ${licensed.length === 1 ? 'a license' : 'licenses'}.` : 'Nobody could be licensed yet.'],
      ...(stillWaiting.size > 0 ? [[`${stillWaiting.size} still without a license — type `, bold(`licenses ${target || ''}`.trim()), ' to see why.']] : []),
    ];
    return [message(lines, { tone: stillWaiting.size === 0 ? 'good' : 'default' })];
  },
});

/** What to reprocess, and who in it is without a license; or the refusal. */
type Scope = { readonly label: string; readonly userIds: (view: LicensingView) => UserId[]; readonly audited?: { readonly groupId: string } } | { readonly reply: Reply };

async function scopeOf(gate: GroupGate, turn: Turn, view: LicensingView, target: string): Promise<Scope> {
  const refuse = (line: Line): Scope => ({ reply: [message([line], { tone: 'attention' })] });
  const found = target ? resolveSku(view.snapshot.skus, target, (name) => `reprocess ${name}`) : undefined;
  if (found && 'reply' in found) return found;
  if (!target || found) {
    if (!isAdmin(turn.actor)) return refuse(['Only admins can reprocess a whole license; owners can reprocess their group: ', bold('reprocess <group>'), '.']);
    const skuId = found?.sku.skuId;
    const pick = (pools: readonly LicensePool[]) => pools.filter((p) => skuId === undefined || p.sku.skuId === skuId);
    return { label: found ? skuLabel(found.sku) : 'every license', userIds: (v) => [...new Set(pick(v.summary.pools).flatMap((p) => p.waiting))] };
  }
  const group = await resolveGroup(gate.directory, target, (name) => `reprocess ${name}`);
  if ('reply' in group) return group;
  const owners = await gate.directory.listOwners(group.group.id);
  if (!isAdmin(turn.actor) && !owners.includes(turn.actor.id)) return refuse(['Only the owners of ', bold(group.group.displayName), ' and admins can reprocess it.']);
  return { label: group.group.displayName, audited: { groupId: group.group.id }, userIds: (v) => Object.keys(v.state.groups[group.group.id]?.failing ?? {}).map(userId) };
}
