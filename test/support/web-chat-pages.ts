/**
 * Where to find what each GroupGate under test printed at start, by its base URL: the web chat's
 * address carries the key its API asks for, so a test reaches the web chat as a person who read
 * the start-up output does.
 */
const printedBy = new Map<string, () => readonly string[]>();

/** Remembers how to read what the GroupGate at `baseUrl` printed (read when needed: lines may come later). */
export function rememberPrinted(baseUrl: string, lines: () => readonly string[]): void {
  printedBy.set(baseUrl, lines);
}

/** The web chat address (`http://127.0.0.1:PORT/?key=...`) the GroupGate at `baseUrl` printed, or undefined. */
export function printedWebChatPage(baseUrl: string): string | undefined {
  for (const line of printedBy.get(baseUrl)?.() ?? []) {
    const found = /^Web chat: (http:\/\/\S+)/.exec(line)?.[1];
    if (found) return found;
  }
  return undefined;
}
