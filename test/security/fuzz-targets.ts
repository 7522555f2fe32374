import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { tenantFileSchema } from '../../adapters/directory/embedded/tenant-file-schema.js';
import { cardActionFromBlockAction } from '../../adapters/slack/card-action-from-block-action.js';
import { commandTextFromSlack } from '../../adapters/slack/command-text-from-slack.js';
import { blockActionsSchema, slashCommandSchema, typedMessageSchema, viewSubmissionSchema } from '../../adapters/slack/slack-payloads.js';
import { createStore } from '../../adapters/store/create-store.js';
import { cardActionFromInvoke } from '../../adapters/teams/card-action-from-invoke.js';
import { inboundActivityProblem } from '../../adapters/teams/inbound-activity.js';
import { readTeamsActivity } from '../../adapters/teams/teams-activity.js';
import { cardActionBody, eventsQuery, sendMessageBody } from '../../adapters/web/web-requests.js';
import { syntheticUsers } from '../../bench/synthetic-directory.js';
import { commandCatalog } from '../../bot/commands/catalog.js';
import { normaliseCommandText } from '../../bot/commands/command-spec.js';
import { cardActionSchema } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import { RateLimiter } from '../../bot/limits/rate-limiter.js';
import { nearestNames } from '../../bot/nearest-names.js';
import { CardActions } from '../../cards/card-actions.js';
import { buttonPayload } from '../../cards/card-buttons.js';
import type { CardButton, CardView } from '../../cards/card-view.js';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';
import { parseMembershipRule, previewRule } from '../../domain/membership-rules/index.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { ManualClock } from '../support/manual-clock.js';
import { replyText } from '../support/reply-text.js';
import { sampleTenantPath } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

/** One thing fuzzed: how many cases a CI run and `npm run fuzz` give it, and how to run them. */
export interface FuzzTarget {
  readonly name: string;
  readonly ciRuns: number;
  readonly fuzzRuns: number;
  /** Runs `numRuns` cases; rejects with fast-check's report (seed, counterexample) on the first that fails. */
  run(numRuns: number, seed?: number): Promise<void>;
}

/** Fails a case that takes longer than `limitMs`: nothing a person sends may hold the process up. */
function within<T>(limitMs: number, work: () => T): T {
  const started = performance.now();
  const result = work();
  const took = performance.now() - started;
  if (took > limitMs) throw new Error(`took ${took.toFixed(0)} ms, over the ${limitMs} ms a case may take`);
  return result;
}

/** A target over one synchronous property. */
function propertyTarget<Ts extends [unknown, ...unknown[]]>(name: string, ciRuns: number, fuzzRuns: number, property: fc.IProperty<Ts>): FuzzTarget {
  return { name, ciRuns, fuzzRuns, run: async (numRuns, seed) => fc.assert(property, { numRuns, seed }) };
}

const knownActionIds: readonly string[] = Object.values(CardActions);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const anyText = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));

/** What people type to GroupGate: command words, then names, reasons and rules, with the separators the parsers split on. */
const commandWords = [
  'join ', 'add me to ', 'request access to ', 'leave ', 'cancel ', 'my requests', 'pending', 'groups', 'help', 'please ',
  'preview rule ', 'preview rule for ', 'propose rule for ', 'check ', ' against ', 'create group ', 'create security group ', 'new microsoft 365 group ',
  'add ', 'remove ', 'add owner ', 'remove owner ', ' to ', ' from ', 'owners ', 'policy ', 'setting ', 'settings', 'max duration ', 'require reason ',
  'licenses ', 'seats', 'alerts here', 'alerts off', 'reprocess ', 'suggest rule for ', 'set ', 'audit ', ' page 2', ' as csv', ' because ', ' for ',
  '8h', '3 days', 'P1D', 'PT0S', '9999999999w', ' on', ' off', 'Atlas Project', 'Lunch Club', 'Rowan Pike', 'me', '"', '“', '`', '*', ':', '.', '!', '?',
  '(user.department -eq "Sales")', ' -or ', '-match "(a|aa)*$"', '\n', '\t', '\u00a0', '<@U0INES>', '<at>Ines Duarte</at>', '&lt;!channel&gt;',
];
const commandShaped = fc.array(fc.oneof(fc.constantFrom(...commandWords), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
/** Long inputs built to make a parser's regular expressions backtrack: many separators, few anchors. */
const backtrackBait = fc
  .tuple(fc.constantFrom('join ', 'create group ', 'preview rule ', 'add ', 'remove owner ', 'check '), fc.constantFrom(' for 1', ' because', ' to', ' from', ' against', '"', ' ', 'a '), fc.integer({ min: 50, max: 900 }), fc.constantFrom('', 'x', ' for', '!'))
  .map(([head, unit, times, tail]) => `${head}${unit.repeat(times)}${tail}`.slice(0, 4_000));
const typedText = fc.oneof(anyText, commandShaped, commandShaped, backtrackBait);

const commandParser = propertyTarget(
  'command parser (every command in the catalog)',
  1_000,
  30_000,
  fc.property(typedText, (text) => {
    within(250, () => {
      const typed = normaliseCommandText(text);
      for (const command of commandCatalog) command.match(typed);
    });
  }),
);

/** Every answer on a real GroupGate (sample tenant, SQLite): cards in words, never a failure nobody expected. */
const conversation: FuzzTarget = {
  name: 'handleMessage on a running GroupGate',
  ciRuns: 120,
  fuzzRuns: 3_000,
  run: async (numRuns, seed) => {
    const running = await startTestGroupGate({ RATE_LIMIT_COMMANDS_PER_MINUTE: '1000000', RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: '1000000', RATE_LIMIT_PREVIEWS_PER_MINUTE: '1000000' });
    try {
      const tenant = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as { users: DirectoryUser[] };
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...tenant.users), fc.constantFrom('web', 'teams', 'slack') as fc.Arbitrary<'web' | 'teams' | 'slack'>, typedText, async (actor, platform, text) => {
          const started = performance.now();
          const reply = await handleMessage(running.gate, { actor, platform }, text);
          expect(performance.now() - started).toBeLessThan(3_000);
          expect(Array.isArray(reply) && reply.length > 0).toBe(true);
          const said = replyText(reply);
          // The friendly-error path is for bugs: a typed message must never reach it.
          expect(said).not.toContain('Something went wrong on my side');
          expect(said).not.toMatch(/\n\s+at |\.ts:\d+/);
        }),
        { numRuns, seed, timeout: 5_000 },
      );
      await running.gate.background.idle();
    } finally {
      await running.stop();
    }
  },
};

/** Rules built to hurt: deep nesting, huge alternations and nested quantifiers in -match, long values, near-misses. */
const hostileRule = fc.oneof(
  fc.integer({ min: 1, max: 1_500 }).map((n) => `${'('.repeat(n)}user.city -eq "x"${')'.repeat(n)}`),
  fc.integer({ min: 1, max: 400 }).map((n) => `user.displayName -match "(${Array.from({ length: n }, (_, i) => `a${i}`).join('|')})+$"`),
  fc.integer({ min: 1, max: 200 }).map((n) => `user.displayName -match "${'(a|aa)*'.repeat(n)}b"`),
  fc.integer({ min: 1, max: 120 }).map((n) => Array.from({ length: n }, (_, i) => `(user.department -eq "D${i}")`).join(' -or ')),
  fc.tuple(fc.constantFrom('user.department', 'user.otherMails', 'user.assignedPlans', 'user.employeeHireDate', 'device.deviceOSType'), fc.constantFrom('-eq', '-match', '-any', '-in', '-le', '-contains', '-notMatch'), anyText).map(([p, o, v]) => `${p} ${o} ${v}`),
  fc.array(fc.constantFrom('user.city', '-eq', '"x"', '(', ')', '-and', '-or', '-not', '[', ']', ',', '-any', '_', 'system.now', '-plus', 'P1D', '"(?=a)"', '`"'), { maxLength: 60 }).map((tokens) => tokens.join(' ')),
  anyText,
);
const ruleSubjects = syntheticUsers(500);

const ruleParser = propertyTarget(
  'rule parser and preview on hostile rules',
  300,
  20_000,
  fc.property(hostileRule, (text) => {
    within(1_000, () => {
      const { rule, errors } = parseMembershipRule(text);
      for (const error of errors) expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
      if (rule && rule.objectType === 'user') previewRule(rule, ruleSubjects, [], { budgetMs: 500 });
    });
  }),
);

/** Payloads that are nearly right: a real action id or verb with data of any shape. */
const nearCardAction = fc.record(
  { action: fc.oneof(fc.constantFrom(...knownActionIds), fc.string()), requestId: anyJson, proposalId: anyJson, changeId: anyJson, command: anyJson, note: anyJson, duration: anyJson },
  { requiredKeys: ['action'] },
);

const cardActions = propertyTarget(
  'card action schema',
  500,
  8_000,
  fc.property(fc.oneof(anyJson, nearCardAction), (payload) => {
    const parsed = cardActionSchema.safeParse(payload);
    if (parsed.success) expect(knownActionIds).toContain(parsed.data.action);
  }),
);

const teamsInvokes = propertyTarget(
  'Teams activities and adaptiveCard/action invokes',
  500,
  8_000,
  fc.property(
    fc.oneof(anyJson, fc.record({ action: fc.record({ type: fc.oneof(fc.constant('Action.Execute'), anyJson), verb: fc.oneof(fc.constantFrom(...knownActionIds), anyJson), data: fc.oneof(nearCardAction, anyJson) }, { requiredKeys: [] }), trigger: anyJson }, { requiredKeys: [] })),
    fc.oneof(anyJson, fc.record({ type: anyJson, from: fc.oneof(fc.record({ id: anyJson, aadObjectId: anyJson }), anyJson), conversation: anyJson, channelData: anyJson }, { requiredKeys: [] })),
    (value, activity) => {
      const reading = cardActionFromInvoke(value);
      if (reading.kind === 'click') expect(knownActionIds).toContain(reading.action.action);
      inboundActivityProblem(activity);
      readTeamsActivity(activity as never);
    },
  ),
);

const slackPayloads = propertyTarget(
  'Slack block actions, slash commands, messages and modal submissions',
  500,
  8_000,
  fc.property(
    fc.oneof(anyJson, fc.record({ type: fc.oneof(fc.constant('button'), anyJson), action_id: fc.oneof(fc.constantFrom(...knownActionIds).map((id) => `${id}:0`), fc.string()), value: fc.oneof(nearCardAction.map((data) => JSON.stringify(data)), fc.string()) }, { requiredKeys: [] })),
    anyJson,
    anyText,
    (action, payload, text) => {
      const read = cardActionFromBlockAction(action);
      if (read.ok) expect(knownActionIds).toContain(read.value.action);
      for (const schema of [blockActionsSchema, viewSubmissionSchema, slashCommandSchema, typedMessageSchema]) schema.safeParse(payload);
      within(50, () => commandTextFromSlack(text, 'UBOT'));
    },
  ),
);

/** A button GroupGate puts on a card, with any id or command. */
const cardButton: fc.Arbitrary<CardButton> = fc.oneof(
  fc.record({ action: fc.constant('run' as const), title: fc.string({ minLength: 1 }), command: fc.string({ minLength: 1, maxLength: 4_000 }) }),
  fc.record({ action: fc.constantFrom('approve' as const, 'deny' as const, 'cancel' as const), title: fc.string({ minLength: 1 }), requestId: fc.string({ minLength: 1, maxLength: 16 }) }),
  fc.record({ action: fc.constantFrom('applyRule' as const, 'cancelRule' as const), title: fc.string({ minLength: 1 }), proposalId: fc.string({ minLength: 1, maxLength: 16 }) }),
  fc.record({ action: fc.constantFrom('confirmChange' as const, 'cancelChange' as const), title: fc.string({ minLength: 1 }), changeId: fc.string({ minLength: 1, maxLength: 16 }) }),
);

const sameClickEverywhere = propertyTarget(
  'a button reads the same from Teams, Slack and the web chat',
  500,
  5_000,
  fc.property(cardButton, (button) => {
    const { actionId, data } = buttonPayload(button);
    const teams = cardActionFromInvoke({ action: { type: 'Action.Execute', verb: actionId, data }, trigger: 'manual' });
    const slack = cardActionFromBlockAction({ type: 'button', action_id: `${actionId}:3`, value: JSON.stringify(data) });
    const web = cardActionSchema.safeParse({ ...data, action: actionId });
    expect(teams).toEqual({ kind: 'click', action: web.data });
    expect(slack).toEqual({ ok: true, value: web.data });
  }),
);

const webRequests = propertyTarget(
  'web chat API bodies',
  500,
  8_000,
  fc.property(fc.oneof(anyJson, fc.record({ as: anyJson, where: anyJson, text: anyJson, messageId: anyJson, verb: anyJson, data: anyJson }, { requiredKeys: [] })), (body) => {
    for (const schema of [sendMessageBody, cardActionBody, eventsQuery]) {
      const parsed = schema.safeParse(body);
      if (parsed.success && 'as' in parsed.data) expect(parsed.data.as).toMatch(/^[\w-]{1,64}$/);
    }
  }),
);

/** The sample tenant with one value somewhere replaced by anything: the schema reports it, never throws. */
const sampleTenant = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as Record<string, unknown>;
function replaceAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [index, ...rest] = path;
  const at = index! % entries.length;
  const changed = entries.map(([key, inner], i) => [key, i === at ? replaceAt(inner, rest, replacement) : inner] as const);
  return Array.isArray(value) ? changed.map(([, inner]) => inner) : Object.fromEntries(changed);
}

const tenantFiles = propertyTarget(
  'tenant file schema',
  100,
  3_000,
  fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), anyJson, fc.boolean(), (path, replacement, whole) => {
    tenantFileSchema.safeParse(whole ? replacement : replaceAt(sampleTenant, path, replacement));
  }),
);

/** The edit distance as first written: every cell, no shortcuts. */
function plainDistance(a: string, b: string): number {
  const [s, t] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[t.length]!;
}

const nearNames = propertyTarget(
  'near-name suggestions match the full edit distance',
  300,
  5_000,
  fc.property(fc.string({ maxLength: 14 }), fc.array(fc.string({ maxLength: 14 }), { maxLength: 30 }), (typed, names) => {
    const expected = names
      .map((name) => ({ name, distance: plainDistance(typed, name) }))
      .filter(({ name, distance }) => distance <= Math.max(2, Math.ceil(Math.max(typed.length, name.length) / 3)))
      .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
      .slice(0, 3)
      .map(({ name }) => name);
    expect(nearestNames(typed, names)).toEqual(expected);
  }),
);

/** Any card with any text: Slack's fallback text is escaped, and people's text never lands in a markdown TextBlock. */
const cardWithText = fc.string({ minLength: 1, maxLength: 80 }).chain((text) =>
  fc.constantFrom<CardView>(
    { kind: 'message', title: text, lines: [[text, { bold: text }]], tone: 'warning' },
    { kind: 'list', title: text, intro: [[text]], rows: [{ title: [text], detail: [{ italic: text }] }], more: text, footer: [[text]] },
    { kind: 'ruleExplanation', title: text, tone: 'good', clauses: [{ depth: 0, result: true, expression: text, words: text }], moreClauses: 0, footer: [[text]] },
    { kind: 'rulePreview', title: text, rule: text, summary: text, samples: [{ label: 'Matches', names: [text], more: 0 }], notes: [[text]], warnings: [text] },
    { kind: 'approval', requestId: 'R-ABC123', heading: 'Join request', groupName: text, requester: { name: text, details: [text] }, reason: text, facts: [text], state: { status: 'denied', by: text, at: '14:02', note: text } },
    { kind: 'licenseAlert', title: text, tone: 'attention', summary: [text], seats: { total: 1, used: 1, free: 0, waiting: 1 }, groups: [{ name: text, waiting: 1 }], affected: [text], moreAffected: 0, since: text, buttons: [] },
  ).map((card) => ({ card, text })),
);

const renderedText = propertyTarget(
  'cards render people’s text as text',
  500,
  10_000,
  fc.property(cardWithText, ({ card }) => {
    expect(toBlockKit(card).text).not.toMatch(/[<>]/);
    expect(JSON.stringify(toBlockKit(card).blocks)).not.toContain('"mrkdwn"');
    expect(JSON.stringify(toAdaptiveCard(card))).not.toContain('"TextBlock"');
  }),
);

/** Takes at random moments: no window of the limiter's length ever allows more than `limit`, plus what refilled in it. */
const rateLimiter: FuzzTarget = {
  name: 'rate limiter allowances over random bursts',
  ciRuns: 15,
  fuzzRuns: 300,
  run: async (numRuns, seed) => {
    const store = await createStore(tempSqliteUrl());
    try {
      let person = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 25 }), async (limit, gaps) => {
          const clock = new ManualClock();
          const limiter = new RateLimiter(store, clock, { command: { limit, windowMs: 60_000 }, joinRequest: { limit, windowMs: 60_000 }, preview: { limit, windowMs: 60_000 } });
          const id = `fuzz-${person++}`;
          const allowedAt: number[] = [];
          for (const gap of gaps) {
            clock.advance(gap);
            if ((await limiter.take('command', id)).allowed) allowedAt.push(clock.now().getTime());
          }
          for (const start of allowedAt) {
            const inWindow = allowedAt.filter((at) => at >= start && at < start + 60_000).length;
            expect(inWindow).toBeLessThanOrEqual(limit + limit);
          }
          expect(allowedAt.length).toBeGreaterThanOrEqual(Math.min(limit, gaps.length));
        }),
        { numRuns, seed },
      );
    } finally {
      await store.close();
    }
  },
};

/** Everything fuzzed, in the order `npm run fuzz` runs it. */
export const fuzzTargets: readonly FuzzTarget[] = [
  commandParser, conversation, ruleParser, cardActions, teamsInvokes, slackPayloads, sameClickEverywhere, webRequests, tenantFiles, nearNames, renderedText, rateLimiter,
];
