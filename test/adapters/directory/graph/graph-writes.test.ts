import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryWriteRefused } from '../../../../adapters/directory/graph/directory-write-refused.js';
import { GraphRequestError } from '../../../../adapters/directory/graph/graph-request-error.js';
import { userId } from '../../../../domain/model/ids.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

const synced = async () => {
  rig = await openRig();
  await rig.directory.sync();
  return rig;
};

describe('adding a member', () => {
  it('posts a $ref to the user and shows them in the copy at once', async () => {
    const { directory, stand } = await synced();

    expect(await directory.addMember(groupOf('Atlas Project'), userOf('Rowan Pike'))).toBe('changed');

    const [post] = stand.seen(`/groups/${groupOf('Atlas Project')}/members/$ref`, 'POST');
    expect(post!.body).toEqual({ '@odata.id': `${stand.url}/v1.0/directoryObjects/${userOf('Rowan Pike')}` });
    expect(stand.tenant.groups.get(groupOf('Atlas Project'))!.members).toContain(userOf('Rowan Pike'));
    expect(await directory.listMembers(groupOf('Atlas Project'))).toContain(userOf('Rowan Pike'));
  });

  it('counts "already exist" (400) as success, unchanged', async () => {
    const { directory, stand } = await synced();
    stand.tenant.addToList(groupOf('Atlas Project'), userOf('Rowan Pike'));

    expect(await directory.addMember(groupOf('Atlas Project'), userOf('Rowan Pike'))).toBe('unchanged');
    expect(await directory.listMembers(groupOf('Atlas Project'))).toContain(userOf('Rowan Pike'));
  });

  it('says plainly which one Graph no longer has when it answers 404', async () => {
    const { directory, stand } = await synced();
    stand.tenant.users.delete(userOf('Rowan Pike'));
    await expect(directory.addMember(groupOf('Atlas Project'), userOf('Rowan Pike'))).rejects.toMatchObject({
      name: 'DirectoryWriteRefused', reason: 'userNotFound', message: expect.stringMatching(/^Microsoft Graph has no user Rowan Pike \(.+\): they may have been deleted/),
    });

    stand.tenant.groups.delete(groupOf('Board Room'));
    await expect(directory.addMember(groupOf('Board Room'), userOf('Tomas Berg'))).rejects.toMatchObject({
      reason: 'groupNotFound', message: expect.stringContaining('Microsoft Graph has no group "Board Room"'),
    });
  });

  it.each([
    ['Finance Vault', 'syncedFromOnPremises', /synced from on-premises Active Directory/],
    ['Payroll Approvers', 'managedInExchange', /mail-enabled security group, read-only in Microsoft Graph; change its members in Exchange/],
    ['All Staff Announcements', 'managedInExchange', /distribution list, read-only in Microsoft Graph/],
    ['Sales US', 'dynamicMembership', /dynamic membership/],
  ])('refuses %s before sending anything (%s)', async (name, reason, words) => {
    const { directory, stand } = await synced();
    const before = stand.requests.length;

    await expect(directory.addMember(groupOf(name), userOf('Rowan Pike'))).rejects.toMatchObject({ name: 'DirectoryWriteRefused', reason, message: expect.stringMatching(words) });
    await expect(directory.removeMember(groupOf(name), userOf('Rowan Pike'))).rejects.toBeInstanceOf(DirectoryWriteRefused);
    expect(stand.requests.length).toBe(before);
  });

  it('explains a 403 on a role-assignable group with the permission it needs', async () => {
    const { directory, stand } = await synced();
    stand.answerNext('POST', `/groups/${groupOf('Helpdesk Admins')}/members`, {
      status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } },
    });

    const failure = await directory.addMember(groupOf('Helpdesk Admins'), userOf('Rowan Pike')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphRequestError);
    expect(failure).toMatchObject({ reason: 'forbidden', message: expect.stringContaining('RoleManagement.ReadWrite.Directory') });
    expect(await directory.listMembers(groupOf('Helpdesk Admins'))).not.toContain(userOf('Rowan Pike'));
  });
});

describe('removing a member', () => {
  it('deletes the $ref and drops them from the copy at once', async () => {
    const { directory, stand } = await synced();
    const member = stand.tenant.groups.get(groupOf('Atlas Project'))!.members.find((id) => id !== userOf('Ines Duarte'))!;

    expect(await directory.removeMember(groupOf('Atlas Project'), userId(member))).toBe('changed');

    expect(stand.seen(`/groups/${groupOf('Atlas Project')}/members/${member}/$ref`, 'DELETE')).toHaveLength(1);
    expect(stand.tenant.groups.get(groupOf('Atlas Project'))!.members).not.toContain(member);
    expect(await directory.listMembers(groupOf('Atlas Project'))).not.toContain(member);
  });

  it('counts a 404 for someone who is not a member as unchanged', async () => {
    const { directory } = await synced();
    expect(await directory.removeMember(groupOf('Atlas Project'), userOf('Rowan Pike'))).toBe('unchanged');
  });
});

describe('applying a membership rule', () => {
  it('patches a dynamic group\'s rule and keeps the copy in step', async () => {
    const { directory, stand } = await synced();
    const rule = '(user.department -eq "Sales") -and (user.country -in ["US","CA"])';

    const updated = await directory.updateGroup(groupOf('Sales US'), { membershipRule: rule });

    expect(stand.seen(`/groups/${groupOf('Sales US')}`, 'PATCH').map((r) => r.body)).toEqual([{ membershipRule: rule }]);
    expect(updated?.membershipRule).toBe(rule);
    expect((await directory.getGroup(groupOf('Sales US')))?.membershipRule).toBe(rule);
  });

  it('refuses an assigned or synced group before sending anything, and fields it may not change', async () => {
    const { directory, stand } = await synced();
    const before = stand.requests.length;

    await expect(directory.updateGroup(groupOf('Atlas Project'), { membershipRule: 'user.department -eq "Sales"' })).rejects.toMatchObject({ reason: 'notDynamic' });
    await expect(directory.updateGroup(groupOf('Finance Vault'), { membershipRule: 'user.department -eq "Sales"' })).rejects.toMatchObject({ reason: 'syncedFromOnPremises' });
    await expect(directory.updateGroup(groupOf('Sales US'), { displayName: 'Sales' })).rejects.toThrow();
    expect(stand.requests.length).toBe(before);
  });
});
