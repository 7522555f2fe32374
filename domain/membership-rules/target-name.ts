import type { RuleTarget } from './membership-rule.js';

/** How a comparison's target is written in canonical rule text: `user.department`, `_`, `assignedPlan.service`. */
export function targetName(target: RuleTarget): string {
  if (target.kind === 'property') return `${target.property.object}.${target.property.name}`;
  if (target.field === '_') return '_';
  return target.field === 'objectId' ? 'group.objectId' : `assignedPlan.${target.field}`;
}
