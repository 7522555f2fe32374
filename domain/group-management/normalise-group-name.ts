// Bidi embeddings, overrides and isolates (LRE…RLO, PDF, LRI…PDI) and the marks (LRM, RLM, ALM):
// they reorder what a reader sees ("Atlas" shown for "saltA") without changing what is stored.
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// Format and control characters: zero-width spaces and joiners, word joiner, BOM, soft hyphen, the bidi ones above, C0/C1 controls.
const invisible = /[\p{Cf}\p{Cc}]/gu;

/** Text with its bidi controls taken out, so it reads in the order it is stored (typed text, reasons, notes). */
export const withoutBidiControls = (text: string): string => text.replace(bidiControls, '');

/**
 * A group name as GroupGate stores and compares it: NFKC (full-width, ligature and compatibility
 * forms become the plain letters they look like), with invisible and bidi control characters
 * removed and runs of white space made one space. "Atlas\u200bProject" and "Ａｔｌａｓ Project" both
 * become "Atlas Project", so a name cannot differ from another only in what nobody sees.
 */
export function normaliseGroupName(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').replace(/\s+/gu, ' ').trim();
}

/** A card's data (its inputs: a Deny note) with the bidi controls taken out of each text value. */
export const inputsWithoutBidiControls = (data: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).map(([name, value]) => [name, typeof value === 'string' ? withoutBidiControls(value) : value]));
