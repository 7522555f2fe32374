import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphRequestError } from '../../../adapters/directory/graph/graph-request-error.js';
import type { TeamsAppInstall } from '../../../adapters/directory/graph/install-teams-app.js';
import { installAskedForMs, InstallForOwners } from '../../../adapters/teams/install-for-owners.js';
import { createStore } from '../../../adapters/store/create-store.js';
import { Background } from '../../../bot/background.js';
import { userId } from '../../../domain/model/ids.js';
import { systemClock } from '../../../domain/ports/clock.js';
import type { Store } from '../../../domain/ports/store.js';
import { RecordingLogger } from '../directory/graph/graph-harness.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';

const tomas = userId('2d8f6c4a-7b1e-4c3d-9a5f-0e1b2c3d4e5f');
const ines = userId('6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
let store: Store | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
});

/** Asking for installs over a real store, with Graph answering `answers` in turn. */
async function rig(...answers: Array<TeamsAppInstall | Error>) {
  store = await createStore(tempSqliteUrl());
  const logger = new RecordingLogger();
  const background = new Background(logger);
  const calls: string[] = [];
  const installer = {
    installTeamsApp: async (who: string) => {
      calls.push(who);
      const answer = answers.shift() ?? 'installed';
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const asks = new InstallForOwners({ installer, catalogAppId: 'catalog-app', store, clock: systemClock, logger, background });
  const ask = async (who = tomas) => {
    asks.ask(who);
    await background.idle();
  };
  return { ask, calls, logger };
}

describe('asking Graph to install GroupGate for an owner', () => {
  it('forgets an ask Graph could not answer (throttled, unavailable), so the next unreachable request asks again', async () => {
    const { ask, calls, logger } = await rig(new GraphRequestError('unavailable', 'Microsoft Graph answered 503'), 'installed');

    await ask();
    await ask();
    await ask();

    expect(calls).toEqual([tomas, tomas]);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.fields['task'])).toEqual(['install GroupGate in Teams for an owner']);
  });

  it('asks again once a day has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { ask, calls } = await rig();

    await ask();
    vi.setSystemTime(Date.now() + installAskedForMs - 60_000);
    await ask();
    vi.setSystemTime(Date.now() + 120_000);
    await ask();

    expect(calls).toEqual([tomas, tomas]);
  });

  it('warns once per instance about a missing permission or a wrong catalog id, however many owners it fails for', async () => {
    const { ask, calls, logger } = await rig('notFound', 'forbidden');

    await ask(tomas);
    await ask(ines);

    expect(calls).toEqual([tomas, ines]);
    expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([expect.stringContaining('check TEAMS_APP_CATALOG_ID')]);
  });
});
