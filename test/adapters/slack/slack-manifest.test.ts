import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { webApi } from '@slack/bolt';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { slackEventsPath } from '../../../adapters/slack/create-slack-app.js';
import { slashCommand } from '../../../adapters/slack/register-conversation-handlers.js';
import { commandCatalog } from '../../../bot/commands/catalog.js';

const manifestPath = fileURLToPath(new URL('../../../manifest/slack/manifest.yml', import.meta.url));

/** The URL Slack posts to: https, and GroupGate's one Slack route. */
const requestUrl = z.url({ protocol: /^https$/ }).refine((url) => new URL(url).pathname === slackEventsPath, `must end in ${slackEventsPath}`);
const text = (max: number, min = 1) => z.string().min(min).max(max);

/**
 * Slack has no offline manifest validator (apps.manifest.validate needs a token), so this holds
 * the manifest to the limits in Slack's manifest reference, strictly (a misspelt key fails), and
 * its parsed type must fit @slack/web-api's Manifest type, so scope and event names are real ones.
 */
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: text(35),
    description: text(140),
    long_description: text(4000, 175),
    background_color: z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i),
  }),
  features: z.strictObject({
    app_home: z.strictObject({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    bot_user: z.strictObject({ display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/), always_online: z.boolean() }),
    slash_commands: z.array(
      z.strictObject({ command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/), url: requestUrl, description: text(100), usage_hint: text(1000), should_escape: z.boolean() }),
    ),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.enum(['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'users:read.email', 'app_mentions:read'])) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: requestUrl, bot_events: z.array(z.enum(['app_home_opened', 'app_mention', 'message.im'])) }),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: requestUrl }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.literal(false),
    token_rotation_enabled: z.boolean(),
  }),
});

type SlackManifest = webApi.AppsManifestCreateArguments['manifest'];

/** The manifest, checked; `satisfies` fails the type check if a field, scope or event is one Slack doesn't know. */
const read = () => manifestSchema.parse(parse(readFileSync(manifestPath, 'utf8'))) satisfies SlackManifest;

describe('the Slack app manifest', () => {
  it("parses, and stays within Slack's manifest limits", () => {
    expect(() => read()).not.toThrow();
  });

  it('sends slash commands, events and interactivity to the one signed URL GroupGate serves', () => {
    const manifest = read();
    const urls = [...manifest.features.slash_commands.map((c) => c.url), manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    expect(new Set(urls)).toEqual(new Set(['https://groupgate.example/slack/events']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('advertises exactly the commands the bot has, by name in the usage hint and in full in the long description', () => {
    const manifest = read();
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command?.command).toBe(slashCommand);
    expect(command?.usage_hint.split(' | ')).toEqual(commandCatalog.map((c) => c.name));
    for (const spec of commandCatalog) expect(manifest.display_information.long_description).toContain(`${slashCommand} ${spec.usage} `);
  });

  it('asks for exactly the scopes and events GroupGate uses, and turns the Home and Messages tabs on', () => {
    const manifest = read();
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email']);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
