import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryWriteRefused } from '../../../../adapters/directory/graph/directory-write-refused.js';
import { groupUnifiedTemplateId } from '../../../../adapters/directory/graph/read-group-creation-policy.js';
import { handleCardAction } from '../../../../bot/handle-card-action.js';
import { handleMessage } from '../../../../bot/handle-message.js';
import type { RunningGroupGate } from '../../../../bot/start-groupgate.js';
import type { Turn } from '../../../../bot/turn.js';
import { groupId, userId } from '../../../../domain/model/ids.js';
import { replyText } from '../../../support/reply-text.js';
import { startTestGroupGate } from '../../../support/start-test-groupgate.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';
import { GraphStandIn } from './graph-stand-in.js';
import { StandInTenant } from './stand-in-tenant.js';

let rig: GraphRig | undefined;
let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
  await rig?.close();
  rig = stand = running = undefined;
});

const synced = async () => {
  rig = await openRig();
  await rig.directory.sync();
  return rig;
};

/** The tenant's Group.Unified directory setting, as `GET /groupSettings` lists it. */
const groupUnified = (values: Record<string, string>) => ({
  id: 'f0b2d6f5-097d-4177-91af-a24e530b53cc', displayName: 'Group.Unified', templateId: groupUnifiedTemplateId,
  values: Object.entries(values).map(([name, value]) => ({ name, value })),
});

describe('creating a group through Graph', () => {
  it('posts the group with its creator bound as owner and member, and has it in the copy at once', async () => {
    const { directory, stand: graph } = await synced();
    const group = await directory.createGroup({ displayName: 'Book Club', mailNickname: 'book-club', description: 'One book a month', kind: 'microsoft365', creatorId: userOf('Rowan Pike') });

    const [post] = graph.seen('/groups', 'POST');
    const rowan = `${graph.url}/v1.0/users/${userOf('Rowan Pike')}`;
    expect(post!.body).toEqual({
      displayName: 'Book Club', mailNickname: 'book-club', description: 'One book a month',
      groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private',
      'owners@odata.bind': [rowan], 'members@odata.bind': [rowan],
    });
    expect(graph.tenant.groups.get(group.id)).toMatchObject({ owners: [userOf('Rowan Pike')], members: [userOf('Rowan Pike')] });
    expect(await directory.getGroup(group.id)).toMatchObject({ displayName: 'Book Club', groupTypes: ['Unified'], mailEnabled: true });
    expect(await directory.listMembers(group.id)).toEqual([userOf('Rowan Pike')]);
    expect(graph.requests.filter((r) => r.path.startsWith(`/v1.0/groups/${group.id}/owners`))).toHaveLength(0);
    expect(await directory.listOwners(group.id)).toEqual([userOf('Rowan Pike')]);
  });

  it('creates a security group as Graph wants one, and a later sync round reports no change made outside GroupGate', async () => {
    const { directory, stand: graph } = await synced();
    const group = await directory.createGroup({ displayName: 'Hiking Club', mailNickname: 'hiking-club', kind: 'security', creatorId: userOf('Rowan Pike') });
    expect(graph.seen('/groups', 'POST')[0]!.body).toMatchObject({ groupTypes: [], mailEnabled: false, securityEnabled: true });

    const changes = await directory.sync();
    expect(changes.memberships.filter((m) => m.groupId === group.id)).toEqual([]);
  });

  it('refuses before sending what Graph would refuse', async () => {
    const { directory, stand: graph } = await synced();
    const before = graph.requests.length;
    const draft = { displayName: 'Hiking Club', mailNickname: 'hiking-club', kind: 'security' as const, creatorId: userOf('Rowan Pike') };

    await expect(directory.createGroup({ ...draft, mailNickname: 'hiking club' })).rejects.toMatchObject({ name: 'DirectoryWriteRefused', reason: 'invalidNewGroup' });
    await expect(directory.createGroup({ ...draft, displayName: 'x'.repeat(257) })).rejects.toBeInstanceOf(DirectoryWriteRefused);
    await expect(directory.createGroup({ ...draft, creatorId: userId('U0ROWAN') })).rejects.toThrow(/is not an Entra object id/);
    expect(graph.requests.length).toBe(before);
  });
});

describe('changing owners through Graph', () => {
  it('posts and deletes owner $refs, with "already there" and "not there" counted as unchanged', async () => {
    const { directory, stand: graph } = await synced();
    const atlas = groupOf('Atlas Project');

    expect(await directory.addOwner(atlas, userOf('Rowan Pike'))).toBe('changed');
    expect(graph.seen(`/groups/${atlas}/owners/$ref`, 'POST')[0]!.body).toEqual({ '@odata.id': `${graph.url}/v1.0/directoryObjects/${userOf('Rowan Pike')}` });
    expect(graph.tenant.groups.get(atlas)!.owners).toContain(userOf('Rowan Pike'));
    expect(await directory.addOwner(atlas, userOf('Rowan Pike'))).toBe('unchanged');

    expect(await directory.removeOwner(atlas, userOf('Tomas Berg'))).toBe('changed');
    expect(graph.seen(`/groups/${atlas}/owners/${userOf('Tomas Berg')}/$ref`, 'DELETE')).toHaveLength(1);
    expect(await directory.removeOwner(atlas, userOf('Tomas Berg'))).toBe('unchanged');
    expect(await directory.listOwners(atlas)).toEqual([userOf('Ines Duarte'), userOf('Rowan Pike')]);
  });

  it("changes a dynamic group's owners, and refuses synced and Exchange-managed groups before sending anything", async () => {
    const { directory, stand: graph } = await synced();
    expect(await directory.addOwner(groupOf('Sales US'), userOf('Kai Moreno'))).toBe('changed');
    const before = graph.requests.length;

    await expect(directory.addOwner(groupOf('Finance Vault'), userOf('Ada Ito'))).rejects.toMatchObject({ reason: 'syncedFromOnPremises' });
    await expect(directory.removeOwner(groupOf('Payroll Approvers'), userOf('Priya Raman'))).rejects.toMatchObject({ reason: 'managedInExchange', message: /owners are managed in Exchange/ });
    expect(graph.requests.length).toBe(before);
  });
});

describe("reading Entra's own rules for creating groups", () => {
  it('uses Entra\'s defaults when the tenant has no Group.Unified setting', async () => {
    const { directory } = await synced();
    expect(await directory.groupCreationPolicy()).toEqual({ microsoft365: { creationAllowed: true, blockedWords: [] }, security: { creationAllowed: true } });
  });

  it('reads EnableGroupCreation, GroupCreationAllowedGroupId, the naming policy and allowedToCreateSecurityGroups', async () => {
    const tenant = StandInTenant.sample();
    tenant.groupSettings = [groupUnified({
      EnableGroupCreation: 'false', GroupCreationAllowedGroupId: groupOf('Engineering Guild'),
      PrefixSuffixNamingRequirement: 'GRP_[GroupName]_[Department]', CustomBlockedWordsList: 'CEO, Payroll', AllowGuestsToBeGroupOwner: 'false',
    })];
    tenant.authorizationPolicy = { id: 'authorizationPolicy', defaultUserRolePermissions: { allowedToCreateSecurityGroups: false, allowedToCreateApps: true } };
    rig = await openRig(tenant);

    expect(await rig.directory.groupCreationPolicy()).toEqual({
      microsoft365: { creationAllowed: false, allowedGroupId: groupOf('Engineering Guild'), prefixSuffix: 'GRP_[GroupName]_[Department]', blockedWords: ['CEO', 'Payroll'] },
      security: { creationAllowed: false },
    });
  });

  it("leaves out a part GroupGate has no permission to read, and GroupGate's own setting decides", async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', '/groupSettings', { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });

    expect(await rig.directory.groupCreationPolicy()).toEqual({ security: { creationAllowed: true } });
    expect(rig.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ what: 'groupSettings', status: 403 }) }));
  });
});

describe('owner tools with DIRECTORY=graph', () => {
  const turn = async (name: string): Promise<Turn> => ({ actor: (await running!.gate.directory.getUser(userOf(name)))!, platform: 'web' });
  const say = async (name: string, text: string) => replyText(await handleMessage(running!.gate, await turn(name), text));

  it("honours Entra's switch: Microsoft 365 groups only for members of the allowed group, security groups as the authorization policy says", async () => {
    const tenant = StandInTenant.sample();
    tenant.groupSettings = [groupUnified({ EnableGroupCreation: 'false', GroupCreationAllowedGroupId: groupOf('Engineering Guild') })];
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());

    expect(await say('Rowan Pike', 'create group Book Club microsoft365')).toBe('Only admins and members of Engineering Guild can create Microsoft 365 groups in your organisation. Ask your IT service desk.');
    expect(stand.seen('/groups', 'POST')).toEqual([]);

    const guildMember = stand.tenant.groups.get(groupOf('Engineering Guild'))!.members[0]!;
    const guildName = (await running.gate.directory.getUser(userId(guildMember)))!.displayName;
    expect(await say(guildName, 'create group Book Club microsoft365')).toMatch(/^Created Book Club \(Microsoft 365 group\)/);
    expect(stand.seen('/groups', 'POST')).toHaveLength(1);

    expect(await say('Rowan Pike', 'create group Hiking Club')).toMatch(/^Created Hiking Club \(security group\)/);
    tenant.authorizationPolicy = { id: 'authorizationPolicy', defaultUserRolePermissions: { allowedToCreateSecurityGroups: false } };
    expect(await say('Rowan Pike', 'create group Climbing Club')).toMatch(/^Only admins can create security groups in your organisation\./);
    expect(await say('Jordan Blake', 'create group Climbing Club')).toMatch(/^Created Climbing Club/);
  });

  it("applies Entra's naming policy to Microsoft 365 groups", async () => {
    const tenant = StandInTenant.sample();
    tenant.groupSettings = [groupUnified({ PrefixSuffixNamingRequirement: 'GRP_[GroupName]_[Department]', CustomBlockedWordsList: 'Payroll' })];
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());

    expect(await say('Rowan Pike', 'create group Book Club microsoft365')).toMatch(/^Created GRP_Book Club_Research/);
    expect(stand.seen('/groups', 'POST')[0]!.body).toMatchObject({ displayName: 'GRP_Book Club_Research', mailNickname: 'grp_book-club_research' });
    expect(await say('Rowan Pike', 'create group Payroll Pals microsoft365')).toMatch(/can't contain "Payroll"/);
  });

  it('adds an owner with a $ref POST and removes one with a $ref DELETE, from chat', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate(stand.env());

    expect(await say('Ines Duarte', 'add owner Rowan Pike to Atlas Project')).toBe('Rowan Pike now owns Atlas Project.');
    expect(stand.seen(`/groups/${groupOf('Atlas Project')}/owners/$ref`, 'POST')).toHaveLength(1);
    expect(await say('Rowan Pike', 'remove owner Tomas Berg from Atlas Project')).toBe('Tomas Berg no longer owns Atlas Project.');
    expect(stand.tenant.groups.get(groupOf('Atlas Project'))!.owners.sort()).toEqual([userOf('Ines Duarte'), userOf('Rowan Pike')].sort());
    expect(await say('Ines Duarte', 'add Ada Ito to Atlas Project')).toBe('Done — Ada Ito is now a member of Atlas Project.');
    expect(stand.tenant.groups.get(groupId(groupOf('Atlas Project')))!.members).toContain(userOf('Ada Ito'));
  });

  it('lets an owner confirm again when Graph failed to make a confirmed change', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate(stand.env());
    const asked = await handleMessage(running.gate, await turn('Dana Lee'), 'add Rowan Pike to Licensed Analysts');
    const confirm = asked[0]!.kind === 'message' ? asked[0]!.buttons?.find((b) => b.action === 'confirmChange') : undefined;
    const click = async () => handleCardAction(running!.gate, await turn('Dana Lee'), { action: 'member-change.confirm', changeId: confirm && 'changeId' in confirm ? confirm.changeId : '' });
    stand.answerNext('POST', `/groups/${groupOf('Licensed Analysts')}/members`, { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });

    expect(replyText((await click()).reply)).toMatch(/^Something went wrong on my side, and nothing was changed/);
    expect(stand.tenant.groups.get(groupOf('Licensed Analysts'))!.members).not.toContain(userOf('Rowan Pike'));

    expect((await click()).card).toMatchObject({ title: 'Added Rowan Pike to Licensed Analysts' });
    expect(stand.tenant.groups.get(groupOf('Licensed Analysts'))!.members).toContain(userOf('Rowan Pike'));
  });
});
