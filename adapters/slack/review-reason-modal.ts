import { z } from 'zod';
import { maxReasonLength } from '../../cards/card-buttons.js';
import { textInputModal, typedText } from './decision-modal.js';
import { clickOriginSchema } from './deny-note-modal.js';

/** The modal's callback id, which routes its submission back here. */
export const reviewReasonCallbackId = 'groupgate.review-remove';

/** What the modal remembers between Remove and the submission; the clicker is read from the submission, and the click checked again then. */
export const reviewReasonMetadataSchema = z.object({ reviewId: z.string().min(1).max(16), memberId: z.string().min(1).max(64), origin: clickOriginSchema });
export type ReviewReasonMetadata = z.infer<typeof reviewReasonMetadataSchema>;

const reasonBlockId = 'reason';

/** Remove on a review card (a Slack message holds no input): the optional reason the member is told, as Teams and the web chat ask on the card. */
export function reviewReasonModal(metadata: ReviewReasonMetadata) {
  return textInputModal({
    callbackId: reviewReasonCallbackId,
    metadata,
    title: 'Remove from the group',
    submit: 'Remove',
    question: 'Remove this member when the review says so? They are told why, with your reason if you add one.',
    blockId: reasonBlockId, optional: true, label: 'Why? (optional, the member is told)', multiline: false, maxLength: maxReasonLength, placeholder: 'e.g. Moved to the sales team',
  });
}

/** The reason typed into the modal, if any. */
export const reviewReasonFromSubmission = (values: Parameters<typeof typedText>[0]) => typedText(values, reasonBlockId);
