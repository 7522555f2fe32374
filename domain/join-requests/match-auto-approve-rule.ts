import { evaluateRule, parseMembershipRule, ruleReads, type MembershipRule } from '../membership-rules/index.js';
import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { Directory } from '../ports/directory.js';
import { mayAutoApprove, type GroupSettings } from './join-policy.js';

// Parsed rules by text: a busy group's rule is parsed once, not at every join. Few groups set one.
const parsed = new Map<string, MembershipRule | null>();
const parsedLimit = 256;

/** A stored auto-approve rule as the engine reads it; null when it does not parse (or is a device rule), which matches nobody. */
export function autoApproveRuleOf(text: string): MembershipRule | null {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const { rule } = parseMembershipRule(text);
  const usable = rule && rule.objectType === 'user' ? rule : null;
  if (parsed.size >= parsedLimit) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, usable);
  return usable;
}

/**
 * The group's auto-approve rule when it matches this requester, else undefined. It costs what one
 * person costs: the requester's own attributes against the rule (their groups read only when the
 * rule reads memberOf), never a scan. A value the rule needs and the requester lacks leaves the
 * result undetermined, which is no match: the request goes to the approvers, as Entra would not add them.
 */
export async function matchAutoApproveRule(directory: Directory, group: DirectoryGroup, settings: GroupSettings, requester: DirectoryUser, now: Date): Promise<string | undefined> {
  const text = settings.autoApproveRule;
  if (!text || settings.joinPolicy !== 'approval' || !mayAutoApprove(group)) return undefined;
  const rule = autoApproveRuleOf(text);
  if (!rule) return undefined;
  const readsMemberOf = ruleReads(rule).fields.some((read) => read.graphField.toLowerCase() === 'memberof');
  const subject = readsMemberOf ? { ...requester, memberOf: (await directory.groupsOf(requester.id)).map((id) => ({ id })) } : requester;
  return evaluateRule(rule, subject, now) === true ? text : undefined;
}
