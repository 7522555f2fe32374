import { maxOwners } from '../../domain/group-management/assess-group-change.js';
import { readActorRights } from '../../domain/group-management/owner-tool-ports.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, type ListRow } from '../../cards/card-view.js';
import { resolveGroup } from '../resolve-group.js';
import { defineCommand } from './command-spec.js';

/** `owners <group>`, also "who owns …": who owns a group; its owners (and admins) get buttons to manage them. */
export const ownersCommand = defineCommand({
  name: 'owners',
  usage: 'owners <group>',
  description: 'Who owns a group',
  audience: 'everyone',
  parse: (text) => /^(?:owners|list owners|show owners|who owns)\s+(?:of\s+)?(.+?)\??$/is.exec(text)?.[1],
  run: async (gate, turn, typed) => {
    const found = await resolveGroup(gate.directory, typed, (name) => `owners ${name}`);
    if ('reply' in found) return found.reply;
    const { group } = found;
    const rights = await readActorRights(gate.directory, turn.actor, group.id);
    const owners = (await Promise.all(rights.owners.map((id) => gate.directory.getUser(id)))).filter((u): u is DirectoryUser => u !== undefined);
    const manages = rights.isOwner || rights.isAdmin;
    const removable = manages && (owners.length > 1 || rights.isAdmin);
    const rows: ListRow[] = owners
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((owner) => ({
        title: [bold(owner.displayName)],
        detail: [[owner.jobTitle, owner.mail ?? owner.userPrincipalName].filter(Boolean).join(' · ')],
        buttons: removable ? [{ action: 'run', title: 'Remove as owner', command: `remove owner ${owner.userPrincipalName} from ${group.displayName}` }] : [],
      }));
    return [
      {
        kind: 'list',
        title: `Owners of ${group.displayName}`,
        intro: [owners.length === 0 ? [bold(group.displayName), ' has no owners: the admins approve its join requests.'] : [`${owners.length} of at most ${maxOwners} owners.`]],
        rows,
        ...(manages ? { footer: [['Add one: ', code(`add owner <person> to ${group.displayName}`)]] } : {}),
      },
    ];
  },
});
