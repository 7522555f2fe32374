// Test helper: a rule with its expected span marked inside it, 'user.department ⟦-equals⟧ "Sales"'.

/** The rule without its ⟦⟧ markers, and the offset and length of what they enclosed. */
export function markedSpan(marked: string): { text: string; offset: number; length: number } {
  const offset = marked.indexOf('⟦');
  const close = marked.indexOf('⟧');
  if (offset < 0 || close < offset) throw new Error(`no ⟦span⟧ marked in ${marked}`);
  return { text: marked.replace('⟦', '').replace('⟧', ''), offset, length: close - offset - 1 };
}
