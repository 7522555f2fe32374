import { z } from 'zod';
import { maxReasonLength } from '../../bot/commands/join-command.js';
import { textInputModal, typedText } from './decision-modal.js';

/** The modal's callback id, which routes its submission back here. */
export const denyNoteCallbackId = 'groupgate.deny-note';

/** Where a click came from, so the outcome lands in the right place once the modal is submitted. */
export const clickOriginSchema = z.object({
  /** The clicked message's response_url (messages only; valid 30 minutes, 5 posts). */
  responseUrl: z.url().optional(),
  /** The clicked message's conversation and ts. */
  channel: z.string().optional(),
  ts: z.string().optional(),
  /** True when the click came from the App Home tab, which is republished afterwards. */
  home: z.boolean(),
});
export type ClickOrigin = z.infer<typeof clickOriginSchema>;

/** What the modal remembers between the Deny click and the submission. The clicker is read from the submission, never from here. */
export const denyNoteMetadataSchema = z.object({ requestId: z.string().min(1).max(16), origin: clickOriginSchema });
export type DenyNoteMetadata = z.infer<typeof denyNoteMetadataSchema>;

const noteBlockId = 'note';

/** The Deny modal: an optional note for the requester, sent with the decision. */
export function denyNoteModal(metadata: DenyNoteMetadata) {
  return textInputModal({
    callbackId: denyNoteCallbackId,
    metadata,
    title: 'Deny request',
    submit: 'Deny',
    question: `Deny join request ${metadata.requestId}? The requester is told who decided, with your note if you add one.`,
    blockId: noteBlockId, optional: true, label: 'Note for the requester', multiline: true, maxLength: maxReasonLength, placeholder: 'e.g. Please use Atlas Readers instead',
  });
}

/** The modal's callback id for Approve with a note. */
export const approveNoteCallbackId = 'groupgate.approve-note';

/** Approve with a note (Slack's message holds no input): the optional note goes to the requester with the approval. */
export function approveNoteModal(metadata: DenyNoteMetadata) {
  return textInputModal({
    callbackId: approveNoteCallbackId,
    metadata,
    title: 'Approve request',
    submit: 'Approve',
    question: `Approve join request ${metadata.requestId}? The requester is told who decided, with your note.`,
    blockId: noteBlockId, optional: true, label: 'Note for the requester', multiline: true, maxLength: maxReasonLength, placeholder: 'e.g. Welcome to the team',
  });
}

/** The note typed into the modal, if any. */
export const noteFromSubmission = (values: Parameters<typeof typedText>[0]) => typedText(values, noteBlockId);
