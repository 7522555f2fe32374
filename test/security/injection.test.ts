import { Writable } from 'node:stream';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinoLogger } from '../../adapters/logging/pino-logger.js';
import type { WebEntry } from '../../adapters/web/web-conversations.js';
import { toAdaptiveCard } from '../../cards/render-card.js';
import { tenantFile } from '../adapters/slack/slack-test-gate.js';
import { cardsIn } from '../adapters/teams/connector-stand-in.js';
import { botAddedToChat, installed, postActivity, teamsPerson } from '../adapters/teams/teams-activities.js';
import { chromiumMissing, launchChromium } from '../adapters/web/launch-chromium.js';
import { person } from '../support/sample-tenant.js';
import { AttackBed } from './attack-bed.js';
import { printedWebChatPage } from '../support/web-chat-pages.js';

/** Text people control, each a way to smuggle a link, a mention or markup into what others see. */
const hostile = {
  markdownLink: '[Reset your password](https://evil.example/reset)',
  slackLink: '<https://evil.example/slack|Reset>',
  channel: '<!channel>',
  here: '<!here>',
  slackMention: '<@U0INES>',
  teamsMention: '<at>Ines Duarte</at>',
  markup: '*urgent* _now_ ~gone~',
  html: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=2</script>',
};
const groupName = `Ops ${hostile.markdownLink} ${hostile.channel} ${hostile.slackMention} ${hostile.teamsMention} ${hostile.markup} ${hostile.html}`;
const reason = `${hostile.here} ${hostile.slackLink} ${hostile.script}`;
const denyNote = `${hostile.channel} ${hostile.markdownLink} ${hostile.slackMention}`;
const requesterName = `Rowan ${hostile.here} [Pike](https://evil.example/p)`;
const fragments = Object.values(hostile);
const slackEncoded = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const logLines: string[] = [];
const bed = new AttackBed();
let requestId = '';

/** Every Adaptive Card GroupGate showed: Teams posts and invoke answers, and web-chat messages. */
async function adaptiveCards(): Promise<unknown[]> {
  const teams = bed.connector.calls.flatMap(cardsIn);
  const web = (await bed.gate.store.list<WebEntry>('web:log:')).flatMap(([, entry]) => (entry.card ? [toAdaptiveCard(entry.card)] : []));
  return [...teams, ...invokeCards, ...web];
}
const invokeCards: unknown[] = [];

/** Every Slack message GroupGate sent: posts, edits, response_url answers and views. */
function slackMessages(): Array<{ readonly text?: string; readonly blocks: unknown }> {
  return [
    ...bed.slack.calls.filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method)).map((c) => ({ text: c.args['text'], blocks: JSON.parse(c.args['blocks'] ?? '[]') as unknown })),
    ...bed.slack.calls.filter((c) => c.method.startsWith('views.')).map((c) => ({ blocks: (JSON.parse(c.args['view'] ?? '{}') as { blocks?: unknown }).blocks })),
    ...bed.slack.responses.map((r) => ({ text: r.body['text'] as string | undefined, blocks: r.body['blocks'] })),
  ];
}

/** Each node of a JSON tree with a `type`, depth first. */
function typedNodes(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(typedNodes);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  return [...(typeof record['type'] === 'string' ? [record] : []), ...Object.values(record).flatMap(typedNodes)];
}

beforeAll(async () => {
  const seed = tenantFile((tenant) => {
    const rowan = tenant.users.find((u) => u['id'] === person('Rowan Pike').id)!;
    rowan['displayName'] = requesterName;
  });
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => void (logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)), done()) });
  await bed.start({ DIRECTORY_SEED: seed }, { logger: createPinoLogger('debug', destination) });
  // Alex and Rowan use Teams too, so cards reach them there as well as on Slack and the web.
  for (const name of ['Alex Morgan', 'Rowan Pike']) {
    await postActivity(bed.url, installed(bed.connector.url, teamsPerson(name)));
    await postActivity(bed.url, botAddedToChat(bed.connector.url, teamsPerson(name)));
  }
  // Alex (Global Administrator) creates a group whose name is an attack, and owns it.
  expect((await bed.webSays('Alex Morgan', `create group ${groupName}`)).text).toContain(`Created ${groupName}`);
  // Rowan, whose display name is an attack too, asks to join with a reason that is one.
  // Typed in Slack: Slack sends `&`, `<` and `>` encoded, as it does for anything a person types.
  const asked = await bed.slackSays('U0ROWAN', slackEncoded(`join ${groupName} because ${reason}`));
  requestId = /Your request is (R-\w+)/.exec(asked)?.[1] ?? '';
  expect(requestId, asked).not.toBe('');
  await bed.teamsSays('Alex Morgan', `owners ${groupName}`);
  // Alex denies with a note that is an attack; Rowan is told everywhere.
  const denied = await bed.teamsClicks('Alex Morgan', 'join-request.deny', { requestId, note: denyNote });
  invokeCards.push((denied.body as { value?: unknown }).value);
  expect(denied.text).toContain('Denied by Alex Morgan');
  await bed.webSays('Alex Morgan', `preview rule (user.displayName -eq "${hostile.html} ${hostile.markdownLink}")`);
}, 30_000);

afterAll(async () => {
  await bed.stop();
});

describe('injection: what people type is shown exactly as typed, never as links, mentions or markup', () => {
  it('keeps every Slack message free of mrkdwn: plain-text and rich-text blocks only, and escaped fallback text', async () => {
    const messages = slackMessages();
    const shown = JSON.stringify(messages);
    expect(shown).toContain('Reset your password](https://evil.example/reset)'); // it is shown, as text
    for (const { text, blocks } of messages) {
      // Slack reads the fallback text (notifications) as mrkdwn: `<` and `>` are escaped, so <!channel> can't ping anyone.
      if (text !== undefined) expect(text).not.toMatch(/[<>]/);
      for (const node of typedNodes(blocks)) {
        expect(node['type'], JSON.stringify(node).slice(0, 200)).not.toBe('mrkdwn');
        // Rich-text elements that would be live: links, user and channel mentions, broadcasts.
        expect(['link', 'user', 'usergroup', 'channel', 'broadcast']).not.toContain(node['type']);
        expect(node['url']).toBeUndefined();
      }
    }
    expect(bed.slack.blockKitProblems()).toEqual([]);
  });

  it('keeps every Adaptive Card free of markdown: text people wrote is only ever in TextRuns', async () => {
    const cards = await adaptiveCards();
    expect(JSON.stringify(cards)).toContain(hostile.markdownLink);
    for (const node of typedNodes(cards)) {
      if (node['type'] === 'TextBlock') {
        for (const fragment of [...fragments, 'Ops', 'Rowan']) expect(String(node['text']), 'a TextBlock renders markdown in Teams').not.toContain(fragment);
      }
      expect(['Action.OpenUrl', 'Action.Submit']).not.toContain(node['type']);
      expect(node['selectAction']).toBeUndefined();
      expect(node['url']).toBeUndefined();
    }
    // No mention entities: `<at>…</at>` in a card is text unless the card declares the mention.
    expect(JSON.stringify(cards)).not.toContain('"mentioned"');
  });

  it('never turns a logged value into a second log line', () => {
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
    // Free text (reasons, notes, rules) stays out of the logs altogether.
    const all = logLines.join('\n');
    for (const fragment of [hostile.slackLink, hostile.script, denyNote]) expect(all).not.toContain(fragment);
  });
});

describe.skipIf(chromiumMissing !== undefined)('injection: the web chat page', () => {
  let browser: BrowserContext;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the hostile name, reason and note as text: no element, script or link comes from them', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss()));
    await page.goto(`${printedWebChatPage(bed.url)!}#as=${person('Alex Morgan').id}`);
    await expect.poll(() => page.locator('#status').textContent()).toBe('live as Alex Morgan');
    const log = page.locator('#log');
    await expect.poll(() => log.textContent()).toContain(`Created ${groupName}`);
    await expect.poll(() => log.textContent()).toContain(hostile.markdownLink);
    expect(await log.textContent()).toContain(`Denied by Alex Morgan`);
    expect(await log.locator('img, script, iframe, a[href]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
