import { webChatHeaders } from './web-chat-session.js';

/** One server-sent event as the page receives it. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A GET /web/events stream read the way EventSource reads it. */
export interface WebEventsReader {
  readonly status: number;
  readonly seen: readonly ServerSentEvent[];
  /** Resolves with the first event seen so far, or arriving later, that matches. */
  waitFor(match: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  close(): void;
}

/** Opens the event stream for one person, as the page does (with its key cookie). */
export async function openWebEvents(baseUrl: string, as: string): Promise<WebEventsReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/web/events?as=${encodeURIComponent(as)}`, { signal: abort.signal, headers: await webChatHeaders(baseUrl) });
  const seen: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) seen.push({ event, data: JSON.parse(data) });
          for (const wake of waiters) wake();
        }
      }
    } catch (error) {
      // close() aborts the read; anything else is a real failure.
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    status: response.status,
    seen,
    close: () => abort.abort(),
    waitFor: (match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw: ${seen.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
