import type { LicensingGroup } from '../../domain/licensing/licensing-snapshot.js';
import type { GroupLicensing } from '../../domain/licensing/summarize-licensing.js';
import { userId } from '../../domain/model/ids.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import type { Line, ListRow, ListView } from '../../cards/card-view.js';
import type { LicensingView } from '../licensing/licensing.js';
import { memberStateWords, skuName } from '../words/license-words.js';
import { nameBook } from './name-book.js';

const shown = 20;

/** `licenses <group>`: what the group assigns (and which plans it turns off), and each member's state, problems first. */
export function groupLicensesView(group: LicensingGroup, status: GroupLicensing | undefined, view: LicensingView, now: Date): ListView {
  const names = nameBook(view.snapshot);
  const record = view.state.groups[group.id];
  const assigns: Line[] = group.assignedLicenses.map((license) => {
    const sku = names.sku(license.skuId);
    const off = sku?.servicePlans.filter((p) => license.disabledPlans.includes(p.servicePlanId)).map((p) => p.servicePlanName) ?? [];
    return [`Assigns ${sku ? skuLabel(sku) : skuName(sku)}${off.length > 0 ? `, with ${off.join(', ')} turned off` : ''}.`];
  });
  const failing = Object.keys(record?.failing ?? {}).length;
  const counts: Line = [`${group.members.length} members · ${status?.licensed ?? 0} licensed${failing > 0 ? ` · ${failing} without a license` : ''}.`];
  const guests: Line[] = status && status.guests.length > 0 ? [[`⚠ Guest accounts licensed by this group: ${status.guests.map((id) => names.user(id)).join(', ')} — guests usually get licenses from their home tenant.`]] : [];
  const members = [...group.members, ...Object.keys(record?.stuck ?? {}).map(userId)];
  const rows = members
    .map((id): ListRow & { rank: number } => {
      const words = memberStateWords(record, id, names.sku, now) ?? 'not processed yet';
      return { title: [names.user(id)], detail: [words], rank: words.startsWith('✅') ? 1 : 0 };
    })
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...row }) => row);
  return {
    kind: 'list',
    title: `${group.displayName} · licenses`,
    intro: [...assigns, counts, ...guests],
    rows: rows.slice(0, shown),
    ...(rows.length > shown ? { more: `and ${(rows.length - shown).toLocaleString('en-US')} more` } : {}),
  };
}
