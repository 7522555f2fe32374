// The chat commands and clicks the benchmark times, each as the person who would really use it:
// requesters ask to join four groups, the first owner of each decides from the card in their chat,
// an owner asks for help and what is pending, an admin previews rules.
import type { TenantCast } from './synthetic-tenant.js';
import { timeCommand, type CommandFigures, type TimedBot } from './time-command.js';
import { WebChatDriver, type Answer } from './web-chat-driver.js';

const warmups = 2;
const requestIdIn = (text: string) => /Your request is (R-\w+)/.exec(text)?.[1];

/** Appends each command's figures to `into` as it finishes (so a later failure keeps the earlier ones); returns /healthz times seen during previews. */
export async function runCommands(bot: TimedBot, cast: TenantCast, runs: number, into: CommandFigures[]): Promise<{ healthMs: number[] }> {
  const chat = new WebChatDriver(bot.url);
  const owner = (n: number) => cast.joinGroups[n % cast.joinGroups.length]!.owners[0]!;
  try {
    for (let n = 0; n < cast.joinGroups.length; n++) await chat.open(owner(n));
    // Every approve and deny needs a request of its own: joins are timed over all of them.
    const requests: Array<{ id: string; owner: string }> = [];
    const joins = 2 * (runs + warmups);
    into.push(await timeCommand('join <group>', bot, joins - warmups, warmups, async (i) => {
      const answer = await chat.say(cast.requesters[i]!, `join ${cast.joinGroups[i % cast.joinGroups.length]!.name} because of the tenant-scale benchmark`);
      const id = requestIdIn(answer.text);
      if (id) requests.push({ id, owner: owner(i) });
      return answer;
    }, { problem: (answer) => (requestIdIn(answer.text) ? undefined : `no request id in: ${answer.text.slice(0, 200)}`) }));

    const firstOwner = owner(0);
    const requester = cast.requesters[0]!;
    into.push(await timeCommand('pending', bot, runs, warmups, () => chat.say(firstOwner, 'pending')));
    into.push(await timeCommand('help (as an owner)', bot, runs, warmups, () => chat.say(firstOwner, 'help')));
    into.push(await timeCommand('groups <words>', bot, runs, warmups, () => chat.say(requester, `groups ${cast.searchWords}`)));
    into.push(await timeCommand('my requests', bot, runs, warmups, () => chat.say(requester, 'my requests')));
    into.push(await timeCommand('preview rule for <group>', bot, runs, warmups, () => chat.say(cast.admin, `preview rule for ${cast.dynamicGroup}`), { problem: previewProblem }));
    // The same command on a group of 100 at every size: what the tenant's size costs, apart from the group's.
    into.push(await timeCommand('preview rule for <100-member group>', bot, runs, warmups, () => chat.say(cast.admin, `preview rule for ${cast.hundredGroup}`), { problem: previewProblem }));
    // While each whole-tenant preview runs, /healthz is asked once, a millisecond after it (it then waits on what
    // the event loop is busy with). The probe is awaited before the next run, untimed: awaiting it within the run
    // made its start (20 ms in, as it was) the floor of every run.
    const healthMs: number[] = [];
    let probe: Promise<void> = Promise.resolve();
    into.push(await timeCommand('preview rule <text>', bot, runs, warmups, async () => {
      const preview = chat.say(cast.admin, `preview rule ${cast.rule}`);
      probe = new Promise((resolve) => setTimeout(resolve, 1)).then(async () => {
        const at = performance.now();
        await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(60_000) }).then((r) => r.arrayBuffer());
        healthMs.push(performance.now() - at);
      });
      return preview;
    }, { problem: previewProblem, prepare: () => probe }));
    await probe;

    // Finding the card in the owner's chat is not timed; the click is.
    const decide = (offset: number, words: RegExp) => ({
      prepare: async (i: number) => {
        const request = requests[offset + i];
        if (!request) throw new Error('no request left to decide (a join failed)');
        return { ...request, card: await chat.cardFor(request.owner, request.id) };
      },
      problem: (answer: Answer) => (words.test(answer.text) ? undefined : `not decided: ${answer.text.slice(0, 200)}`),
    });
    const click = (verb: string) => (_: number, request: { id: string; owner: string; card: string }) => chat.click(request.owner, request.card, verb, { requestId: request.id });
    into.push(await timeCommand('approve click', bot, runs, warmups, click('join-request.approve'), decide(0, /approved/i)));
    into.push(await timeCommand('deny click', bot, runs, warmups, click('join-request.deny'), decide(runs + warmups, /denied|declined/i)));
    return { healthMs };
  } finally {
    chat.close();
  }
}

const previewProblem = (answer: Answer) => (/would match|match|members/i.test(answer.text) ? undefined : `not a preview: ${answer.text.slice(0, 200)}`);
