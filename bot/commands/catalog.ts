import { addMemberCommand } from './add-member-command.js';
import { addOwnerCommand } from './add-owner-command.js';
import { alertsCommand } from './alerts-command.js';
import { auditCommand } from './audit-command.js';
import { cancelCommand } from './cancel-command.js';
import { checkRuleCommand } from './check-rule-command.js';
import type { CommandSpec } from './command-spec.js';
import { createGroupCommand } from './create-group-command.js';
import { delegateCommand } from './delegate-command.js';
import { groupsCommand } from './groups-command.js';
import { helpCommandFor } from './help-command.js';
import { joinCommand } from './join-command.js';
import { leaveCommand } from './leave-command.js';
import { licensesCommand } from './licenses-command.js';
import { maxDurationCommand } from './max-duration-command.js';
import { myRequestsCommand } from './my-requests-command.js';
import { ownersCommand } from './owners-command.js';
import { pendingCommand } from './pending-command.js';
import { policyCommand } from './policy-command.js';
import { previewRuleCommand } from './preview-rule-command.js';
import { proposeRuleCommand } from './propose-rule-command.js';
import { removeMemberCommand } from './remove-member-command.js';
import { removeOwnerCommand } from './remove-owner-command.js';
import { reprocessCommand } from './reprocess-command.js';
import { reviewCommand } from './review-command.js';
import { requireReasonCommand } from './require-reason-command.js';
import { seatsCommand } from './seats-command.js';
import { setAttributeCommand } from './set-attribute-command.js';
import { settingCommand } from './setting-command.js';
import { suggestRuleCommand } from './suggest-rule-command.js';

/**
 * Every command GroupGate understands, tried in this order. Help, the Teams manifest and the
 * Slack manifest are all checked against this list.
 */
export const commandCatalog: readonly CommandSpec[] = [
  joinCommand,
  leaveCommand,
  groupsCommand,
  myRequestsCommand,
  cancelCommand,
  pendingCommand,
  policyCommand,
  licensesCommand,
  seatsCommand,
  reprocessCommand,
  alertsCommand,
  previewRuleCommand,
  proposeRuleCommand,
  checkRuleCommand,
  setAttributeCommand,
  createGroupCommand,
  addOwnerCommand,
  removeOwnerCommand,
  addMemberCommand,
  removeMemberCommand,
  ownersCommand,
  requireReasonCommand,
  maxDurationCommand,
  suggestRuleCommand,
  reviewCommand,
  settingCommand,
  auditCommand,
  delegateCommand,
  helpCommandFor(() => commandCatalog),
];
