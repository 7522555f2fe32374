import { z } from 'zod';

/**
 * The least a request to /api/messages must be before botbuilder reads it: a JSON object naming
 * its activity type. botbuilder throws on anything else, and the error's words would reach the caller.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string({ message: 'expected an activity type' }).min(1).max(64),
});

/** Why a request body is not an activity GroupGate can hand to botbuilder, or undefined when it is. */
export function inboundActivityProblem(body: unknown): string | undefined {
  const parsed = inboundActivitySchema.safeParse(body);
  return parsed.success ? undefined : `Expected a Bot Framework activity: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ')}`;
}
