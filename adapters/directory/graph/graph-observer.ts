import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** What GroupGate's metrics hear from its Graph client: each HTTP request, each failed call, each sync round. */
export interface GraphObserver {
  /** One HTTP request on the wire (a retry, a page and a $batch each count); status is the HTTP code or "network". */
  request(method: string, status: string): void;
  /** A call that failed in the end, by GraphRequestError's reason. */
  failed(reason: string): void;
  /** A sync round ended. */
  syncRound(kind: 'full' | 'delta', outcome: 'ok' | 'error', seconds: number): void;
}

/** Sits next to the fetch handler, below retries, so every request sent is seen once. */
export class ObserveRequests implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly observer: GraphObserver) {}

  async execute(context: Context): Promise<void> {
    const method = context.options?.method ?? 'GET';
    try {
      await this.next!.execute(context);
    } catch (error) {
      this.observer.request(method, 'network');
      throw error;
    }
    this.observer.request(method, String(context.response?.status ?? 'network'));
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
