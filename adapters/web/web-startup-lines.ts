/** What `npm start` prints for the web chat: where it is, and a three-step story to try on the sample tenant. */
export function webStartupLines(url: string): string[] {
  return [
    `Web chat: ${url}/ — open it, pick who you are, and try:`,
    '  1. As Rowan Pike (requester), type: join Atlas Project because I moved to the research team',
    '  2. As Ines Duarte (owner of Atlas Project), click Approve on the card that arrived; Rowan is told at once.',
    '  3. As Jordan Blake (Groups Administrator): Orphaned Wiki has no owners, so when anyone types "join Orphaned Wiki", the card comes to admins.',
  ];
}
