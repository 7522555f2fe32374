import { z } from 'zod';

/**
 * The embedded tenant file: Microsoft Graph JSON for users, groups and subscribedSkus, where a
 * group lists `owners` and `members` as user ids and may carry `joinPolicy` and `reasonRequired`,
 * and a user may carry `roles` (Entra roles) and `slackUserId`. Unknown Graph fields are kept.
 */
const text = z.string().min(1);
const optionalText = z.string().nullable().optional();
const assignedLicense = z.object({ skuId: text, disabledPlans: z.array(z.string()).default([]) });
const directoryRole = z.enum(['Global Administrator', 'Groups Administrator', 'License Administrator', 'User Administrator']);

const user = z.looseObject({
  id: text,
  displayName: text,
  userPrincipalName: z.string().includes('@', { message: 'a userPrincipalName looks like name@domain' }),
  mail: optionalText,
  mailNickname: optionalText,
  jobTitle: optionalText,
  department: optionalText,
  country: optionalText,
  usageLocation: z.string().length(2, { message: 'usageLocation is a two-letter country code' }).nullable().optional(),
  userType: z.enum(['Member', 'Guest']).nullable().optional(),
  accountEnabled: z.boolean().optional(),
  assignedLicenses: z.array(assignedLicense).optional(),
  roles: z.array(directoryRole).optional(),
  slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'a Slack user id looks like U0123ABC' }).optional(),
});

const group = z.looseObject({
  id: text,
  displayName: text,
  mailNickname: optionalText,
  description: optionalText,
  groupTypes: z.array(z.string()),
  mailEnabled: z.boolean(),
  securityEnabled: z.boolean(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  isAssignableToRole: z.boolean().nullable().optional(),
  membershipRule: z.string().max(3072).nullable().optional(),
  membershipRuleProcessingState: z.enum(['On', 'Paused']).nullable().optional(),
  visibility: optionalText,
  assignedLicenses: z.array(assignedLicense).optional(),
  owners: z.array(text).max(100, { message: 'a group has at most 100 owners' }),
  members: z.array(text),
  joinPolicy: z.enum(['open', 'approval', 'closed']).optional(),
  reasonRequired: z.boolean().optional(),
});

const subscribedSku = z.looseObject({
  skuId: text,
  skuPartNumber: text,
  displayName: z.string().optional(),
  appliesTo: z.string().optional(),
  capabilityStatus: z.string().optional(),
  prepaidUnits: z.looseObject({ enabled: z.number().int().min(0) }),
  servicePlans: z.array(z.looseObject({ servicePlanId: text, servicePlanName: text })),
});

export const tenantFileSchema = z
  .object({
    tenant: z.object({ id: z.string().optional(), displayName: text, defaultUsageLocation: z.string().length(2).optional() }).optional(),
    users: z.array(user),
    groups: z.array(group),
    subscribedSkus: z.array(subscribedSku).default([]),
  })
  .superRefine((file, ctx) => {
    const userIds = new Set(file.users.map((u) => u.id));
    const skuIds = new Set(file.subscribedSkus.map((s) => s.skuId));
    const report = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    duplicates(file.users.map((u) => u.id)).forEach((i) => report(['users', i, 'id'], 'this id is used by another user'));
    duplicates(file.groups.map((g) => g.id)).forEach((i) => report(['groups', i, 'id'], 'this id is used by another group'));
    file.groups.forEach((g, gi) => {
      for (const list of ['owners', 'members'] as const) {
        g[list].forEach((id, i) => userIds.has(id) || report(['groups', gi, list, i], `no user has the id "${id}"`));
      }
      g.assignedLicenses?.forEach((l, i) => skuIds.has(l.skuId) || report(['groups', gi, 'assignedLicenses', i, 'skuId'], `no subscribedSku has the skuId "${l.skuId}"`));
    });
    file.users.forEach((u, ui) =>
      u.assignedLicenses?.forEach((l, i) => skuIds.has(l.skuId) || report(['users', ui, 'assignedLicenses', i, 'skuId'], `no subscribedSku has the skuId "${l.skuId}"`)),
    );
  });

export type TenantFile = z.infer<typeof tenantFileSchema>;

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}
