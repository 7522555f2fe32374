import { describe, expect, it } from 'vitest';
import { groupId } from '../../../domain/model/ids.js';
import { sampleGroup } from '../../support/sample-tenant.js';
import { cardsIn, cardText } from './connector-stand-in.js';
import { textOf, useTeamsBed } from './teams-bed.js';
import { cardClick, personalMessage, teamsPerson, type TeamsPerson } from './teams-activities.js';

// Issue 20 through the real Teams adapter: a typed `review`, the reviewer's Adaptive Card in their
// personal chat, and adaptiveCard/action invokes on it (Remove with the reason typed on the card).
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
const mere = teamsPerson('Mere Tane');

const bed = useTeamsBed();
const { send, install } = bed;

const reviewCardOf = (who: TeamsPerson) => bed.connector.posted(who.chatId).find((c) => textOf(c).includes('Access review · Atlas Project'))!;

/** Every Action.Execute on a card, with the row it sits in found by the member's name before it. */
function executes(node: unknown, found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n) => executes(n, found));
  else if (node && typeof node === 'object') {
    const action = node as { type?: unknown; title?: string; verb?: string; data?: Record<string, unknown> };
    if (action.type === 'Action.Execute') found.push({ title: action.title ?? '', verb: action.verb ?? '', data: action.data ?? {} });
    Object.values(node).forEach((n) => executes(n, found));
  }
  return found;
}

describe('an access review in Teams', () => {
  it("sends each owner a card within Teams' size, and a Remove with the reason typed on the card is recorded and edits every owner's copy", async () => {
    await install(ines);
    await install(tomas);
    const atlas = groupId(sampleGroup('Atlas Project').id);
    for (const user of (await bed.running.gate.directory.listUsers()).slice(0, 30)) await bed.running.gate.directory.addMember(atlas, user.id);
    await send(personalMessage(bed.connector.url, ines, 'review Atlas Project'));
    const card = reviewCardOf(tomas);
    // Teams refuses a bot message over 28 KB; a page of ten members with their inputs stays well inside it.
    expect(JSON.stringify(cardsIn(card)).length).toBeLessThan(20_000);
    expect(textOf(card)).toMatch(/0 of \d+ reviewed: 0 kept, 0 to remove, \d+ left/);

    const remove = executes(cardsIn(card)).find((a) => a.verb === 'access-review.remove' && a.data['memberId'] === mere.aadObjectId)!;
    const click = await send(cardClick(bed.connector.url, tomas, card.answeredId!, remove.verb, { ...remove.data, reason: 'left the project in May' }));
    expect(click.status).toBe(200);
    const answered = cardText((click.body as { value: unknown }).value);
    expect(answered).toMatch(/1 of \d+ reviewed: 0 kept, 1 to remove/);
    expect(answered).toMatch(/❌ To remove by Tomas Berg · .* — "left the project in May"/);
    const inesCard = reviewCardOf(ines);
    const edit = bed.connector.updated(ines.chatId).filter((e) => e.activityId === inesCard.answeredId).at(-1)!;
    expect(textOf(edit)).toMatch(/1 of \d+ reviewed: 0 kept, 1 to remove/);
  });
});
