import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alwaysNeededGraphPermissions, graphPermissions, graphPermissionsTable } from '../../../../adapters/directory/graph/graph-permissions.js';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

/** The part of docs/permissions.md between its generated-table markers. */
function generatedTable(doc: string): string | undefined {
  return /<!-- graph-permissions:start -->\n([\s\S]*?)\n<!-- graph-permissions:end -->/.exec(doc)?.[1];
}

/** The permission names docs/deploy.md's Azure CLI and PowerShell grant commands assign. */
function grantedInDeployDoc(doc: string): { readonly cli: string[]; readonly powershell: string[] } {
  const cli = /^ROLES="([^"]*)"$/m.exec(doc)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  const powershell = [.../foreach \(\$value in @\(([^)]*)\)\)/.exec(doc)?.[1]?.matchAll(/'([^']+)'/g) ?? []].map((m) => m[1]!);
  return { cli, powershell };
}

/** Names shaped like a Graph permission (Thing.Read.All, Group.Create…) mentioned in a text. */
const permissionNamesIn = (text: string) => [...new Set(text.match(/\b[A-Z][A-Za-z]+\.(?:Read|ReadWrite|Create)(?:\.[A-Z][A-Za-z]+)?\b/g) ?? [])];

describe('the Graph permission list', () => {
  it('is shown in docs/permissions.md exactly as the module generates it', () => {
    const doc = read('docs/permissions.md');
    expect(generatedTable(doc), 'paste this table between the markers of docs/permissions.md').toBe(graphPermissionsTable());
    expect(generatedTable(doc.replace('`Group.Create` |', '`Group.Create.All` |'))).not.toBe(graphPermissionsTable());
  });

  it('is what docs/deploy.md grants the managed identity: the permissions GroupGate always needs', () => {
    const granted = grantedInDeployDoc(read('docs/deploy.md'));
    expect(granted.cli).toEqual(alwaysNeededGraphPermissions);
    expect(granted.powershell).toEqual(alwaysNeededGraphPermissions);
    expect(alwaysNeededGraphPermissions).toEqual(['User.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'RoleManagement.Read.Directory', 'Organization.Read.All']);
    expect(grantedInDeployDoc('ROLES="User.Read.All"\n').cli).toEqual(['User.Read.All']);
  });

  it('names every permission the Graph adapter and infra/ mention, and nothing twice', () => {
    const names = graphPermissions.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    const folder = new URL('../../../../adapters/directory/graph/', import.meta.url);
    const sources = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'graph-permissions.ts').map((f) => readFileSync(new URL(f, folder), 'utf8'));
    const infra = ['infra/main.bicep', ...readdirSync(new URL('../../../../infra/modules/', import.meta.url)).map((f) => `infra/modules/${f}`)].map(read);
    expect(permissionNamesIn([...sources, ...infra].join('\n')).filter((name) => !names.includes(name))).toEqual([]);
    expect(permissionNamesIn('needs Directory.ReadWrite.All')).toEqual(['Directory.ReadWrite.All']);
  });

  it('says, for each permission, why and which calls need it, and when to grant an optional one', () => {
    for (const p of graphPermissions) {
      expect(p.why.length, p.name).toBeGreaterThan(20);
      expect(p.calls.length, p.name).toBeGreaterThan(0);
      expect(p.need === 'always' || Boolean(p.when), p.name).toBe(true);
    }
  });
});
