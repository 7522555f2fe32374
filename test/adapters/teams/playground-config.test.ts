import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { person } from '../../support/sample-tenant.js';

const config = parse(readFileSync(fileURLToPath(new URL('../../../.m365agentsplayground.yml', import.meta.url)), 'utf8')) as {
  currentUser: { name: string; aadObjectId: string; userPrincipleName: string };
  users: Array<{ name: string; aadObjectId: string; userPrincipleName: string }>;
};

describe('the Agents Playground configuration', () => {
  it('plays sample-tenant people, so GroupGate knows whoever types in the playground', () => {
    for (const user of [config.currentUser, ...config.users]) {
      expect(user.aadObjectId, user.name).toBe(person(user.name).id);
      expect(user.userPrincipleName, user.name).toBe(person(user.name).userPrincipalName);
    }
  });

  it('starts as a requester and includes both owners of Atlas Project, an admin, and the five users the playground needs', () => {
    expect(config.currentUser.name).toBe('Rowan Pike');
    expect(config.users.map((u) => u.name)).toEqual(expect.arrayContaining(['Ines Duarte', 'Tomas Berg', 'Alex Morgan']));
    expect(config.users.length).toBeGreaterThanOrEqual(5);
  });
});
