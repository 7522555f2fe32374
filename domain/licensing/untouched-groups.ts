import type { SkuId } from '../model/ids.js';
import { assignsThroughGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { LicensingState } from './licensing-state.js';
import { plansWithRules, type ServicePlanRules } from './service-plan-rules.js';
import { enabledPlanNames } from './enabled-plan-names.js';

/** What changed since the run that made the previous state. */
export interface LicensingTouchedIds {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  /** SKUs whose seats or plans moved, or that a touched user holds or held directly. */
  readonly skus: ReadonlySet<string>;
}

/**
 * The licensing groups whose previous record a run can keep as it is, because nothing it depends
 * on changed: a pool is the SKUs linked by groups that assign them together, and by people in two
 * groups whose plans a service-plan rule names (a conflict or a prerequisite looks across groups).
 * A pool is touched when a touched group, a touched user's group (now or in the previous state) or a
 * touched SKU is in it; every group of an untouched pool is kept. Seats never cross pools, so
 * its records are what a full run would find again.
 */
export function untouchedGroups(previous: LicensingState, snapshot: LicensingSnapshot, touched: LicensingTouchedIds, rules: ServicePlanRules): Set<string> {
  const groups = snapshot.groups.filter(assignsThroughGroup);
  const skus = new Map(snapshot.skus.map((s) => [s.skuId as string, s]));
  const pools = new SkuPools();
  const skusOf = new Map<string, string[]>();
  for (const [id, record] of Object.entries(previous.groups)) skusOf.set(id, record.licenses.map((l) => l.skuId));
  for (const group of groups) skusOf.set(group.id, [...new Set([...(skusOf.get(group.id) ?? []), ...group.assignedLicenses.map((l) => l.skuId)])]);
  for (const ids of skusOf.values()) pools.link(ids);
  // People in two groups with ruled plans tie those groups' pools together.
  const ruled = groups.filter((g) => g.assignedLicenses.some((l) => plansWithRules(rules, enabledPlanNames(skus.get(l.skuId), l.disabledPlans)).length > 0));
  const ruledOf = new Map<string, string>();
  for (const group of ruled) {
    const record = previous.groups[group.id];
    for (const id of [...group.members, ...Object.keys(record?.active ?? {}), ...Object.keys(record?.stuck ?? {})]) {
      const other = ruledOf.get(id);
      if (other === undefined) ruledOf.set(id, group.id);
      else if (other !== group.id) pools.link([...skusOf.get(other)!, ...skusOf.get(group.id)!]);
    }
  }
  const hit = new Set<string>([...touched.skus].map((s) => pools.root(s)));
  const touchedGroup = (id: string) => touched.groups.has(id) || !groups.some((g) => g.id === id);
  for (const [id, ids] of skusOf) if (touchedGroup(id)) for (const s of ids) hit.add(pools.root(s));
  if (touched.users.size > 0) {
    for (const group of groups) {
      const record = previous.groups[group.id];
      const members = new Set<string>(group.members);
      const concerns = (user: string) => members.has(user) || (record !== undefined && (user in record.active || user in record.failing || user in record.stuck));
      if ([...touched.users].some(concerns)) for (const s of skusOf.get(group.id)!) hit.add(pools.root(s));
    }
  }
  const kept = new Set<string>();
  for (const group of groups) {
    const before = previous.groups[group.id];
    if (!before || JSON.stringify(before.licenses) !== JSON.stringify(group.assignedLicenses)) continue;
    if (skusOf.get(group.id)!.every((s) => !hit.has(pools.root(s)))) kept.add(group.id);
  }
  return kept;
}

/** SKUs joined into pools (union-find). */
class SkuPools {
  private readonly parent = new Map<string, string>();

  root(sku: SkuId | string): string {
    let at: string = sku;
    for (let up = this.parent.get(at); up !== undefined && up !== at; up = this.parent.get(at)) at = up;
    return at;
  }

  link(skus: readonly string[]): void {
    const [first, ...rest] = skus.map((s) => this.root(s));
    if (first === undefined) return;
    for (const r of rest) if (r !== first) this.parent.set(r, first);
  }
}
