import { afterEach, describe, expect, it } from 'vitest';
import type { GraphDirectory } from '../../../../adapters/directory/graph/graph-directory.js';
import type { RunningGroupGate } from '../../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../../support/start-test-groupgate.js';
import { userOf } from './graph-harness.js';
import { GraphStandIn } from './graph-stand-in.js';
import { StandInTenant } from './stand-in-tenant.js';

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
});

describe('the rule index on a Graph tenant', () => {
  it('takes in a new dynamic group and a changed rule by reading just that group, and a new ordinary group not at all', async () => {
    const tenant = StandInTenant.sample();
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());
    const { membershipRules } = running.gate;
    const directory = running.gate.directory as GraphDirectory;
    const round = async () => {
      await directory.sync();
      return membershipRules.rules.current();
    };
    await membershipRules.rules.current();
    const { builds } = membershipRules.rules;

    // Teams and Outlook create groups all day: none of them is a rule's business.
    tenant.createGroup({ displayName: 'Project Falcon', groupTypes: ['Unified'], securityEnabled: false, mailEnabled: true, mailNickname: 'falcon' }, [userOf('Ines Duarte')], [userOf('Rowan Pike')]);
    await round();
    expect(membershipRules.rules).toMatchObject({ builds, patches: 0 });

    // A new dynamic group is: its rule joins the index.
    const dynamic = tenant.createGroup({
      displayName: 'Everyone in NZ', groupTypes: ['DynamicMembership'], securityEnabled: true, mailEnabled: false, mailNickname: 'nz',
      membershipRule: 'user.country -eq "NZ"', membershipRuleProcessingState: 'On',
    }, [], []);
    const withNew = await round();
    expect(membershipRules.rules).toMatchObject({ builds, patches: 1 });
    expect(withNew.groups.has(String(dynamic['id']))).toBe(true);

    // So is its rule changing.
    tenant.updateGroup(String(dynamic['id']), { membershipRule: 'user.country -eq "AU"' });
    const changed = await round();
    expect(membershipRules.rules).toMatchObject({ builds, patches: 2 });
    expect(changed.groups.get(String(dynamic['id']))?.group.membershipRule).toBe('user.country -eq "AU"');
    expect(changed.index.evaluateChange({ ...(await running.gate.directory.getUser(userOf('Rowan Pike')))!, country: 'AU' }, ['country'], { now: new Date() })
      .find((e) => e.groupId === String(dynamic['id']))?.result).toBe(true);
  });
});
