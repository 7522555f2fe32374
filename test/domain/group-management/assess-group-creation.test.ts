import { describe, expect, it } from 'vitest';
import { assessGroupCreation, type CreationAsk } from '../../../domain/group-management/assess-group-creation.js';
import { defaultSelfServiceSettings } from '../../../domain/group-management/self-service-settings.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, userId } from '../../../domain/model/ids.js';
import { securityGroup } from '../../support/domain-fixtures.js';

const rowan: DirectoryUser = { id: userId('u-rowan'), displayName: 'Rowan Pike', userPrincipalName: 'rowan@contoso.example', department: 'Research' };
const creators = groupId('g-creators');
const ask = (overrides: Partial<CreationAsk> = {}): CreationAsk => ({
  creator: rowan, creatorGroupIds: [], typedName: 'Hiking Club', kind: 'security',
  settings: defaultSelfServiceSettings, directoryPolicy: {}, existingGroups: [securityGroup({ displayName: 'Atlas Project', mailNickname: 'atlas-project' })],
  ...overrides,
});
const refusal = (situation: CreationAsk) => {
  const outcome = assessGroupCreation(situation);
  return outcome.ok ? undefined : outcome.error;
};

describe('assessGroupCreation', () => {
  it('lets anyone create a group under the defaults, with a mail nickname and the creator as owner', () => {
    expect(assessGroupCreation(ask({ description: '  Weekend walks ' }))).toEqual({
      ok: true, value: { displayName: 'Hiking Club', mailNickname: 'hiking-club', kind: 'security', creatorId: rowan.id, description: 'Weekend walks' },
    });
  });

  it("refuses when GroupGate's self-service switch is off, except for admins", () => {
    const off = { ...defaultSelfServiceSettings, selfServiceGroups: false };
    expect(refusal(ask({ settings: off }))).toEqual({ reason: 'selfServiceOff' });
    expect(assessGroupCreation(ask({ settings: off, creator: { ...rowan, roles: ['Groups Administrator'] } })).ok).toBe(true);
  });

  it("honours Entra's EnableGroupCreation for Microsoft 365 groups, letting members of GroupCreationAllowedGroupId through", () => {
    const entra = { microsoft365: { creationAllowed: false, allowedGroupId: creators, blockedWords: [] } };
    expect(refusal(ask({ kind: 'microsoft365', directoryPolicy: entra }))).toEqual({ reason: 'directoryForbids', kind: 'microsoft365', allowedGroupId: creators });
    expect(assessGroupCreation(ask({ kind: 'microsoft365', directoryPolicy: entra, creatorGroupIds: [creators] })).ok).toBe(true);
    expect(assessGroupCreation(ask({ kind: 'security', directoryPolicy: entra })).ok).toBe(true);
  });

  it("honours Entra's allowedToCreateSecurityGroups for security groups", () => {
    expect(refusal(ask({ directoryPolicy: { security: { creationAllowed: false } } }))).toEqual({ reason: 'directoryForbids', kind: 'security' });
  });

  it('applies the naming policy: the prefix is added, a blocked word refuses', () => {
    const naming = { prefix: 'GRP-', suffix: '', blockedWords: ['Payroll'] };
    const outcome = assessGroupCreation(ask({ settings: { ...defaultSelfServiceSettings, naming } }));
    expect(outcome.ok && outcome.value).toMatchObject({ displayName: 'GRP-Hiking Club', mailNickname: 'grp-hiking-club' });
    expect(refusal(ask({ typedName: 'Payroll friends', settings: { ...defaultSelfServiceSettings, naming } }))).toEqual({ reason: 'blockedWord', word: 'Payroll' });
  });

  it("uses Entra's prefix and suffix for Microsoft 365 groups, and both lists of blocked words", () => {
    const settings = { ...defaultSelfServiceSettings, naming: { prefix: 'GRP-', suffix: '', blockedWords: ['Payroll'] } };
    const directoryPolicy = { microsoft365: { creationAllowed: true, prefixSuffix: 'M365_[GroupName]_[Department]', blockedWords: ['CEO'] } };
    const outcome = assessGroupCreation(ask({ kind: 'microsoft365', settings, directoryPolicy }));
    expect(outcome.ok && outcome.value.displayName).toBe('M365_Hiking Club_Research');
    expect(refusal(ask({ kind: 'microsoft365', typedName: 'CEO fans', settings, directoryPolicy }))).toMatchObject({ reason: 'blockedWord' });
    expect(refusal(ask({ kind: 'microsoft365', typedName: 'payroll fans', settings, directoryPolicy }))).toMatchObject({ reason: 'blockedWord' });
  });

  it('exempts Global and User Administrators from the naming policy, as Entra does', () => {
    const naming = { prefix: 'GRP-', suffix: '', blockedWords: ['Payroll'] };
    const outcome = assessGroupCreation(ask({ typedName: 'Payroll', creator: { ...rowan, roles: ['User Administrator'] }, settings: { ...defaultSelfServiceSettings, naming } }));
    expect(outcome.ok && outcome.value.displayName).toBe('Payroll');
  });

  it("refuses another group's name in any case and spacing, after the policy", () => {
    expect(refusal(ask({ typedName: 'atlas   PROJECT' }))).toEqual({ reason: 'duplicateName', name: 'Atlas Project' });
    const naming = { prefix: 'GRP-', suffix: '', blockedWords: [] };
    const existingGroups = [securityGroup({ displayName: 'GRP-Hiking Club' })];
    expect(refusal(ask({ settings: { ...defaultSelfServiceSettings, naming }, existingGroups }))).toEqual({ reason: 'duplicateName', name: 'GRP-Hiking Club' });
  });

  it('refuses an overlong description', () => {
    expect(refusal(ask({ description: 'x'.repeat(1025) }))).toEqual({ reason: 'descriptionTooLong', limit: 1024 });
  });
});
