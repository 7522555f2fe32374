/** What `npm start` prints for the web chat: its page's address (with the key), and a three-step story to try on the sample tenant. */
export function webStartupLines(pageUrl: string): string[] {
  return [
    `Web chat: ${pageUrl} — open it, pick who you are, and try:`,
    '  1. As Rowan Pike (requester), type: join Atlas Project because I moved to the research team',
    '  2. As Ines Duarte (owner of Atlas Project), click Approve on the card that arrived; Rowan is told at once.',
    '  3. As Riley Chen (License Administrator), type "alerts here" in #alerts; then Rowan Pike and Ada Ito ask to join Licensed Analysts and Dana Lee approves both: Microsoft 365 E5 has one seat left, so the second approval posts a license alert.',
  ];
}
