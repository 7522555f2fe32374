import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../../domain/model/ids.js';
import { sampleGroup } from '../../support/sample-tenant.js';
import { cardsIn, cardText } from './connector-stand-in.js';
import { button, textOf, useTeamsBed } from './teams-bed.js';
import { cardClick, personalMessage, postActivity, teamsPerson } from './teams-activities.js';

const rowan = teamsPerson('Rowan Pike');
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
const atlas = sampleGroup('Atlas Project').id as GroupId;

const bed = useTeamsBed();
const { send, install, postsTo, lastPost, storedRequest } = bed;
const requestToJoinAtlas = () => bed.requestToJoinAtlas(rowan);

// Issue 19 through the real Teams adapter: a quorum of two owners, the count on every copy (edited
// where it landed), and the note typed on the card sent with Approve.
describe('a quorum and an approval note through Teams', () => {
  it("counts the first owner's approval on both cards, approves at the second, and tells the requester the note", async () => {
    await install(ines);
    await install(tomas);
    expect((await send(personalMessage(bed.connector.url, ines, 'policy Atlas Project quorum 2'))).status).toBe(200);
    expect(textOf(lastPost(ines))).toMatch(/Requests to join Atlas Project now go to 2 of the owners/);

    const { requestId } = await requestToJoinAtlas();
    const inesCard = lastPost(ines);
    const tomasCard = lastPost(tomas);
    expect(textOf(tomasCard)).toMatch(/0 of 2 approvals/);
    // The note input goes with Approve as with Deny: Teams merges it into the click's data.
    const actions = JSON.stringify(cardsIn(tomasCard)).match(/\{"type":"Action\.Execute"[^]*?"associatedInputs":"\w+"/g) ?? [];
    expect(actions.find((a) => a.includes('"title":"Approve"'))).toContain('"associatedInputs":"auto"');
    const approve = button(tomasCard, 'Approve');
    const first = await postActivity(bed.running.url, cardClick(bed.connector.url, tomas, tomasCard.answeredId!, approve.verb, { ...approve.data, note: 'Welcome to Atlas' }));
    expect(cardText((first.body as { value: unknown }).value)).toMatch(/1 of 2 approvals: Tomas Berg/);
    await bed.running.gate.background.idle();
    const inesEdit = bed.connector.updated(ines.chatId).find((edit) => edit.activityId === inesCard.answeredId);
    expect(textOf(inesEdit!)).toMatch(/1 of 2 approvals: Tomas Berg/);
    expect(JSON.stringify(inesEdit!.body)).toContain('"Action.Execute"');
    expect((await storedRequest(requestId))?.status).toBe('pending');

    const second = await postActivity(bed.running.url, cardClick(bed.connector.url, ines, inesCard.answeredId!, approve.verb, approve.data));
    expect(cardText((second.body as { value: unknown }).value)).toMatch(/Approved by Ines Duarte/);
    await bed.running.gate.background.idle();
    expect(await bed.running.gate.directory.listMembers(atlas)).toContain(rowan.aadObjectId);
    expect(textOf(lastPost(rowan))).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project[\s\S]*Tomas Berg's note: Welcome to Atlas/);
  });
});
