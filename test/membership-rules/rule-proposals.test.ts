import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardActionFromBlockAction } from '../../adapters/slack/card-action-from-block-action.js';
import type { RuleProposalView } from '../../cards/card-view.js';
import { toBlockKit } from '../../cards/render-card.js';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import { proposalKeys, type RuleProposal } from '../../bot/membership-rules/rule-proposals.js';
import type { Directory } from '../../domain/ports/directory.js';
import { PermanentWriteRefusal } from '../../domain/ports/permanent-write-refusal.js';
import { person, sampleTenantPath } from '../support/sample-tenant.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { startRuleHarness, type RuleHarness } from './rule-harness.js';

const newRule = 'user.department -eq "Research"';

let harness: RuleHarness;
beforeEach(async () => (harness = await startRuleHarness()));
afterEach(async () => harness.running.stop());

async function propose(name: string, group: string, rule: string): Promise<RuleProposalView> {
  return harness.proposal((await harness.say(name, `propose rule for ${group}: ${rule}`)).cards);
}

describe('propose rule, then Apply', () => {
  it("an owner's Apply stores the rule and adds and removes exactly the members the preview named, telling the listeners", async () => {
    const before = await harness.members('Research New Zealand');
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    expect(proposal).toMatchObject({ groupName: 'Research New Zealand', proposedBy: 'Ines Duarte', currentRule: '(user.department -eq "Research") -and (user.country -eq "NZ")', state: { status: 'pending' } });
    const wouldAdd = proposal.preview.samples.find((s) => s.label === 'Would add')!.names;
    expect(wouldAdd).toEqual(['Ines Duarte', 'Lena Novak', 'Rowan Pike', 'Tomas Berg']);

    const applied = await harness.click('Ines Duarte', proposal.proposalId, 'apply');
    expect(applied.card).toMatchObject({ kind: 'ruleProposal', state: { status: 'applied', by: 'Ines Duarte', detail: 'added 4 · removed 0' } });
    expect(await harness.rule('Research New Zealand')).toBe(newRule);
    expect(await harness.members('Research New Zealand')).toEqual([...before, ...wouldAdd].sort());
    expect(harness.changes.map((c) => [c.userId, c.change, c.cause]).sort()).toEqual(wouldAdd.map((name) => [person(name).id, 'added', 'membershipRule']).sort());
  });

  it('removes members a narrower rule no longer matches', async () => {
    const proposal = await propose('Grace Kim', 'Sales US', '(user.department -eq "Sales") -and (user.country -eq "US") -and (user.jobTitle -eq "Sales Representative")');
    expect(proposal.preview.samples).toEqual([{ label: 'Would remove', names: ['Grace Kim', 'Kai Moreno'], more: 0 }]);
    await harness.click('Grace Kim', proposal.proposalId, 'apply');
    expect(await harness.members('Sales US')).toEqual(['Noah Johnson', 'Olivia Brown']);
    expect(harness.changes.filter((c) => c.change === 'removed')).toHaveLength(2);
  });

  it("refuses a non-owner's Apply and changes nothing; the proposal still waits for an owner", async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    const refused = await harness.click('Rowan Pike', proposal.proposalId, 'apply');
    expect(refused.card).toBeUndefined();
    expect(refused.text).toMatch(/Only the owners of Research New Zealand and Groups or Global Administrators can apply/);
    expect(await harness.rule('Research New Zealand')).not.toBe(newRule);
    expect(await harness.members('Research New Zealand')).toEqual(['Liam Walker', 'Mere Tane']);
    expect(harness.changes).toEqual([]);
    expect((await harness.click('Jordan Blake', proposal.proposalId, 'apply')).card).toMatchObject({ state: { status: 'applied', by: 'Jordan Blake' } });
  });

  it('works once: a second Apply shows who applied it and changes nothing', async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    await harness.click('Ines Duarte', proposal.proposalId, 'apply');
    const told = harness.changes.length;
    const again = await harness.click('Alex Morgan', proposal.proposalId, 'apply');
    expect(again.card).toMatchObject({ state: { status: 'applied', by: 'Ines Duarte' }, notice: [expect.stringMatching(/^Already applied by Ines Duarte at/)] });
    expect(harness.changes).toHaveLength(told);
  });

  it('applies only one of two clicks at the same moment', async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    const clicks = await Promise.all([harness.click('Ines Duarte', proposal.proposalId, 'apply'), harness.click('Alex Morgan', proposal.proposalId, 'apply')]);
    expect(clicks.filter((c) => (c.card as RuleProposalView).notice === undefined)).toHaveLength(1);
    expect(harness.changes).toHaveLength(4);
  });

  it("refuses a proposal made on a rule that changed since, and keeps the newer rule", async () => {
    const first = await propose('Ines Duarte', 'Research New Zealand', newRule);
    const second = await propose('Ines Duarte', 'Research New Zealand', 'user.country -eq "NZ"');
    await harness.click('Ines Duarte', second.proposalId, 'apply');
    const stale = await harness.click('Ines Duarte', first.proposalId, 'apply');
    expect(stale.card).toMatchObject({ state: { status: 'stale' } });
    expect(stale.text).toMatch(/Out of date/);
    expect(await harness.rule('Research New Zealand')).toBe('user.country -eq "NZ"');
  });

  it('Cancel closes the proposal; an Apply after it does nothing', async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    expect((await harness.click('Ines Duarte', proposal.proposalId, 'cancel')).card).toMatchObject({ state: { status: 'cancelled', by: 'Ines Duarte' } });
    const late = await harness.click('Alex Morgan', proposal.proposalId, 'apply');
    expect(late.card).toMatchObject({ state: { status: 'cancelled' }, notice: [expect.stringMatching(/^Already cancelled by Ines Duarte/)] });
    expect(await harness.rule('Research New Zealand')).not.toBe(newRule);
  });

  it('refuses proposals from non-owners, for groups without rules, and rules that do not parse', async () => {
    expect((await harness.say('Rowan Pike', `propose rule for Research New Zealand: ${newRule}`)).text).toMatch(/Only the owners of Research New Zealand/);
    expect((await harness.say('Riley Chen', `propose rule for Research New Zealand: ${newRule}`)).text).toMatch(/Only the owners/);
    expect((await harness.say('Alex Morgan', `propose rule for Atlas Project: ${newRule}`)).text).toMatch(/isn't a dynamic group/);
    const broken = await harness.say('Alex Morgan', 'propose rule for Sales US: user.department -equals "Sales"');
    expect(broken.text).toContain('                ^^^^^^^');
  });

  it("leaves a paused group's members alone when its rule is applied", async () => {
    const proposal = await propose('Jordan Blake', 'External Collaborators', 'user.userType -eq "Member"');
    expect(proposal.preview.notes.flat().join('')).toMatch(/Rule processing is paused for External Collaborators/);
    const applied = await harness.click('Jordan Blake', proposal.proposalId, 'apply');
    expect(applied.card).toMatchObject({ state: { status: 'applied', detail: 'rule stored; processing is paused, so no members changed' } });
    expect(await harness.members('External Collaborators')).toEqual(['Lena Novak', 'Pat Quinn', 'Rui Tanaka']);
    expect(harness.changes).toEqual([]);
  });

  it("carries the proposal id on its Slack buttons, and a Slack click reads back as the same Apply", async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    const blocks = toBlockKit(proposal).blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; type: string }> }>;
    const apply = blocks.find((b) => b.type === 'actions')!.elements![0]!;
    expect(cardActionFromBlockAction(apply)).toEqual({ ok: true, value: { action: 'rule-proposal.apply', proposalId: proposal.proposalId } });
  });
});

describe('an Apply that does not go through at once', () => {
  it('is finished by the sweep when it was recorded but interrupted (a crash between the click and the writes)', async () => {
    const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
    const { store } = harness.running.gate;
    const recorded = await store.get<RuleProposal>(proposalKeys.proposal(proposal.proposalId));
    await store.put(proposalKeys.proposal(proposal.proposalId), { ...recorded!, status: 'applying', decidedBy: person('Ines Duarte').id, decidedAt: harness.clock.now().toISOString() });
    await harness.running.gate.membershipRules.sweep();
    expect(await harness.rule('Research New Zealand')).not.toBe(newRule);

    harness.clock.advance(120_000);
    await harness.running.gate.membershipRules.sweep();
    expect(await harness.rule('Research New Zealand')).toBe(newRule);
    expect(await harness.members('Research New Zealand')).toHaveLength(6);
    expect((await harness.click('Alex Morgan', proposal.proposalId, 'apply')).card).toMatchObject({ state: { status: 'applied', by: 'Ines Duarte', detail: 'added 4 · removed 0' } });
  });

  it('waits again, and says why, when the directory refuses the rule', async () => {
    await harness.running.stop();
    const store = await createStore(tempSqliteUrl());
    const embedded = await EmbeddedDirectory.open(store, sampleTenantPath);
    let refuse = true;
    const refusing: Directory = Object.assign(Object.create(embedded) as Directory, {
      setMembershipRule: async (id: never, rule: string) => {
        if (refuse) throw new PermanentWriteRefusal('"Research New Zealand" is synced from on-premises Active Directory.');
        return embedded.setMembershipRule(id, rule);
      },
    });
    harness = await startRuleHarness({ directory: refusing });
    try {
      const proposal = await propose('Ines Duarte', 'Research New Zealand', newRule);
      const refused = await harness.click('Ines Duarte', proposal.proposalId, 'apply');
      expect(refused.text).toBe('The directory refused the rule: "Research New Zealand" is synced from on-premises Active Directory. Nothing was changed.');
      expect(harness.changes).toEqual([]);
      refuse = false;
      expect((await harness.click('Ines Duarte', proposal.proposalId, 'apply')).card).toMatchObject({ state: { status: 'applied' } });
    } finally {
      await harness.running.stop();
      await store.close();
      harness = await startRuleHarness();
    }
  });
});
