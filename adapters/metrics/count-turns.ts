import { AsyncLocalStorage } from 'node:async_hooks';
import type { Reply } from '../../cards/card-view.js';
import type { TurnObserver } from '../../bot/observe-turn.js';
import type { GroupGateMetrics, TurnOutcome } from './groupgate-metrics.js';

// A button that runs a command is one click, not a click and a message.
const inTurn = new AsyncLocalStorage<true>();

/** Refusals (no rights, rate limits, a stale request) are said in the attention or warning tone. */
const outcomeOf = (reply: Reply): TurnOutcome => (reply.some((view) => view.kind === 'message' && (view.tone === 'attention' || view.tone === 'warning')) ? 'refused' : 'ok');

/** Counts every person's message and click by platform and outcome, and times clicks; `answerInstead` may answer a turn without running it. */
export function countTurns(metrics: Pick<GroupGateMetrics, 'requests' | 'clickDuration'>, answerInstead: () => Reply | undefined = () => undefined): TurnObserver {
  return async (kind, platform, turnWork, replyOf, fromReply) => {
    if (inTurn.getStore()) return turnWork();
    const instead = answerInstead();
    const work = instead ? async () => fromReply(instead) : turnWork;
    const stopClock = kind === 'click' ? metrics.clickDuration.startTimer({ platform }) : undefined;
    let outcome: TurnOutcome = 'error';
    try {
      const result = await inTurn.run(true, work);
      outcome = outcomeOf(replyOf(result));
      return result;
    } finally {
      metrics.requests.inc({ platform, kind, outcome });
      stopClock?.();
    }
  };
}
