import { z } from 'zod';
import { decisionModal } from './decision-modal.js';
import { clickOriginSchema } from './deny-note-modal.js';

/** The modal's callback id, which routes its submission back here. */
export const approveDurationCallbackId = 'groupgate.approve-duration';

const choiceSchema = z.object({ value: z.string().min(1).max(24), title: z.string().min(1).max(75) });

/** What the modal remembers between the Approve click and the submission. The clicker is read from the submission, never from here. */
export const approveDurationMetadataSchema = z.object({ requestId: z.string().min(1).max(16), origin: clickOriginSchema, choices: z.array(choiceSchema).min(1).max(10) });
export type ApproveDurationMetadata = z.infer<typeof approveDurationMetadataSchema>;

const lengthBlockId = 'duration';

const option = (choice: z.infer<typeof choiceSchema>) => ({ text: { type: 'plain_text' as const, text: choice.title }, value: choice.value });

/**
 * Approve for a time-bound request: how long to grant, the length asked preselected, shorter ones
 * to pick from (Teams and the web chat show the same choice on the card itself).
 */
export function approveDurationModal(metadata: ApproveDurationMetadata) {
  return decisionModal({
    callbackId: approveDurationCallbackId,
    metadata,
    title: 'Approve request',
    submit: 'Approve',
    question: `Approve join request ${metadata.requestId}? It's for a limited time: grant what was asked, or less.`,
    input: {
      block_id: lengthBlockId,
      label: { type: 'plain_text', text: 'Grant membership for' },
      element: { type: 'static_select', action_id: lengthBlockId, initial_option: option(metadata.choices[0]!), options: metadata.choices.map(option) },
    },
  });
}

const selectionSchema = z.object({ selected_option: z.object({ value: z.string().max(24) }).nullable().optional() });

/** The length picked in the modal (one of the offered values), if any. */
export function durationFromSubmission(values: Readonly<Record<string, Readonly<Record<string, unknown>>>>, metadata: ApproveDurationMetadata): string | undefined {
  const picked = selectionSchema.safeParse(values[lengthBlockId]?.[lengthBlockId]);
  const value = picked.success ? picked.data.selected_option?.value : undefined;
  return metadata.choices.some((choice) => choice.value === value) ? value : undefined;
}
