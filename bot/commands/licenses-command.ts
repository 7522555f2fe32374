import { assignsLicenses } from '../../domain/model/directory-group.js';
import { isAdmin } from '../../domain/model/directory-user.js';
import type { LicensingGroup } from '../../domain/licensing/licensing-snapshot.js';
import { bold, code, message, type MessageView, type Reply, type Span } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { LicensingView } from '../licensing/licensing.js';
import { resolveSku } from '../licensing/resolve-sku.js';
import { resolveGroup } from '../resolve-group.js';
import type { Turn } from '../turn.js';
import { groupLicensesView } from '../views/group-licenses-view.js';
import { skuLicensesView } from '../views/sku-licenses-view.js';
import { skuListView } from '../views/sku-list-view.js';
import { nameBook } from '../views/name-book.js';
import { memberStateWords, skuName } from '../words/license-words.js';
import { defineCommand } from './command-spec.js';

/** `licenses [group or SKU]`: seats per SKU; what a group assigns and its members' states; a SKU's holders and waiters. */
export const licensesCommand = defineCommand({
  name: 'licenses',
  usage: 'licenses [group or SKU]',
  description: 'Seats per license, or a licensing group’s members and who is waiting',
  audience: 'owners',
  parse: (text) => {
    const match = /^(?:show\s+)?licen[cs]es?(?:\s+(?:for\s+|of\s+)?(.+))?$/is.exec(text);
    return match ? { target: match[1]?.trim() ?? '' } : undefined;
  },
  run: async (gate, turn, { target }) => (target ? licensesOf(gate, turn, target) : allLicenses(gate, turn)),
});

async function allLicenses(gate: GroupGate, turn: Turn): Promise<Reply> {
  const view = await gate.licensing.view();
  if (isAdmin(turn.actor)) return [skuListView(view.summary.pools)];
  const owned = new Set<string>(await gate.directory.groupsOwnedBy(turn.actor.id));
  const mine = view.snapshot.groups.filter((g) => owned.has(g.id));
  if (mine.length === 0) return [refusal()];
  const skuIds = new Set(mine.flatMap((g) => g.assignedLicenses.map((l) => l.skuId)));
  return [
    skuListView(
      view.summary.pools.filter((p) => skuIds.has(p.sku.skuId)),
      [['The licenses your groups assign: ', ...mine.flatMap((g, i) => [...(i ? [', '] : []), bold(g.displayName)]), '. Type ', code(`licenses ${mine[0]!.displayName}`), ' to see its members.']],
    ),
  ];
}

async function licensesOf(gate: GroupGate, turn: Turn, target: string): Promise<Reply> {
  const view = await gate.licensing.view();
  const sku = resolveSku(view.snapshot.skus, target, (name) => `licenses ${name}`);
  if (sku && 'reply' in sku) return sku.reply;
  if (sku) {
    if (!isAdmin(turn.actor)) return [refusal('Seat details for a whole license are for admins. Owners can see their own groups: ', code('licenses <group>'), '.')];
    const pool = view.summary.pools.find((p) => p.sku.skuId === sku.sku.skuId)!;
    return [skuLicensesView(pool, view, gate.clock.now())];
  }
  const found = await resolveGroup(gate.directory, target, (name) => `licenses ${name}`);
  if ('reply' in found) return found.reply;
  const owners = await gate.directory.listOwners(found.group.id);
  const group = view.snapshot.groups.find((g) => g.id === found.group.id);
  if (!isAdmin(turn.actor) && !owners.includes(turn.actor.id)) {
    // A member may see where they stand themselves (waiting for a seat, say); the rest is for its owners and admins.
    if (group?.members.includes(turn.actor.id)) return [ownState(gate, view, group, turn)];
    return [refusal('Only the owners of ', bold(found.group.displayName), ' and admins can see its licenses.')];
  }
  if (!group || !assignsLicenses(found.group)) return [message([[bold(found.group.displayName), " doesn't assign any licenses."]])];
  return [groupLicensesView(group, view.summary.groups.find((g) => g.groupId === group.id), view, gate.clock.now())];
}

/** A member's own line: what the group assigns, and where they stand with it. */
function ownState(gate: GroupGate, view: LicensingView, group: LicensingGroup, turn: Turn): MessageView {
  const names = nameBook(view.snapshot);
  const skus = group.assignedLicenses.map((l) => skuName(names.sku(l.skuId))).join(', ');
  const words = memberStateWords(view.state.groups[group.id], turn.actor.id, names.sku, gate.clock.now()) ?? 'not processed yet';
  return message([
    ['You get ', bold(skus), ' through ', bold(group.displayName), `: ${words}.`],
    ["Its members' licenses are for its owners and admins to see."],
  ]);
}

const refusal = (...line: Span[]) =>
  message([line.length > 0 ? line : ['License details are for admins and the owners of groups that assign licenses.']], { tone: 'attention' });
