import { describe, expect, it } from 'vitest';
import { matchDirectoryUserByEmail } from '../../../adapters/slack/slack-identity.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import type { UserId } from '../../../domain/model/ids.js';

const user = (id: string, mail: string | null, upn: string, slackUserId?: string): DirectoryUser => ({
  id: id as UserId, displayName: id, mail, userPrincipalName: upn, ...(slackUserId ? { slackUserId } : {}),
});
const ana = user('ana', 'ana@contoso.example', 'ana@contoso.onmicrosoft.com');
const guest = user('lena', 'lena@fabrikam.example', 'lena_fabrikam.example#EXT#@contoso.onmicrosoft.com');
const linked = user('omar', 'omar@contoso.example', 'omar@contoso.example', 'U0OMAR');

describe('matchDirectoryUserByEmail', () => {
  it.each([
    ['mail, in any case', 'ANA@Contoso.Example', ana],
    ['userPrincipalName', 'ana@contoso.onmicrosoft.com', ana],
    ["a guest's mail", 'lena@fabrikam.example', guest],
    ['a user the tenant links to this very Slack id', 'omar@contoso.example', linked],
  ])('finds the user by %s', (_how, email, expected) => {
    expect(matchDirectoryUserByEmail([ana, guest, linked], email, 'U0OMAR')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['nobody has the address', [ana], 'bob@contoso.example', 'notInDirectory'],
    ["one user's mail is another's UPN", [ana, user('ana2', null, 'ana@contoso.example')], 'ana@contoso.example', 'ambiguous'],
    ['the tenant links the match to another Slack id', [linked], 'omar@contoso.example', 'linkedToAnotherSlackAccount'],
  ])('fails closed when %s', (_why, users, email, reason) => {
    expect(matchDirectoryUserByEmail(users, email, 'U0SOMEONE')).toEqual({ ok: false, error: reason });
  });
});
