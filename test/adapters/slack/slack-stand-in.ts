import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findBlockKitProblems } from '../../../adapters/slack/find-block-kit-problems.js';

/** A bot token the stand-in answers `invalid_auth` for, as Slack does for a revoked one. */
export const revokedToken = 'xoxb-revoked';

/** One Web API call GroupGate made: the method and its arguments as Slack received them (form fields). */
export interface WebApiCall {
  readonly method: string;
  readonly args: Readonly<Record<string, string>>;
  readonly token: string | undefined;
  /** What the stand-in answered. */
  readonly answer: Readonly<Record<string, unknown>>;
}

/** One post to a response_url: which url, and the JSON body. */
export interface ResponseUrlPost {
  readonly key: string;
  readonly body: Record<string, unknown>;
}

/**
 * A local stand-in for Slack on 127.0.0.1: the Web API (`/api/<method>`, form-encoded in, `{ok}`
 * JSON out, as Slack answers) and response_urls (`/respond/<key>`, JSON in). It records every
 * call. Directory-like facts (whose e-mail is what) are set by the test.
 */
export class SlackStandIn {
  readonly calls: WebApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Slack user id → profile e-mail, for users.info and users.lookupByEmail. */
  readonly emails = new Map<string, string>();
  /** Message ts → the error chat.update answers for it (e.g. `message_not_found` for a deleted message). */
  readonly updateErrors = new Map<string, string>();
  /** Channel (or user) id → the error chat.postMessage answers for it (e.g. `account_inactive` for a deactivated person). */
  readonly postErrors = new Map<string, string>();
  private server: Server | undefined;
  private next = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path.startsWith('/respond/')) {
          this.responses.push({ key: path.slice('/respond/'.length), body: JSON.parse(raw) as Record<string, unknown> });
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
          return;
        }
        const method = path.replace(/^\/api\//, '');
        const args = Object.fromEntries(new URLSearchParams(raw));
        const token = req.headers.authorization?.replace(/^Bearer /, '');
        const answer = token === revokedToken ? { ok: false, error: 'invalid_auth' } : this.answer(method, args);
        this.calls.push({ method, args, token, answer });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer));
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The base URL to put in SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url that records posts under `key`. */
  responseUrl(key: string): string {
    return `${this.url}/respond/${key}`;
  }

  /** Calls of one Web API method, in order. */
  of(method: string): WebApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Posts made to one response_url. */
  respondedTo(key: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.key === key).map((r) => r.body);
  }

  /** What Slack would refuse in anything GroupGate sent (messages, edits, views, response_url posts); empty when all is well. */
  blockKitProblems(): string[] {
    const sent = [
      ...this.calls.filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method)).map((c) => ({ what: c.method, text: c.args['text'], blocks: JSON.parse(c.args['blocks'] ?? '[]') as unknown[], surface: 'message' as const })),
      ...this.calls.filter((c) => c.method.startsWith('views.')).map((c) => ({ what: c.method, blocks: (JSON.parse(c.args['view'] ?? '{}') as { blocks: unknown[] }).blocks, surface: 'view' as const })),
      ...this.responses.map((r) => ({ what: `response_url ${r.key}`, text: r.body['text'] as string, blocks: r.body['blocks'] as unknown[], surface: 'message' as const })),
    ];
    return sent.flatMap(({ what, surface, ...message }) => findBlockKitProblems(message, surface).map((problem) => `${what}: ${problem}`));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(method: string, args: Record<string, string>): Record<string, unknown> {
    const n = this.next++;
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0CONTOSO', url: 'https://contoso.slack.example/' };
      case 'users.info': {
        const email = this.emails.get(args['user'] ?? '');
        return email ? { ok: true, user: { id: args['user'], is_bot: false, deleted: false, profile: { email } } } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const found = [...this.emails].find(([, email]) => email.toLowerCase() === (args['email'] ?? '').toLowerCase());
        return found ? { ok: true, user: { id: found[0] } } : { ok: false, error: 'users_not_found' };
      }
      case 'chat.postMessage': {
        const refused = this.postErrors.get(args['channel'] ?? '');
        if (refused) return { ok: false, error: refused };
        // Posting to a user id opens (or finds) their DM, whose id starts with D.
        const channel = /^[UW]/.test(args['channel'] ?? '') ? `D${args['channel']!.slice(1)}` : args['channel'];
        return { ok: true, channel, ts: `1700000000.${String(n).padStart(6, '0')}`, message: { text: args['text'] } };
      }
      case 'chat.update':
        return this.updateErrors.has(args['ts'] ?? '') ? { ok: false, error: this.updateErrors.get(args['ts'] ?? '') } : { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${n}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Every `text` inside blocks (or any JSON), joined: what a person would read. */
export function visibleText(value: unknown): string {
  if (Array.isArray(value)) return value.map(visibleText).join('');
  if (typeof value !== 'object' || value === null) return '';
  return Object.entries(value).map(([key, inner]) => (key === 'text' && typeof inner === 'string' ? inner : visibleText(inner))).join('');
}

/** A JSON-valued Web API argument (blocks, view), parsed. */
export const jsonArg = <T = unknown>(call: WebApiCall | undefined, name: string): T => JSON.parse(call?.args[name] ?? 'null') as T;
