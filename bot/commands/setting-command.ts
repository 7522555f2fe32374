import { readSelfServiceSettings, updateSelfServiceSettings, type SelfServiceSettings } from '../../domain/group-management/self-service-settings.js';
import type { GroupCreationPolicy } from '../../domain/model/group-creation-policy.js';
import { isGroupAdmin } from '../../domain/model/directory-user.js';
import { bold, code, message, type CardView, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import { defineCommand } from './command-spec.js';

/** What an admin can set, and how what they typed changes the settings. */
type Change = { readonly label: string; readonly apply: (current: SelfServiceSettings) => SelfServiceSettings };

const maxAffixLength = 50;
const maxBlockedWords = 5000; // Entra's limit on its custom blocked words list

/** Reads "<name> <value>" as a change of the settings, or says what was wrong. */
function readChange(name: string, value: string): Change | string {
  const off = /^(off|none|clear)$/i.test(value);
  switch (name.toLowerCase().replace(/[\s_]+/g, '-')) {
    case 'self-service-groups':
    case 'self-service':
    case 'group-creation': {
      if (!/^(on|off)$/i.test(value)) return 'Use on or off.';
      const on = /^on$/i.test(value);
      return { label: `Self-service group creation is ${on ? 'on' : 'off'}`, apply: (s) => ({ ...s, selfServiceGroups: on }) };
    }
    case 'prefix':
    case 'suffix': {
      const affix = off ? '' : value.replace(/^["'`]|["'`]$/g, '');
      if (affix.length > maxAffixLength) return `Keep it under ${maxAffixLength} characters.`;
      const which = name.toLowerCase() as 'prefix' | 'suffix';
      return { label: affix ? `New groups' names get the ${which} "${affix}"` : `New groups' names get no ${which}`, apply: (s) => ({ ...s, naming: { ...s.naming, [which]: affix } }) };
    }
    case 'blocked-words': {
      const words = off ? [] : [...new Set(value.split(',').map((w) => w.trim()).filter(Boolean))];
      if (words.length > maxBlockedWords) return `At most ${maxBlockedWords.toLocaleString('en-US')} words.`;
      return { label: words.length ? `Group names may not contain ${words.length} blocked word${words.length === 1 ? '' : 's'}` : 'No words are blocked in group names', apply: (s) => ({ ...s, naming: { ...s.naming, blockedWords: words } }) };
    }
    default:
      return `I don't have a setting called "${name}".`;
  }
}

/** `settings` shows, and `setting <name> <value>` (admins) changes, the tenant's self-service group settings. */
export const settingCommand = defineCommand({
  name: 'setting',
  usage: 'setting <name> <value>',
  description: 'Tenant settings for self-service groups (admins): self-service-groups on|off, prefix, suffix, blocked words',
  audience: 'admins',
  parse: (text) => {
    if (/^settings?$/i.test(text)) return { name: '', value: '' };
    const match = /^settings?\s+(blocked\s+words|self[\s-]service(?:[\s-]groups)?|group[\s-]creation|prefix|suffix)(?:\s+(?:to\s+)?(.*))?$/is.exec(text);
    return match ? { name: match[1]!, value: match[2]?.trim() ?? '' } : undefined;
  },
  run: async (gate, turn, { name, value }) => {
    if (!name || !value) return [await settingsCard(gate)];
    if (!isGroupAdmin(turn.actor)) return [message([['Only a Global or Groups Administrator can change these settings.']], { tone: 'attention' })];
    const change = readChange(name, value);
    if (typeof change === 'string') return [message([[change, ' Type ', code('settings'), ' to see them all.']])];
    await updateSelfServiceSettings(gate.store, change.apply);
    await auditTurn(gate, turn, { action: 'tenantSettings.changed', details: { setting: name.toLowerCase().replace(/[\s_]+/g, '-'), change: change.label } });
    return [message([[`${change.label}.`]], { tone: 'good' }), await settingsCard(gate)];
  },
});

async function settingsCard(gate: GroupGate): Promise<CardView> {
  const [settings, entra] = await Promise.all([readSelfServiceSettings(gate.store), gate.directory.groupCreationPolicy?.() ?? ({} as GroupCreationPolicy)]);
  const { prefix, suffix, blockedWords } = settings.naming;
  const lines: Line[] = [
    ['Self-service group creation: ', bold(settings.selfServiceGroups ? 'on' : 'off'), ' (admins can always create groups).'],
    ['Naming: ', prefix || suffix ? code(`${prefix}[GroupName]${suffix}`) : bold('no prefix or suffix'), blockedWords.length ? ` · blocked words: ${blockedWords.join(', ')}` : ' · no blocked words'],
    ...entraLines(entra),
    ['Change one: ', code('setting self-service-groups off'), ', ', code('setting prefix GRP-'), ', ', code('setting blocked words CEO, Payroll'), '.'],
  ];
  return message(lines, { title: 'Self-service group settings' });
}

/** What Entra itself says, where GroupGate could read it (Graph directory). */
function entraLines(entra: GroupCreationPolicy): Line[] {
  const lines: Line[] = [];
  if (entra.security) lines.push([`Entra: users ${entra.security.creationAllowed ? 'may' : 'may not'} create security groups.`]);
  if (entra.microsoft365) {
    const { creationAllowed, allowedGroupId, prefixSuffix, blockedWords } = entra.microsoft365;
    lines.push([`Entra: users ${creationAllowed ? 'may' : allowedGroupId ? 'in one group may' : 'may not'} create Microsoft 365 groups.`]);
    if (prefixSuffix || blockedWords.length) lines.push(['Entra naming policy for Microsoft 365 groups (used instead of the prefix and suffix above): ', code(prefixSuffix ?? '[GroupName]'), blockedWords.length ? ` · ${blockedWords.length} blocked words` : '']);
  }
  return lines;
}
