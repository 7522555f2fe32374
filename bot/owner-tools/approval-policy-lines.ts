import type { GroupSettings } from '../../domain/join-requests/join-policy.js';
import { code, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { approvalStagesWords } from '../words/approval-policy-words.js';
import { escalationWords, namesInStages } from './set-approval-stages.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** For `policy <group>`: who approves requests, stage by stage, and how to change it. */
export async function approvalPolicyLines(gate: GroupGate, groupName: string, settings: GroupSettings): Promise<Line[]> {
  const stages = settings.approvalStages ?? [];
  const words = approvalStagesWords(stages, await namesInStages(gate, stages));
  return [
    [`Requests are approved by ${words} (`, code(`policy ${groupName} stages: manager, owners`), ', ', code(`policy ${groupName} quorum 2`), ').'],
    [`${capitalised(await escalationWords(gate, settings.escalation))} (`, code(`policy ${groupName} escalate ${settings.escalation ? 'off' : 'after 3d to admins'}`), ').'],
  ];
}
