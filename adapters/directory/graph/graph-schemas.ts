import { z } from 'zod';
import { GraphRequestError } from './graph-request-error.js';

/**
 * Microsoft Graph's JSON as GroupGate reads it, checked at the edge. Objects stay loose: Graph adds
 * fields over time and a rule may read any of them, so unknown fields are kept, not refused.
 */
const text = z.string().min(1);

/** A directory object reference in a `…@delta` list or a `members` page; `@removed` marks a removal. */
export const objectRefSchema = z.looseObject({
  id: text,
  '@odata.type': z.string().optional(),
  '@removed': z.looseObject({ reason: z.string().optional() }).optional(),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

const refs = z.array(objectRefSchema).optional();

/** A user or group as a delta page carries it: fields, reference lists, or only `@removed`. */
export const deltaItemSchema = z.looseObject({
  id: text,
  '@removed': z.looseObject({ reason: z.string().optional() }).optional(),
  'manager@delta': refs,
  'members@delta': refs,
  'owners@delta': refs,
});
export type DeltaItem = z.infer<typeof deltaItemSchema>;

/** One page of a collection: its items and where to go next (a page, or the next delta round). */
export const pageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.url().optional(),
  '@odata.deltaLink': z.url().optional(),
});
export type Page = z.infer<typeof pageSchema>;

/** Graph's `licenseAssignmentState`; `error` is null on success (samples also show "None"). */
export const licenseAssignmentStateSchema = z.looseObject({
  assignedByGroup: z.string().nullable().optional(),
  skuId: text,
  disabledPlans: z.array(z.string()).nullable().optional(),
  state: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  lastUpdatedDateTime: z.string().nullable().optional(),
});
export type GraphLicenseAssignmentState = z.infer<typeof licenseAssignmentStateSchema>;

/** A user's id with its license assignment states (`/users?$select=id,licenseAssignmentStates`). */
export const userLicenseStatesSchema = z.looseObject({
  id: text,
  licenseAssignmentStates: z.array(licenseAssignmentStateSchema).nullable().optional(),
});

/** A tenant's license pool (`/subscribedSkus`). */
export const subscribedSkuSchema = z.looseObject({
  skuId: text,
  skuPartNumber: text,
  appliesTo: z.string().optional(),
  capabilityStatus: z.string().optional(),
  consumedUnits: z.number().optional(),
  prepaidUnits: z.looseObject({ enabled: z.number() }),
  servicePlans: z.array(z.looseObject({ servicePlanId: text, servicePlanName: text })).default([]),
});

/** The tenant itself (`/organization`): its name and the country that serves as default usage location. */
export const organizationSchema = z.looseObject({
  id: text,
  displayName: z.string().nullable().optional(),
  countryLetterCode: z.string().nullable().optional(),
});

/** A role assignment (`roleManagement/directory/roleAssignments`), its principal expanded to type and id. */
export const roleAssignmentSchema = z.looseObject({
  roleDefinitionId: text,
  principalId: text,
  directoryScopeId: z.string().nullable().optional(),
  principal: z.looseObject({ '@odata.type': z.string().optional() }).nullable().optional(),
});

/** Graph's error body: `{ error: { code, message } }`. */
export const errorBodySchema = z.object({
  error: z.looseObject({ code: z.string().default(''), message: z.string().default('') }),
});

/** Checks a piece of Graph's answer; one GroupGate cannot read is a clear error naming what it was. */
export function parseGraph<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph sent ${what} GroupGate cannot read (${issue?.path.join('.') || 'value'}: ${issue?.message})`);
}
