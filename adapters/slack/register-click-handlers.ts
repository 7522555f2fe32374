import type { App } from '@slack/bolt';
import type { z } from 'zod';
import { handleCardAction, type CardAction, type CardActionResult } from '../../bot/handle-card-action.js';
import type { Turn } from '../../bot/turn.js';
import { CardActions } from '../../cards/card-actions.js';
import type { Reply } from '../../cards/card-view.js';
import { ok } from '../../domain/result.js';
import { pendingDurationChoices } from '../../bot/views/duration-choices.js';
import { readClickedRequest } from '../../bot/read-clicked-request.js';
import { approveDurationCallbackId, approveDurationMetadataSchema, approveDurationModal, durationFromSubmission } from './approve-duration-modal.js';
import { slackClickFromBlockAction } from './card-action-from-block-action.js';
import { askReasonCallbackId, askReasonMetadataSchema, askReasonModal, reasonFromSubmission } from './ask-reason-modal.js';
import { reviewReasonCallbackId, reviewReasonFromSubmission, reviewReasonMetadataSchema, reviewReasonModal } from './review-reason-modal.js';
import { approveNoteCallbackId, approveNoteModal, denyNoteCallbackId, denyNoteMetadataSchema, denyNoteModal, noteFromSubmission, type ClickOrigin } from './deny-note-modal.js';
import { readJson } from './read-json.js';
import { blockActionsSchema, viewSubmissionSchema, type BlockActions } from './slack-payloads.js';
import { cardArgs } from './slack-message.js';
import type { SlackSurface } from './slack-surface.js';

/**
 * Button clicks (block_actions) and the Deny modal's submission. Both ack at once — Slack gives
 * 3 seconds — and decide afterwards; the clicker is always Slack's `user.id`, never card data.
 */
export function registerClickHandlers(app: App, surface: SlackSurface): void {
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    surface.afterAck('slack: button click', () => onClick(surface, body));
  });
  app.view(denyNoteCallbackId, async ({ ack, body }) => {
    await ack(); // closes the modal; the outcome shows on the card
    surface.afterAck('slack: deny note', () => onDenyNote(surface, body));
  });
  app.view(approveNoteCallbackId, async ({ ack, body }) => {
    await ack();
    surface.afterAck('slack: approve note', () => onApproveNote(surface, body));
  });
  app.view(approveDurationCallbackId, async ({ ack, body }) => {
    await ack();
    surface.afterAck('slack: approve duration', () => onApproveDuration(surface, body));
  });
  app.view(reviewReasonCallbackId, async ({ ack, body }) => {
    await ack();
    surface.afterAck('slack: review remove', () => onReviewReason(surface, body));
  });
  app.view(askReasonCallbackId, async ({ ack, body }) => {
    await ack();
    surface.afterAck('slack: ask to join', () => onAskReason(surface, body));
  });
}

const originOf = (click: BlockActions): ClickOrigin => ({
  ...(click.response_url ? { responseUrl: click.response_url } : {}),
  ...(click.container.channel_id ? { channel: click.container.channel_id } : {}),
  ...(click.container.message_ts ? { ts: click.container.message_ts } : {}),
  home: click.container.type === 'view',
});

async function onClick(surface: SlackSurface, body: unknown): Promise<void> {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) {
    surface.gate.logger.warn({ issues: parsed.error.issues.map((i) => i.message) }, 'slack: ignored a block_actions payload of an unexpected shape');
    return;
  }
  const click = parsed.data;
  const origin = originOf(click);
  const clicked = slackClickFromBlockAction(click.actions[0]);
  const action = clicked.ok ? ok(clicked.value.action) : clicked;
  if (!action.ok) surface.gate.logger.warn({ problem: action.error }, 'slack: a click GroupGate did not issue');
  // Ask to join asks why first, in a modal (a message holds no input); the join runs when it is submitted.
  if (clicked.ok && clicked.value.asksReason && clicked.value.action.action === CardActions.run) {
    await surface.client.views.open({ trigger_id: click.trigger_id, view: askReasonModal({ command: clicked.value.action.command, required: clicked.value.asksReason === 'required', origin }) });
    return;
  }
  // Deny asks for the optional note first; trigger_id lives 3 seconds, so open the modal before anything slow.
  if (action.ok && action.value.action === CardActions.deny) {
    await surface.client.views.open({ trigger_id: click.trigger_id, view: denyNoteModal({ requestId: action.value.requestId, origin }) });
    return;
  }
  // Approve with a note asks for it the same way (the plain Approve stays one click).
  if (clicked.ok && clicked.value.asksNote && clicked.value.action.action === CardActions.approve) {
    await surface.client.views.open({ trigger_id: click.trigger_id, view: approveNoteModal({ requestId: clicked.value.action.requestId, origin }) });
    return;
  }
  // Remove on an access review card asks for the optional reason the same way.
  if (action.ok && action.value.action === CardActions.reviewRemove) {
    await surface.client.views.open({ trigger_id: click.trigger_id, view: reviewReasonModal({ reviewId: action.value.reviewId, memberId: action.value.memberId, origin }) });
    return;
  }
  // Approve of a time-bound request asks how long to grant first (one store read: the trigger is still fresh).
  // A store out of reach reads as "no choice to make": the click goes on, and is answered in the house words.
  // The clicker is looked up meanwhile (the two reads travel together), and the modal waits for neither.
  const approval = action.ok && action.value.action === CardActions.approve ? action.value : undefined;
  const looked = surface.turnFor(click.user.id, origin.channel);
  const read = approval ? await pendingDurationChoices(surface.gate.store, approval.requestId) : undefined;
  if (approval && read?.choices) {
    looked.catch(() => undefined);
    await surface.client.views.open({ trigger_id: click.trigger_id, view: approveDurationModal({ requestId: approval.requestId, origin, choices: [...read.choices] }) });
    return;
  }
  const turn = await looked;
  if (!turn.ok) return tellClicker(surface, origin, click.user.id, turn.error);
  // An unrecognised click goes through too: handleCardAction refuses it in the house words. The
  // request read just now goes along, so the decision does not read it again.
  await showOutcome(surface, origin, click.user.id, turn.value, await handleCardAction(surface.gate, turn.value, action.ok ? action.value : click.actions[0], read?.request));
}

/** What every GroupGate modal remembers: where the click that opened it came from (and what it is about: a request, a command). */
type ModalMetadata = { readonly origin: ClickOrigin };
type SubmittedValues = z.infer<typeof viewSubmissionSchema>['view']['state']['values'];

/**
 * A GroupGate modal's submission: checks its shape and metadata, maps the submitter (Slack's
 * `user.id`, never the metadata) to a turn, and runs the card action the modal's values make.
 */
async function onModal<M extends ModalMetadata>(
  surface: SlackSurface, body: unknown, metadataSchema: z.ZodType<M>, modal: string,
  action: (metadata: M, values: SubmittedValues) => CardAction,
): Promise<void> {
  const submission = viewSubmissionSchema.safeParse(body);
  const metadata = submission.success ? metadataSchema.safeParse(readJson(submission.data.view.private_metadata)) : undefined;
  if (!submission.success || !metadata?.success) {
    surface.gate.logger.warn({ part: submission.success ? 'private_metadata' : 'payload', modal }, 'slack: ignored a modal submission of an unexpected shape');
    return;
  }
  const { origin } = metadata.data;
  const slackUserId = submission.data.user.id;
  const clicked = action(metadata.data, submission.data.view.state.values);
  // The submitter and the request the modal names are read together (one round trip, not two).
  const [turn, request] = await Promise.all([surface.turnFor(slackUserId, origin.channel), readClickedRequest(surface.gate.store, clicked)]);
  if (!turn.ok) return tellClicker(surface, origin, slackUserId, turn.error);
  const result = await handleCardAction(surface.gate, turn.value, clicked, request);
  await showOutcome(surface, origin, slackUserId, turn.value, result);
}

const onDenyNote = (surface: SlackSurface, body: unknown) =>
  onModal(surface, body, denyNoteMetadataSchema, 'deny note', ({ requestId }, values): CardAction => {
    const note = noteFromSubmission(values);
    return { action: CardActions.deny, requestId, ...(note ? { note } : {}) };
  });

const onApproveNote = (surface: SlackSurface, body: unknown) =>
  onModal(surface, body, denyNoteMetadataSchema, 'approve note', ({ requestId }, values): CardAction => {
    const note = noteFromSubmission(values);
    return { action: CardActions.approve, requestId, ...(note ? { note } : {}) };
  });

const onAskReason = (surface: SlackSurface, body: unknown) =>
  onModal(surface, body, askReasonMetadataSchema, 'ask to join', ({ command }, values): CardAction => {
    const reason = reasonFromSubmission(values);
    return { action: CardActions.run, command, ...(reason ? { reason } : {}) };
  });

const onReviewReason = (surface: SlackSurface, body: unknown) =>
  onModal(surface, body, reviewReasonMetadataSchema, 'review remove', ({ reviewId, memberId }, values): CardAction => {
    const reason = reviewReasonFromSubmission(values);
    return { action: CardActions.reviewRemove, reviewId, memberId, ...(reason ? { reason } : {}) };
  });

const onApproveDuration = (surface: SlackSurface, body: unknown) =>
  onModal(surface, body, approveDurationMetadataSchema, 'approve duration', (metadata, values): CardAction => {
    const duration = durationFromSubmission(values, metadata);
    return { action: CardActions.approve, requestId: metadata.requestId, ...(duration ? { duration } : {}) };
  });

/** Shows the outcome where the click happened: the clicked card replaced, words for the clicker, the Home tab refreshed. */
async function showOutcome(surface: SlackSurface, origin: ClickOrigin, slackUserId: string, turn: Turn, result: CardActionResult): Promise<void> {
  if (result.card && !origin.home) {
    if (origin.responseUrl) await surface.replaceOriginal(origin.responseUrl, result.card);
    else if (origin.channel && origin.ts) await surface.client.chat.update({ channel: origin.channel, ts: origin.ts, ...cardArgs(result.card) });
  }
  if (result.reply.length > 0) await tellClicker(surface, origin, slackUserId, result.reply);
  if (origin.home) await surface.publishHome(slackUserId, ok(turn));
}

/** Words for the clicker alone: ephemeral where the click has a response_url, else a DM (the Home tab has none). */
async function tellClicker(surface: SlackSurface, origin: ClickOrigin, slackUserId: string, reply: Reply): Promise<void> {
  if (origin.responseUrl) await surface.respondEphemeral(origin.responseUrl, reply, 4); // one of the url's 5 posts may replace the card
  else await surface.post(slackUserId, reply);
}
