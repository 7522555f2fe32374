import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { sampleTenantPath } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { signingSecret } from './signed-slack-request.js';
import { SlackStandIn } from './slack-stand-in.js';

/** Starts a real GroupGate with Slack on, talking to the stand-in; no retries, as in every test. */
export function startSlackGroupGate(standIn: SlackStandIn, env: Record<string, string> = {}): Promise<RunningGroupGate> {
  return startTestGroupGate({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: standIn.apiUrl,
    SLACK_BOT_ID: 'BBOT',
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_API_RETRIES: '0',
    ...env,
  });
}

type TenantJson = { users: Array<Record<string, unknown>>; [part: string]: unknown };

/** A copy of the sample tenant, changed by `change`, in a temp file; its path goes in DIRECTORY_SEED. */
export function tenantFile(change: (tenant: TenantJson) => void): string {
  const tenant = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as TenantJson;
  change(tenant);
  const path = join(mkdtempSync(join(tmpdir(), 'groupgate-slack-tenant-')), 'tenant.json');
  writeFileSync(path, JSON.stringify(tenant));
  return path;
}

/** The sample tenant with no `slackUserId`s: everyone is found through their Slack profile e-mail. */
export const tenantWithoutSlackIds = () => tenantFile((t) => t.users.forEach((u) => delete u['slackUserId']));

/** Waits for the work GroupGate does after an ack (it runs in the background) to finish. */
export async function settle(running: RunningGroupGate): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await running.gate.background.idle();
}

/** A running GroupGate with Slack on, and the Slack stand-in it talks to. */
export interface SlackTestBed {
  readonly running: RunningGroupGate;
  readonly slack: SlackStandIn;
}

/**
 * Starts a Slack stand-in and a GroupGate talking to it before each test (or once per file), and
 * stops both after. Afterwards, everything GroupGate sent must be Block Kit Slack accepts.
 */
export function useSlackGroupGate(options: { readonly env?: () => Record<string, string>; readonly setUp?: (slack: SlackStandIn) => void; readonly perFile?: boolean } = {}): SlackTestBed {
  const bed = {} as { running: RunningGroupGate; slack: SlackStandIn };
  (options.perFile ? beforeAll : beforeEach)(async () => {
    bed.slack = await new SlackStandIn().start();
    options.setUp?.(bed.slack);
    bed.running = await startSlackGroupGate(bed.slack, options.env?.() ?? {});
  });
  (options.perFile ? afterAll : afterEach)(async () => {
    const problems = bed.slack.blockKitProblems();
    await bed.running.stop();
    await bed.slack.stop();
    expect(problems).toEqual([]);
  });
  return bed;
}
