import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryWriteRefused } from '../../../../adapters/directory/graph/directory-write-refused.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

// What an admin changed in Entra since GroupGate's last sync round, so the copy still shows a plain security group.
const changedInEntra = [
  ['made dynamic', { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Research"', membershipRuleProcessingState: 'On' }, 'dynamicMembership', /dynamic membership; its members come from its rule/],
  ['mail-enabled', { mailEnabled: true }, 'managedInExchange', /mail-enabled security group, read-only in Microsoft Graph; change its members in Exchange/],
  ['synced from on-premises', { onPremisesSyncEnabled: true }, 'syncedFromOnPremises', /synced from on-premises Active Directory; change its members there/],
] as const;

describe('member writes Graph refuses (issue 21)', () => {
  it.each(changedInEntra)('a group %s since the last round: Graph\'s refusal reaches people as the reason, not a permission hint, and the copy learns the group', async (_how, patch, reason, words) => {
    rig = await openRig();
    await rig.directory.sync();
    const atlas = groupOf('Atlas Project');
    rig.stand.tenant.updateGroup(atlas, patch);
    const member = rig.stand.tenant.groups.get(atlas)!.members.find((id) => id !== userOf('Ines Duarte'))!;

    for (const write of [() => rig!.directory.addMember(atlas, userOf('Rowan Pike')), () => rig!.directory.removeMember(atlas, member as never)]) {
      const failure = await write().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DirectoryWriteRefused);
      expect(failure).toMatchObject({ reason, message: expect.stringMatching(words) });
      expect((failure as Error).message).not.toMatch(/GroupMember\.ReadWrite\.All/);
    }

    expect(rig.stand.tenant.groups.get(atlas)!.members).not.toContain(userOf('Rowan Pike'));
    expect(rig.stand.tenant.groups.get(atlas)!.members).toContain(member);
    expect(await rig.directory.listMembers(atlas)).not.toContain(userOf('Rowan Pike'));
    // The second write was refused before it was sent: the first one's re-read put the group right in the copy.
    expect(rig.stand.seen(`/groups/${atlas}/members`).filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect(await rig.directory.getGroup(atlas)).toMatchObject(patch);
  });

  it('still names the permission when Graph answers 403 for a group whose members it does manage', async () => {
    rig = await openRig();
    await rig.directory.sync();
    rig.stand.answerNext('POST', `/groups/${groupOf('Atlas Project')}/members`, {
      status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } },
    });

    await expect(rig.directory.addMember(groupOf('Atlas Project'), userOf('Rowan Pike'))).rejects.toMatchObject({
      name: 'GraphRequestError', reason: 'forbidden', message: expect.stringContaining('GroupMember.ReadWrite.All'),
    });
  });

  it.each([
    ['Sales US', 403, 'Authorization_RequestDenied'],
    ['Payroll Approvers', 403, 'Authorization_RequestDenied'],
    ['All Staff Announcements', 403, 'Authorization_RequestDenied'],
    ['Finance Vault', 400, 'Request_BadRequest'],
  ])('the stand-in answers a member write to %s as Graph does: %i %s, and changes nothing', async (name, status, code) => {
    rig = await openRig();
    await rig.directory.sync();
    const token = [...rig.stand.authority.issued][0]!;
    const before = [...rig.stand.tenant.groups.get(groupOf(name))!.members];
    const answer = await fetch(`${rig.stand.url}/v1.0/groups/${groupOf(name)}/members/$ref`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ '@odata.id': `${rig.stand.url}/v1.0/directoryObjects/${userOf('Rowan Pike')}` }),
    });
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(rig.stand.tenant.groups.get(groupOf(name))!.members).toEqual(before);
  });
});
