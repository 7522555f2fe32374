import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { findBlockKitProblems } from '../../adapters/slack/find-block-kit-problems.js';
import type { LicenseAlertView } from '../../cards/card-view.js';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';

const hostile = '<!channel> *Ada* <https://evil.example|Ito>';
const alert: LicenseAlertView = {
  kind: 'licenseAlert',
  title: '⚠ License shortfall · Microsoft 365 E5 (SPE_E5)',
  tone: 'warning',
  summary: ['3 members can’t get ', { bold: 'Microsoft 365 E5' }, ': no seats left.'],
  seats: { total: 250, used: 250, free: 0, waiting: 3 },
  groups: [{ name: 'Licensed Analysts', waiting: 2 }, { name: 'Sales Power Users', waiting: 1 }],
  affected: ['Kai Moreno', hostile, 'Ben Ortiz'],
  moreAffected: 0,
  since: 'Since 14:05 UTC',
  buttons: [
    { action: 'run', title: 'Show affected users', command: 'licenses SPE_E5' },
    { action: 'run', title: 'Reprocess', command: 'reprocess SPE_E5' },
  ],
};

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(texts) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : texts(v))) : [];

describe('the license alert card', () => {
  it('shows the SKU, the seats, the groups and who is waiting, with Show and Reprocess buttons (Adaptive Card)', () => {
    const card = toAdaptiveCard(alert);
    const shown = texts(card).join('\n');
    expect(shown).toContain('⚠ License shortfall · Microsoft 365 E5 (SPE_E5)');
    expect(shown).toContain('250 seats · 250 used · 0 free · 3 members waiting');
    expect(shown).toContain('Licensed Analysts (2 waiting), Sales Power Users (1 waiting)');
    expect(shown).toContain(`Kai Moreno, ${hostile}, Ben Ortiz`);
    expect(JSON.stringify(card)).toContain('"verb":"command.run","data":{"command":"reprocess SPE_E5"}');
    const context = new AC.SerializationContext();
    new AC.AdaptiveCard().parse(card, context);
    expect(context.eventCount).toBe(0);
  });

  it('renders as valid Block Kit whose notification text cannot ping anyone', () => {
    const message = toBlockKit({ ...alert, title: `⚠ License shortfall · ${hostile}` });
    expect(findBlockKitProblems(message, 'message')).toEqual([]);
    expect(message.text).not.toMatch(/<!channel>|<https/);
    const buttons = JSON.stringify(message.blocks);
    expect(buttons).toContain('"action_id":"command.run:0"');
    expect(buttons).toContain(JSON.stringify(JSON.stringify({ command: 'licenses SPE_E5' })));
  });

  it('leaves out groups and names for a resolved or low-seat alert', () => {
    const resolved = toBlockKit({ ...alert, title: '✅ Resolved · Microsoft 365 E5 (SPE_E5)', tone: 'good', groups: [], affected: [], seats: { total: 10, used: 10, free: 0, waiting: 0 }, buttons: [] });
    expect(texts(resolved.blocks).join('\n')).not.toMatch(/Groups:|Waiting:|members waiting/);
    expect(findBlockKitProblems(resolved, 'message')).toEqual([]);
  });
});
