import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../../../bot/commands/catalog.js';
import { manifestForBot } from '../../../scripts/teams/manifest-for-bot.js';

const dir = fileURLToPath(new URL('../../../manifest/teams/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as AppManifest & {
  manifestVersion: string;
  icons: { color: string; outline: string };
  webApplicationInfo?: { id: string; resource?: string };
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
};
const schemaPath = (version: string) =>
  createRequire(import.meta.url).resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
const icon = (name: string) => PNG.sync.read(readFileSync(`${dir}${name}`));
/** Commands a list may hold: 10 up to manifest v1.24, 12 from v1.25. */
const commandLimit = Number(manifest.manifestVersion.split('.')[1]) >= 25 ? 12 : 10;

describe('the Teams app manifest', () => {
  it('is valid against the schema @microsoft/app-manifest bundles, so it is checked offline', async () => {
    expect(existsSync(schemaPath(manifest.manifestVersion))).toBe(true);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);

    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
  });

  it('uses the newest stable schema the validator bundles', () => {
    const teamsSchemas = dirname(dirname(schemaPath('1.30')));
    const versions = readdirSync(teamsSchemas)
      .filter((name) => /^v1\.\d+$/.test(name))
      .map((name) => Number(name.slice(3)));
    expect(manifest.manifestVersion).toBe(`1.${Math.max(...versions)}`);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = icon(manifest.icons.color);
    const outline = icon(manifest.icons.outline);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);

    const pixels = (png: PNG) => Array.from({ length: png.width * png.height }, (_, i) => png.data.subarray(i * 4, i * 4 + 4));
    expect(pixels(color).every((p) => p[3] === 255)).toBe(true);
    const painted = pixels(outline).filter((p) => p[3]! > 0);
    expect(painted.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    expect(painted.length).toBeGreaterThan(50);
    expect(pixels(outline).filter((p) => p[3] === 0).length).toBeGreaterThan(300);
  });

  it('lets people use the bot in personal chats, teams and group chats', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('advertises the commands the bot understands, in every scope', () => {
    const expected = commandCatalog.map((c) => ({ title: c.name, description: `${c.usage} — ${c.description}` }));
    // A list holds at most `commandLimit` commands; past that, the first ones and help.
    const advertised = expected.length <= commandLimit ? expected : [...expected.slice(0, commandLimit - 1), expected.find((c) => c.title === 'help')!];

    const [list, ...others] = manifest.bots[0]!.commandLists;
    expect(others).toEqual([]);
    expect(list!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(list!.commands).toEqual(advertised);
  });

  it("names the bot's Entra app in webApplicationInfo, which Graph's self-install for owners needs, and the package puts MicrosoftAppId in both (or the Graph app registration there)", async () => {
    const placeholder = manifest.bots[0]!.botId;
    expect(manifest.webApplicationInfo).toEqual({ id: placeholder, resource: `api://botid-${placeholder}` });

    const appId = '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23';
    const packaged = manifestForBot(manifest, appId);
    expect(packaged.bots.map((bot) => bot.botId)).toEqual([appId]);
    expect(packaged.webApplicationInfo).toEqual({ id: appId, resource: `api://botid-${appId}` });
    expect(await AppManifestUtils.validateAgainstSchema(packaged)).toEqual([]);
    expect(manifestForBot(manifest, '')).toBe(manifest);
    // Signed in to Graph as another app registration: that one is the app Graph lets install itself.
    const graphApp = '7e9a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
    expect(manifestForBot(manifest, appId, graphApp)).toMatchObject({ bots: [{ botId: appId }], webApplicationInfo: { id: graphApp, resource: `api://botid-${graphApp}` } });
  });
});
