import { describe, expect, it } from 'vitest';
import { commandTextFromSlack } from '../../../adapters/slack/command-text-from-slack.js';

describe('commandTextFromSlack', () => {
  it.each([
    ['join Atlas Project', 'join Atlas Project'],
    ['<@UBOT> join Atlas Project', 'join Atlas Project'],
    ['<@UBOT|groupgate>   help', 'help'],
    ['join R&amp;D &lt;Lab&gt;', 'join R&D <Lab>'],
    ['check <@U0ROWAN|rowan> against Atlas Project', 'check @rowan against Atlas Project'],
    ['alerts here <#C0ALERTS|license-alerts>', 'alerts here #license-alerts'],
    ['join <mailto:atlas@contoso.example|atlas@contoso.example>', 'join atlas@contoso.example'],
    ['join <https://contoso.example/atlas>', 'join https://contoso.example/atlas'],
    ['<!here> help', '@here help'],
    ['preview rule (user.department -eq "Sales")  -and  (user.country -eq "US")', 'preview rule (user.department -eq "Sales")  -and  (user.country -eq "US")'],
    ['&amp;lt;', '&lt;'],
  ])('reads %j as %j', (slack, typed) => {
    expect(commandTextFromSlack(slack, 'UBOT')).toBe(typed);
  });
});
