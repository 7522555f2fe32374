import { afterEach, describe, expect, it } from 'vitest';
import { groupOf, openRig, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

describe('signing in to Microsoft Entra', () => {
  it('asks the configured authority for an app token (client credentials) once, and sends it with every Graph call', async () => {
    rig = await openRig();
    await rig.directory.sync();
    await rig.directory.listOwners(groupOf('Atlas Project'));

    const { authority } = rig.stand;
    expect(authority.tokenRequests).toHaveLength(1);
    expect(authority.tokenRequests[0]).toMatchObject({
      grant_type: 'client_credentials', client_id: authority.clientId, client_secret: authority.clientSecret, scope: `${rig.stand.url}/.default`,
    });
    expect(rig.stand.requests.every((r) => r.headers.authorization === 'Bearer stand-in-token-1')).toBe(true);
  });

  it('reports a wrong client secret as a sign-in error naming Entra\'s reason', async () => {
    rig = await openRig(undefined, { AZURE_CLIENT_SECRET: 'not-the-secret' });

    await expect(rig.directory.sync()).rejects.toMatchObject({
      name: 'GraphRequestError', reason: 'unauthorized', message: expect.stringMatching(/^GroupGate could not sign in to Microsoft Entra: .*AADSTS7000215/),
    });
    expect(rig.stand.requests).toHaveLength(0);
  });

  it('never sends the token to another address, even when Graph\'s answer links there', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', '/subscribedSkus', { status: 200, body: { value: [], '@odata.nextLink': 'http://127.0.0.2:9/v1.0/subscribedSkus?$skiptoken=x' } });

    await expect(rig.directory.sync()).rejects.toMatchObject({ message: expect.stringContaining('refused to send the Graph token to http://127.0.0.2:9') });
  });
});
