import { z } from 'zod';
import type { GroupCreationPolicy } from '../../../domain/model/group-creation-policy.js';
import { groupId } from '../../../domain/model/ids.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { parseGraph } from './graph-schemas.js';

/** The Group.Unified settings template: tenant-wide Microsoft 365 group settings. */
export const groupUnifiedTemplateId = '62375ab9-6b52-47ed-826b-58e47e0e304b';

const groupSettingsSchema = z.looseObject({
  value: z.array(z.looseObject({
    displayName: z.string().nullable().optional(),
    templateId: z.string().nullable().optional(),
    values: z.array(z.looseObject({ name: z.string(), value: z.string().nullable().optional() })).default([]),
  })),
});
const authorizationPolicySchema = z.looseObject({
  defaultUserRolePermissions: z.looseObject({ allowedToCreateSecurityGroups: z.boolean().optional() }).optional(),
});

/**
 * What Entra says about people creating groups: the Group.Unified setting (`GET /groupSettings`;
 * when no such object exists Entra's defaults apply: creation on, no naming policy) and the
 * authorization policy's `allowedToCreateSecurityGroups` (`GET /policies/authorizationPolicy`).
 * A part GroupGate may not read (403: GroupSettings.Read.All or Policy.Read.All not granted) is
 * left out with a warning, and GroupGate's own setting decides alone.
 */
export async function readGroupCreationPolicy(http: GraphHttp, logger: Logger): Promise<GroupCreationPolicy> {
  const [unified, security] = await Promise.all([
    readPart(logger, 'groupSettings', async () => {
      const { body } = await http.send('/groupSettings');
      const setting = parseGraph(groupSettingsSchema, body, '/groupSettings').value.find((s) => s.templateId === groupUnifiedTemplateId || s.displayName === 'Group.Unified');
      const values = new Map((setting?.values ?? []).map((v) => [v.name.toLowerCase(), v.value?.trim() ?? '']));
      const allowedGroup = values.get('groupcreationallowedgroupid');
      const prefixSuffix = values.get('prefixsuffixnamingrequirement');
      return {
        creationAllowed: values.get('enablegroupcreation')?.toLowerCase() !== 'false',
        ...(allowedGroup ? { allowedGroupId: groupId(allowedGroup) } : {}),
        ...(prefixSuffix ? { prefixSuffix } : {}),
        blockedWords: (values.get('customblockedwordslist') ?? '').split(',').map((w) => w.trim()).filter(Boolean),
      };
    }),
    readPart(logger, 'policies/authorizationPolicy', async () => {
      const { body } = await http.send('/policies/authorizationPolicy');
      const allowed = parseGraph(authorizationPolicySchema, body, '/policies/authorizationPolicy').defaultUserRolePermissions?.allowedToCreateSecurityGroups;
      return allowed === undefined ? undefined : { creationAllowed: allowed };
    }),
  ]);
  return { ...(unified ? { microsoft365: unified } : {}), ...(security ? { security } : {}) };
}

async function readPart<T>(logger: Logger, what: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof GraphRequestError && error.reason === 'forbidden')) throw error;
    logger.warn({ what, status: error.details.status }, 'Microsoft Graph would not show a group creation setting; GroupGate\'s own setting decides');
    return undefined;
  }
}
