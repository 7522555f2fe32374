import { z } from 'zod';
import { maxReasonLength } from '../../bot/commands/join-command.js';
import { clickOriginSchema } from './deny-note-modal.js';
import { textInputModal, typedText } from './decision-modal.js';

/** The modal's callback id, which routes its submission back here. */
export const askReasonCallbackId = 'groupgate.ask-reason';

/**
 * What the modal remembers between the Ask to join click and the submission: the command the
 * button runs, whether the group's owners ask for a reason (only how the modal looks: the join
 * itself checks the group's policy), and where the click came from. The clicker is read from the
 * submission, never from here.
 */
export const askReasonMetadataSchema = z.object({ command: z.string().min(1).max(600), required: z.boolean(), origin: clickOriginSchema });
export type AskReasonMetadata = z.infer<typeof askReasonMetadataSchema>;

const reasonBlockId = 'reason';

/** Slack's counterpart of the reason input Teams and the web chat show on the card: Block Kit messages hold no text input. */
export function askReasonModal(metadata: AskReasonMetadata) {
  return textInputModal({
    callbackId: askReasonCallbackId,
    metadata,
    title: 'Ask to join',
    submit: 'Send request',
    question: `${metadata.command.replace(/^join\s+/i, 'Join ')}: the owners read your reason on their card.`,
    blockId: reasonBlockId, optional: !metadata.required, maxLength: maxReasonLength,
    label: metadata.required ? 'Why do you want to join? (its owners ask for a reason)' : 'Why do you want to join? (optional)',
  });
}

/** The reason typed into the modal, if any. */
export const reasonFromSubmission = (values: Parameters<typeof typedText>[0]) => typedText(values, reasonBlockId);
