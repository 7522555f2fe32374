import { closestSpelling } from './closest-spelling.js';
import type { ItemField, RuleObjectType, RuleTarget } from './membership-rule.js';
import { findRuleProperty, looksLikeCustomExtension, rulePropertyNames } from './rule-properties.js';
import type { ItemScope, TokenCursor } from './token-cursor.js';
import type { Token } from './tokenize-membership-rule.js';

// Inside an -any/-all body the item is named after the collection it comes from (spec §6).
const itemReferences: Readonly<Record<string, readonly string[]>> = {
  stringCollection: ['_'],
  planCollection: ['assignedPlan.capabilityStatus', 'assignedPlan.service', 'assignedPlan.servicePlanId'],
  memberOf: ['group.objectId'],
};

/** Resolves the word before an operator to a property or an item reference, logging what is wrong with it. */
export function resolveRuleTarget(cursor: TokenCursor, token: Token, scope: ItemScope | null): RuleTarget | undefined {
  const word = token.text;
  const lower = word.toLowerCase();
  const isItemReference = lower === '_' || lower.startsWith('assignedplan.') || lower.startsWith('group.');
  if (scope) {
    const allowed = itemReferences[scope.collection.type] ?? ['_'];
    const reference = allowed.find((candidate) => candidate.toLowerCase() === lower);
    if (reference) return { kind: 'item', field: itemField(reference) };
    const inside = `${scope.collection.object}.${scope.collection.name}`;
    cursor.log.error('wrongItemReference', `inside ${inside} -any/-all, refer to the item as ${allowed.join(', ')}`, token);
    return undefined;
  }
  if (isItemReference) {
    cursor.log.error('itemReferenceOutsideQuantifier', `${word} only means something inside -any/-all, e.g. user.otherMails -any (_ -eq "x")`, token);
    return undefined;
  }
  const dot = word.indexOf('.');
  const prefix = lower.slice(0, dot);
  if (dot > 0 && (prefix === 'user' || prefix === 'device')) return resolveProperty(cursor, token, prefix, word.slice(dot + 1));
  reportUnknownName(cursor, token, dot > 0 ? word.slice(dot + 1) : word);
  return undefined;
}

function resolveProperty(cursor: TokenCursor, token: Token, object: RuleObjectType, name: string): RuleTarget | undefined {
  const { log } = cursor;
  const property = findRuleProperty(object, name);
  if (!property) {
    log.error('unknownProperty', unknownPropertyMessage(token.text, object, name), token);
    return undefined;
  }
  if (cursor.objectType && cursor.objectType !== object) {
    log.error('mixedObjectTypes', `a rule selects users or devices, not both: ${token.text} can't appear in a ${cursor.objectType} rule`, token);
    return undefined;
  }
  cursor.objectType = object;
  const canonical = `${object}.${property.name}`;
  if (token.text !== canonical && !property.name.startsWith('extension_')) {
    log.warn('propertySpelling', `write ${canonical}: Microsoft documents property names as case-sensitive, though its own examples vary`, token);
  }
  if (property.availability === 'unreadable') {
    log.warn('unreadableProperty', `${canonical} can't be read through Microsoft Graph v1.0; this condition is reported as undetermined`, token);
  } else if (property.availability === 'retired') {
    log.warn('retiredProperty', `${canonical} is no longer supported: no ${object} ever matches it`, token);
  }
  return { kind: 'property', property };
}

function unknownPropertyMessage(written: string, object: RuleObjectType, name: string): string {
  if (/^extensionAttribute\d+$/i.test(name)) {
    return `unknown property ${written} — extension attributes run from extensionAttribute1 to extensionAttribute15`;
  }
  if (looksLikeCustomExtension(name)) {
    return `unknown property ${written} — custom extension properties are written extension_<app id without hyphens>_<name>`;
  }
  const other: RuleObjectType = object === 'user' ? 'device' : 'user';
  const elsewhere = findRuleProperty(other, name);
  if (elsewhere) return `unknown property ${written} — ${elsewhere.name} is a ${other} property, and a ${object} rule can't read it`;
  const close = closestSpelling(name, rulePropertyNames(object));
  return close ? `unknown property ${written} — did you mean ${object}.${close}?` : `unknown property ${written}`;
}

function reportUnknownName(cursor: TokenCursor, token: Token, name: string): void {
  const owner = (['user', 'device'] as const).find((object) => findRuleProperty(object, name));
  if (owner && !token.text.includes('.')) {
    cursor.log.error('missingObjectPrefix', `${token.text} needs its object: write ${owner}.${findRuleProperty(owner, name)!.name}`, token);
    return;
  }
  const everything = (['user', 'device'] as const).flatMap((object) => rulePropertyNames(object).map((n) => `${object}.${n}`));
  const close = closestSpelling(token.text, everything) ?? (owner && `${owner}.${findRuleProperty(owner, name)!.name}`);
  const hint = close ? ` — did you mean ${close}?` : ' — a property is written user.<name> or device.<name>';
  cursor.log.error('unknownProperty', `unknown property ${token.text}${hint}`, token);
}

function itemField(reference: string): ItemField {
  return reference === '_' ? '_' : (reference.slice(reference.indexOf('.') + 1) as ItemField);
}
