import { withoutBidiControls } from '../../domain/group-management/normalise-group-name.js';

/**
 * A modal that completes a click (Approve, Deny, Ask to join): it carries the request and the click's origin
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

/** A modal whose one question is a line (or box) of text, read back with `typedText` under `blockId`. */
export function textInputModal(parts: {
  readonly callbackId: string; readonly metadata: object; readonly title: string; readonly submit: string; readonly question: string;
  readonly blockId: string; readonly label: string; readonly optional: boolean; readonly maxLength: number; readonly multiline?: boolean; readonly placeholder?: string;
}) {
  const { blockId, label, optional, maxLength, multiline = false, placeholder, ...modal } = parts;
  return decisionModal({
    ...modal,
    input: {
      block_id: blockId,
      optional,
      label: { type: 'plain_text', text: label },
      element: { type: 'plain_text_input', action_id: blockId, multiline, max_length: maxLength, ...(placeholder ? { placeholder: { type: 'plain_text', text: placeholder } } : {}) },
    },
  });
}

/** What was typed into a text input modal's block, trimmed and without bidi controls; undefined when nothing was. */
export function typedText(values: Readonly<Record<string, Readonly<Record<string, { readonly value?: string | null }>>>>, blockId: string): string | undefined {
  const typed = values[blockId]?.[blockId]?.value;
  const text = typed ? withoutBidiControls(typed).trim() : undefined;
  return text ? text : undefined;
}
