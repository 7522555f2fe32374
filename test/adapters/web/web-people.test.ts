import { describe, expect, it } from 'vitest';
import { person } from '../../support/sample-tenant.js';
import { webChatHarness } from './web-chat-client.js';
import { webChatFetch } from './web-chat-session.js';

const web = webChatHarness();
type People = { people: Array<{ id: string; name: string; role: string; kind: string }> };

describe('who the web chat offers to be (/web/api/people)', () => {
  it('sends a first page of the admins and the stories’ people, not the whole tenant, and finds the others by name', async () => {
    const running = await web.start();
    const first = (await (await webChatFetch(running.url, '/web/api/people')).json()) as People;
    const names = first.people.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Rowan Pike', 'Ines Duarte', 'Riley Chen']));
    expect(names).not.toContain('Grace Kim');
    expect(first.people.length).toBeLessThanOrEqual(25);

    const found = (await (await webChatFetch(running.url, '/web/api/people?search=grace')).json()) as People;
    expect(found.people.map((p) => [p.name, p.role])).toEqual([['Grace Kim', 'owner of Sales US']]);
    const byId = (await (await webChatFetch(running.url, `/web/api/people?id=${person('Omar Haddad').id}`)).json()) as People;
    expect(byId.people.map((p) => p.name)).toEqual(['Omar Haddad']);
  });

  it('refuses a query it does not know, or a search far too long, in words', async () => {
    const running = await web.start();
    const unknown = await webChatFetch(running.url, '/web/api/people?everyone=1');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/everyone/);
    const long = await webChatFetch(running.url, `/web/api/people?search=${'a'.repeat(101)}`);
    expect(((await long.json()) as { message: string }).message).toBe('search: type at most 100 characters to search for a person');
  });
});
