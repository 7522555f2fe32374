import { randomBytes } from 'node:crypto';

/** A fresh key for one web chat: 256 random bits, URL-safe. Made at every start and never stored. */
export const newWebChatKey = (): string => randomBytes(32).toString('base64url');

/**
 * The cookie the page keeps its key in. Cookies do not tell ports apart, so the name carries the
 * port: two GroupGates on one machine don't overwrite each other's key.
 */
export const keyCookieName = (port: number | undefined): string => `groupgate-web-${port ?? 0}`;

/** The page's address as printed at start: opening it hands the browser the key. */
export const webChatPageUrl = (baseUrl: string, key: string): string => `${baseUrl}/?key=${key}`;

/**
 * The Set-Cookie value for the key: sent back on this origin's own requests only (SameSite=Strict),
 * out of reach of the page's scripts (HttpOnly), and gone when the browser closes.
 */
export const keyCookie = (port: number | undefined, key: string): string => `${keyCookieName(port)}=${key}; Path=/; HttpOnly; SameSite=Strict`;

/** The named cookie's value from a Cookie header, if there. */
export function keyFromCookies(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** `key` from a request line's query (`/?key=...`), if there. */
export const keyFromPageUrl = (url: string | undefined): string | undefined => new URL(url ?? '/', 'http://localhost').searchParams.get('key') ?? undefined;
