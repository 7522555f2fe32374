/**
 * Builds the Teams app package (manifest.json + color.png + outline.png in one zip) into
 * manifest/teams/build/, with the bot id taken from MicrosoftAppId (environment or .env) and webApplicationInfo
 * from the app GroupGate signs in to Graph as (AZURE_CLIENT_ID with DIRECTORY=graph, else MicrosoftAppId), after
 * validating the manifest offline against the schema @microsoft/app-manifest bundles.
 * Run: npm run package:teams
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import dotenv from 'dotenv';
import { PNG } from 'pngjs';
import yazl from 'yazl';
import { loadConfig } from '../../bot/config.js';
import { manifestForBot, type BotManifest } from './manifest-for-bot.js';

const dir = fileURLToPath(new URL('../../manifest/teams/', import.meta.url));
const output = `${dir}build/groupgate-teams.zip`;
const placeholderBotId = '00000000-0000-0000-0000-000000000000';
const iconSizes = { 'color.png': 192, 'outline.png': 32 } as const;

async function main(): Promise<void> {
  const fromFile = existsSync('.env') ? dotenv.parse(readFileSync('.env')) : {};
  const { MicrosoftAppId, DIRECTORY, AZURE_CLIENT_ID } = loadConfig({ ...fromFile, ...process.env });
  // webApplicationInfo names the app that calls Graph: a separate Graph app registration when there is one.
  const graphAppId = DIRECTORY === 'graph' && AZURE_CLIENT_ID ? AZURE_CLIENT_ID : MicrosoftAppId;
  const manifest = manifestForBot(JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as AppManifest & BotManifest, MicrosoftAppId, graphAppId);

  const problems = await AppManifestUtils.validateAgainstSchema(manifest);
  for (const [name, size] of Object.entries(iconSizes)) {
    const png = PNG.sync.read(readFileSync(`${dir}${name}`));
    if (png.width !== size || png.height !== size) problems.push(`${name} is ${png.width}×${png.height}; Teams needs ${size}×${size}`);
  }
  if (problems.length > 0) throw new Error(`the Teams manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  mkdirSync(`${dir}build`, { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
  for (const name of Object.keys(iconSizes)) zip.addBuffer(readFileSync(`${dir}${name}`), name);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(output)).on('close', resolve).on('error', reject));

  console.log(`Teams app package: ${output}`);
  if (manifest.bots.some((bot) => bot.botId === placeholderBotId)) {
    console.warn('Its botId is a placeholder: set MicrosoftAppId to your Azure Bot\'s app id and run this again before uploading it to Teams.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
