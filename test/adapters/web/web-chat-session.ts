import { printedWebChatPage } from '../../support/web-chat-pages.js';

const cookies = new Map<string, Promise<string>>();

/**
 * What the page's own requests carry: the key cookie a browser gets by opening the address
 * GroupGate printed (read from the Set-Cookie it answers), and the page's origin. Without a printed
 * address (web chat off), no cookie.
 */
export async function webChatHeaders(baseUrl: string): Promise<Record<string, string>> {
  const page = printedWebChatPage(baseUrl);
  if (!page) return {};
  let cookie = cookies.get(page);
  if (!cookie) {
    cookie = fetch(page, { redirect: 'manual' }).then((response) => {
      const set = response.headers.get('set-cookie');
      if (response.status !== 303 || !set) throw new Error(`opening ${page} answered ${response.status} without a cookie`);
      return set.split(';')[0]!;
    });
    cookies.set(page, cookie);
    cookie.catch(() => cookies.delete(page));
  }
  return { cookie: await cookie };
}

/** fetch() on the web chat as its page does: with the key cookie, headers given on top. */
export async function webChatFetch(baseUrl: string, path: string, init: RequestInit & { readonly headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { ...init, headers: { ...(await webChatHeaders(baseUrl)), ...init.headers } });
}
