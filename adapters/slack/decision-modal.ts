/**
 * A modal that completes a click on Approve or Deny: it carries the request and the click's origin
 * in `private_metadata`, asks one thing, and submits the decision (Cancel closes it, nothing decided).
 */
export function decisionModal(parts: { readonly callbackId: string; readonly metadata: object; readonly title: string; readonly submit: string; readonly question: string; readonly input: Record<string, unknown> }) {
  return {
    type: 'modal' as const,
    callback_id: parts.callbackId,
    private_metadata: JSON.stringify(parts.metadata),
    title: { type: 'plain_text' as const, text: parts.title },
    submit: { type: 'plain_text' as const, text: parts.submit },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [{ type: 'section', text: { type: 'plain_text', text: parts.question } }, { type: 'input', ...parts.input }],
  };
}
