import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReviewSweep } from '../../bot/access-reviews/run-review-sweep.js';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardView } from '../../cards/card-view.js';
import { auditActions, type AuditAction, type AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Platform } from '../../domain/join-requests/join-request.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import { days, ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

const room = { platform: 'slack', id: 'C0LICENSING', name: '#licensing', kind: 'channel' } as const;
const clock = new ManualClock();
let running: RunningGroupGate;
beforeAll(async () => {
  running = await startTestGroupGate({}, { clock, channels: [new RecordingChannel('web'), new RecordingChannel('slack')] });
});
afterAll(async () => running.stop());

const turn = (name: string, platform: Platform = 'web'): Turn => ({ actor: person(name), platform, ...(platform === 'slack' ? { conversation: room } : {}) });
let last: readonly CardView[] = [];
const say = async (name: string, text: string, platform?: Platform) => {
  last = await handleMessage(running.gate, turn(name, platform), text);
  await running.gate.background.idle();
  return replyText(last);
};
const click = async (name: string, payload: Record<string, unknown>, platform?: Platform) => {
  await handleCardAction(running.gate, turn(name, platform), payload);
  await running.gate.background.idle();
};
const requestIn = (text: string) => /Your request is (R-\w+)/.exec(text)![1]!;
const runButton = (title: string) => last.flatMap((c) => (c.kind === 'message' ? c.buttons ?? [] : [])).flatMap((b) => (b.action === 'run' && b.title === title ? [b.command] : []))[0]!;
const proposalIn = () => last.flatMap((c) => (c.kind === 'ruleProposal' ? [c.proposalId] : []))[0]!;

/** Each kind of action, done once through chat (or the sweep that does it), with the entry it must leave. */
const steps: ReadonlyArray<{ readonly action: AuditAction; readonly run: () => Promise<unknown>; readonly entry: Partial<AuditEntry>; readonly byGroupGate?: true }> = [
  { action: 'request.created', run: () => say('Rowan Pike', 'join Atlas Project because I moved teams'), entry: { actorName: 'Rowan Pike', platform: 'web', groupName: 'Atlas Project', requestId: expect.stringMatching(/^R-/) } },
  { action: 'request.approved', run: async () => click('Ines Duarte', { action: 'join-request.approve', requestId: requestIn(replyText(last)) }, 'teams'), entry: { actorName: 'Ines Duarte', platform: 'teams', subjectName: 'Rowan Pike', groupName: 'Atlas Project' } },
  { action: 'membership.added', run: async () => undefined, entry: { actorName: 'Ines Duarte', platform: 'teams', subjectName: 'Rowan Pike', details: { cause: 'joinRequest' } } },
  { action: 'request.refused', run: () => say('Rowan Pike', 'join Board Room'), entry: { actorName: 'Rowan Pike', groupName: 'Board Room', details: { reason: 'closed' } } },
  { action: 'request.denied', run: async () => click('Tomas Berg', { action: 'join-request.deny', requestId: requestIn(await say('Liam Walker', 'join Atlas Project', 'slack')), note: 'Use Atlas Readers' }, 'slack'), entry: { actorName: 'Tomas Berg', platform: 'slack', subjectName: 'Liam Walker', details: { withNote: true } } },
  { action: 'request.cancelled', run: async () => say('Dana Lee', `cancel ${requestIn(await say('Dana Lee', 'join Atlas Project'))}`), entry: { actorName: 'Dana Lee', groupName: 'Atlas Project' } },
  {
    action: 'request.expired',
    run: async () => {
      await say('Ada Ito', 'join Atlas Project');
      clock.advance(days(8));
      await sweepJoinRequests(running.gate.requests);
    },
    entry: { subjectName: 'Ada Ito', groupName: 'Atlas Project' },
    byGroupGate: true,
  },
  { action: 'membership.removed', run: () => say('Rowan Pike', 'leave Atlas Project', 'teams'), entry: { actorName: 'Rowan Pike', platform: 'teams', subjectName: 'Rowan Pike', details: { cause: 'leave' } } },
  { action: 'membership.timeBound', run: () => say('Rowan Pike', 'join Lunch Club for 8h'), entry: { actorName: 'Rowan Pike', groupName: 'Lunch Club', details: expect.objectContaining({ duration: 'PT8H', extended: false }) } },
  { action: 'owner.added', run: () => say('Ines Duarte', 'add owner Mere Tane to Atlas Project'), entry: { actorName: 'Ines Duarte', subjectName: 'Mere Tane', groupName: 'Atlas Project' } },
  { action: 'owner.removed', run: () => say('Ines Duarte', 'remove owner Mere Tane from Atlas Project'), entry: { actorName: 'Ines Duarte', subjectName: 'Mere Tane' } },
  {
    action: 'request.approvalCounted',
    run: async () => {
      await say('Ines Duarte', 'policy Atlas Project quorum 2');
      await click('Ines Duarte', { action: 'join-request.approve', requestId: requestIn(await say('Liam Walker', 'join Atlas Project because I build it')) });
    },
    entry: { actorName: 'Ines Duarte', subjectName: 'Liam Walker', groupName: 'Atlas Project' },
  },
  {
    action: 'request.stageApproved',
    run: async () => {
      await say('Ines Duarte', 'policy Atlas Project stages: owners, admins');
      await click('Ines Duarte', { action: 'join-request.approve', requestId: requestIn(await say('Dana Lee', 'join Atlas Project because I plan it')) });
    },
    entry: { actorName: 'Ines Duarte', subjectName: 'Dana Lee', groupName: 'Atlas Project' },
  },
  {
    action: 'request.escalated',
    run: async () => {
      await say('Ines Duarte', 'policy Atlas Project escalate after 3d to admins');
      await say('Ada Ito', 'join Atlas Project because I review it');
      clock.advance(days(4));
      await sweepJoinRequests(running.gate.requests);
    },
    entry: { subjectName: 'Ada Ito', groupName: 'Atlas Project' },
    byGroupGate: true,
  },
  { action: 'approvals.delegated', run: () => say('Ines Duarte', 'delegate my approvals to Tomas Berg until 2w'), entry: { actorName: 'Ines Duarte', subjectName: 'Tomas Berg' } },
  {
    action: 'request.autoApproved',
    run: async () => {
      await say('Ines Duarte', 'policy Atlas Project approval unless user.department -eq "Research"');
      await click('Ines Duarte', { action: 'command.run', command: runButton('Save') });
      await say('Rowan Pike', 'join Atlas Project', 'slack');
    },
    entry: { actorName: 'Rowan Pike', platform: 'slack', subjectName: 'Rowan Pike', groupName: 'Atlas Project', details: { rule: 'user.department -eq "Research"' } },
  },
  { action: 'review.started', run: () => say('Ines Duarte', 'review Atlas Project'), entry: { actorName: 'Ines Duarte', groupName: 'Atlas Project' } },
  {
    action: 'review.decided',
    run: async () => click('Ines Duarte', { action: 'access-review.keep', reviewId: /V-[0-9A-Z]{6}/.exec(replyText(last))![0], memberId: person('Mere Tane').id }),
    entry: { actorName: 'Ines Duarte', subjectName: 'Mere Tane', groupName: 'Atlas Project' },
  },
  {
    action: 'review.closed',
    run: async () => {
      clock.advance(days(15));
      await runReviewSweep(running.gate, 0);
    },
    entry: { groupName: 'Atlas Project' },
    byGroupGate: true,
  },
  { action: 'settings.changed', run: () => say('Ines Duarte', 'policy Atlas Project open'), entry: { actorName: 'Ines Duarte', details: { setting: 'joinPolicy', value: 'open', was: 'approval' } } },
  { action: 'tenantSettings.changed', run: () => say('Jordan Blake', 'setting prefix GRP-'), entry: { actorName: 'Jordan Blake', details: expect.objectContaining({ setting: 'prefix' }) } },
  { action: 'group.created', run: () => say('Jordan Blake', 'create group Audit Readers'), entry: { actorName: 'Jordan Blake', groupName: 'GRP-Audit Readers' } },
  { action: 'rule.proposed', run: () => say('Grace Kim', 'propose rule for Sales US: user.department -eq "Sales"'), entry: { actorName: 'Grace Kim', groupName: 'Sales US', details: expect.objectContaining({ rule: 'user.department -eq "Sales"' }) } },
  { action: 'rule.applied', run: () => click('Grace Kim', { action: 'rule-proposal.apply', proposalId: proposalIn() }), entry: { actorName: 'Grace Kim', groupName: 'Sales US', details: expect.objectContaining({ processedBy: 'groupgate' }) } },
  {
    action: 'rule.cancelled',
    run: async () => {
      await say('Grace Kim', 'propose rule for Sales US: user.country -eq "US"');
      await click('Grace Kim', { action: 'rule-proposal.cancel', proposalId: proposalIn() });
    },
    entry: { actorName: 'Grace Kim', groupName: 'Sales US' },
  },
  { action: 'attribute.changed', run: () => say('Jordan Blake', 'set Rowan Pike department Research'), entry: { actorName: 'Jordan Blake', subjectName: 'Rowan Pike', details: expect.objectContaining({ attribute: 'department', value: 'Research' }) } },
  { action: 'alerts.subscribed', run: () => say('Riley Chen', 'alerts here', 'slack'), entry: { actorName: 'Riley Chen', platform: 'slack', details: { conversation: 'channel' } } },
  {
    action: 'alert.sent',
    run: async () => {
      for (const requester of ['Rowan Pike', 'Ada Ito']) await click('Dana Lee', { action: 'join-request.approve', requestId: requestIn(await say(requester, 'join Licensed Analysts because I analyse')) });
    },
    entry: { details: expect.objectContaining({ sku: 'SPE_E5', alert: 'shortfallStarted', channels: 1 }) },
    byGroupGate: true,
  },
  { action: 'seats.changed', run: () => say('Riley Chen', 'seats E5 12'), entry: { actorName: 'Riley Chen', details: { sku: 'SPE_E5', seats: 12, was: 9 } } },
  { action: 'licensing.reprocessed', run: () => say('Riley Chen', 'reprocess'), entry: { actorName: 'Riley Chen', details: expect.objectContaining({ scope: 'every license' }) } },
  { action: 'alerts.unsubscribed', run: () => say('Riley Chen', 'alerts off', 'slack'), entry: { actorName: 'Riley Chen', platform: 'slack' } },
];

describe('the audit trail', () => {
  it.each(steps.map((step) => [step.action, step] as const))('records %s: who, what, when and where', async (action, step) => {
    await step.run();
    const { entries } = await running.gate.audit.query({ where: (entry) => entry.action === action });
    expect(entries[0], replyText(last)).toMatchObject({ ...step.entry, action, at: clock.now().toISOString() });
    // What GroupGate does by itself (a sweep, an alert) names no person and no platform.
    if (step.byGroupGate) {
      expect(entries[0]).not.toHaveProperty('actorId');
      expect(entries[0]).not.toHaveProperty('platform');
    } else expect(entries[0]).toHaveProperty('actorId');
  });

  it('has a step above for every kind of action it knows', () => {
    expect(new Set(steps.map((step) => step.action))).toEqual(new Set(auditActions));
  });
});
