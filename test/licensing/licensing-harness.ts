import { afterEach } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardView, LicenseAlertView } from '../../cards/card-view.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

/** The conversation admins subscribe to alerts in. */
export const alertsRoom = { platform: 'web', id: 'room-licensing', name: '#licensing', kind: 'channel' } as const;

/** A sample-tenant person talking in the alerts room. */
export const as = (name: string): Turn => ({ actor: person(name), platform: 'web', conversation: alertsRoom });

/**
 * A running GroupGate on a given store with a recording chat platform registered before start-up,
 * so whatever start-up itself sends is recorded too.
 */
export async function startLicensingGate(storeUrl = tempSqliteUrl(), clock = new ManualClock()) {
  const channel = new RecordingChannel('web');
  const running: RunningGroupGate = await startTestGroupGate({ STORE_URL: storeUrl }, { clock, channels: [channel] });
  const { gate } = running;
  const say = async (name: string, text: string, turn: Turn = as(name)) => handleMessage(gate, turn, text);
  const sayText = async (name: string, text: string) => replyText(await say(name, text));
  /** Asks to join Licensed Analysts as `requester`; returns the request id. */
  const ask = async (requester: string) => /Your request is (R-\w+)/.exec(await sayText(requester, 'join Licensed Analysts because I analyse'))![1]!;
  /** Dana Lee (the owner) approves; resolves once licensing and alerts have run. */
  const approve = async (requestId: string) => {
    const click = await handleCardAction(gate, as('Dana Lee'), { action: 'join-request.approve', requestId });
    await gate.background.idle();
    return click;
  };
  const alerts = () => channel.posted.map((p) => p.card).filter((c): c is LicenseAlertView => c.kind === 'licenseAlert');
  return { running, gate, clock, channel, storeUrl, say, sayText, ask, approve, alerts };
}

/** The license line of the approval cards sent to a person. */
export const licenseLines = (cards: readonly CardView[]) => cards.flatMap((c) => (c.kind === 'approval' && c.license ? [c.license] : []));

/** For a test file: a `start()` giving a licensing gate, each stopped after its test. */
export function licensingGatePerTest(): () => ReturnType<typeof startLicensingGate> {
  let running: RunningGroupGate | undefined;
  afterEach(async () => running?.stop());
  return async () => {
    const gate = await startLicensingGate();
    running = gate.running;
    return gate;
  };
}
