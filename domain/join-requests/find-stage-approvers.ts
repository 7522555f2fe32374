import { isGroupAdmin, type DirectoryUser } from '../model/directory-user.js';
import { userId, type UserId } from '../model/ids.js';
import type { Directory } from '../ports/directory.js';
import { ownersStage, type ApprovalStage, type ApproverKind } from './approval-stage.js';
import { askersOf, type JoinRequest } from './join-request.js';

/** Each stage's approvers as the directory has them now, the requester (and whoever asked for them) never among them. */
export interface StageApprovers {
  /** `sets[i]`: stage i's approvers (empty: nobody, so the stage is skipped). */
  readonly sets: readonly (readonly UserId[])[];
  /** The stages (the request's, or the single stage of a request made before stages). */
  readonly stages: readonly ApprovalStage[];
  /** True when no stage had anyone, so the first stage went to the owners, else the admins (as before stages). */
  readonly fellBack: boolean;
  /** True when `sets[0]` of the fallback, or of a stage of admins, is the admins. */
  readonly adminStages: readonly boolean[];
}

/** What the caller read already (a click reads the owners and the requester anyway): not read again. */
export interface AlreadyRead {
  readonly owners?: readonly UserId[];
  readonly requester?: DirectoryUser;
}

/**
 * Who may approve at each stage of a request, read from the directory now: the group's owners, the
 * requester's manager (Graph's `manager`), named people, or the group admins. A request of one
 * stage (made before stages, or of a group without a policy) has today's approvers: the owners,
 * else the admins. When no stage has anyone, the same fallback takes the first stage.
 */
export async function findStageApprovers(directory: Directory, request: Pick<JoinRequest, 'groupId' | 'requesterId' | 'askedBy' | 'stages' | 'stage' | 'escalation' | 'escalatedAt'>, read: AlreadyRead = {}): Promise<StageApprovers> {
  const stages = request.stages?.length ? request.stages : [ownersStage];
  const staged = request.stages?.length ? true : false;
  const kinds = new Set<ApproverKind>(stages.map((s) => s.approvers));
  const [owners, requester] = await Promise.all([
    read.owners ?? directory.listOwners(request.groupId),
    kinds.has('manager') ? (read.requester ?? directory.getUser(request.requesterId)) : undefined,
  ]);
  const escalatedTo = request.escalatedAt ? request.escalation?.to : undefined;
  const admins = kinds.has('admins') || owners.length === 0 || escalatedTo === 'admins' ? await adminIds(directory) : [];
  const askers = askersOf(request);
  const not = (ids: readonly UserId[]) => [...new Set(ids)].filter((id) => !askers.includes(id));
  const manager = managerOf(requester);
  const setOf = (stage: ApprovalStage): readonly UserId[] => {
    switch (stage.approvers) {
      case 'owners':
        // A group without owners goes to its admins, at a stage of owners as before stages.
        return not(owners.length > 0 || staged ? owners : admins);
      case 'manager':
        return not(manager ? [manager] : []);
      case 'people':
        return not(stage.people ?? []);
      case 'admins':
        return not(admins);
    }
  };
  // An escalated stage also goes to its alternates, with its own approvers.
  const alternates = escalatedTo === undefined ? [] : escalatedTo === 'admins' ? admins : escalatedTo;
  const sets = stages.map((stage, i) => (i === (request.stage ?? 0) && alternates.length > 0 ? not([...setOf(stage), ...alternates]) : setOf(stage)));
  const adminStages = stages.map((s) => s.approvers === 'admins' || (s.approvers === 'owners' && !staged && owners.length === 0));
  if (sets.some((set) => set.length > 0)) return { sets, stages, fellBack: false, adminStages };
  const fallback = not(owners.length > 0 ? owners : admins);
  return { sets: [fallback, ...sets.slice(1)], stages, fellBack: true, adminStages: [owners.length === 0, ...adminStages.slice(1)] };
}

async function adminIds(directory: Directory): Promise<readonly UserId[]> {
  return (await directory.listAdmins()).filter(isGroupAdmin).map((u) => u.id);
}

/** The requester's manager as the directory records it (`manager: { id }`), if any. */
export function managerOf(requester: DirectoryUser | undefined): UserId | undefined {
  const manager = requester?.['manager'] as { readonly id?: unknown } | null | undefined;
  return typeof manager?.id === 'string' && manager.id ? userId(manager.id) : undefined;
}

/** The approvers of the stage a request waits at now (for a request of one stage: its owners, else its admins). */
export async function currentStageApprovers(directory: Directory, request: Pick<JoinRequest, 'groupId' | 'requesterId' | 'askedBy' | 'stages' | 'stage'>): Promise<{ readonly ids: readonly UserId[]; readonly areAdmins: boolean }> {
  const approvers = await findStageApprovers(directory, request);
  const at = request.stage ?? 0;
  return { ids: approvers.sets[at] ?? [], areAdmins: approvers.adminStages[at] ?? false };
}
