import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call GroupGate made to the connector. */
export interface ConnectorCall {
  readonly method: string;
  /** Decoded conversation id from the path, when there is one. */
  readonly conversationId?: string;
  /** Decoded activity id from the path, when there is one. */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  /** The HTTP status the stand-in answered with. */
  readonly status: number;
  /** The id the stand-in answered with (a new message's id). */
  readonly answeredId?: string;
}

/** What a conversation answers instead of 2xx, to test failure paths (4xx fails at once; 5xx is retried). */
interface Failure {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A stand-in for the Bot Connector on 127.0.0.1, as the Bot Framework Emulator plays it: the
 * /v3/conversations routes botbuilder calls, answering like the real service and recording every
 * call. Put `url` in each test activity's serviceUrl.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  private readonly failures = new Map<string, Failure>();
  private next = 1;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Makes every call into one conversation fail, e.g. 403 MessageWritesBlocked. */
  failConversation(conversationId: string, status: number, code: string): void {
    this.failures.set(conversationId, { status, body: { error: { code, message: `stand-in ${code}` } } });
  }

  /** Lets a failing conversation answer normally again. */
  healConversation(conversationId: string): void {
    this.failures.delete(conversationId);
  }

  /** New messages that landed in a conversation (send or reply), oldest first. */
  posted(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.status < 300);
  }

  /** Edits (updateActivity) that landed on messages in a conversation. */
  updated(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.conversationId === conversationId && c.status < 300);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const [, v3, conversations, rawConversation, kind, rawActivity] = (req.url ?? '').split('?')[0]!.split('/');
    if (v3 !== 'v3' || conversations !== 'conversations') return send(res, 404, { error: { code: 'NotFound', message: 'not a connector route' } });
    const conversationId = rawConversation ? decodeURIComponent(rawConversation) : undefined;
    const activityId = rawActivity ? decodeURIComponent(rawActivity) : undefined;
    const failure = conversationId ? this.failures.get(conversationId) : undefined;
    const [status, answer] = failure ? [failure.status, failure.body] : this.route(req.method ?? '', kind, conversationId, activityId, body);
    const answeredId = status < 300 ? (answer as { id?: string }).id : undefined;
    this.calls.push({ method: req.method ?? '', ...(conversationId ? { conversationId } : {}), ...(activityId ? { activityId } : {}), body, status, ...(answeredId ? { answeredId } : {}) });
    send(res, status, answer);
  }

  private route(method: string, kind: string | undefined, conversationId: string | undefined, activityId: string | undefined, body: Record<string, unknown>): [number, unknown] {
    const id = String(this.next++);
    if (!conversationId && method === 'POST') {
      // createConversation: a new channel thread, named the way Teams names it.
      const channelId = (body['channelData'] as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'conversation';
      return [201, { id: `${channelId};messageid=${id}`, activityId: id }];
    }
    if (kind === 'activities' && method === 'POST') return [201, { id: `activity-${id}` }];
    if (kind === 'activities' && method === 'PUT') return [200, { id: activityId }];
    if (kind === 'activities' && method === 'DELETE') return [200, {}];
    return [404, { error: { code: 'NotFound', message: `the stand-in has no ${method} route here` } }];
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The text of an Adaptive Card, one line per TextBlock or RichTextBlock. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'TextBlock' && typeof record['text'] === 'string') texts.push(record['text']);
      else if (record['type'] === 'RichTextBlock') texts.push(((record['inlines'] as Array<{ text?: string }> | undefined) ?? []).map((run) => run.text ?? '').join(''));
      else Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The Adaptive Cards in a connector call's activity. */
export function cardsIn(call: ConnectorCall): unknown[] {
  const attachments = (call.body['attachments'] as Array<{ contentType?: string; content?: unknown }> | undefined) ?? [];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
