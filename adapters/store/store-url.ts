import { z } from 'zod';

export type StoreAddress = { readonly kind: 'sqlite'; readonly path: string } | RedisStoreAddress;

export interface RedisStoreAddress {
  readonly kind: 'redis' | 'redis-cluster';
  /** redis: the URL to connect to (without GroupGate's namespace parameter). */
  readonly url: string;
  /** redis-cluster: one URL per node given. */
  readonly nodes: readonly string[];
  /** For messages: the host:port list. */
  readonly hosts: string;
  readonly namespace: string;
}

const clusterNode = z.string().regex(/^[^\s/:,]+:\d{1,5}$/, 'expected host:port');

/**
 * Reads STORE_URL: `sqlite://<path>` (or a bare path), `redis://…` / `rediss://…`, or
 * `redis-cluster://[user:password@]host:port[,host:port…]` (`rediss-cluster://` for TLS).
 */
export function parseStoreUrl(url: string): StoreAddress {
  const cluster = /^(rediss?)-cluster:\/\/(?:([^@/]*)@)?([^/?]+)\/?(?:\?(.*))?$/.exec(url);
  if (cluster) {
    const [, scheme, auth, hostList, query] = cluster;
    const hosts = hostList!.split(',').map((node) => clusterNode.parse(node.trim()));
    const params = new URLSearchParams(query ?? '');
    return {
      kind: 'redis-cluster',
      url,
      nodes: hosts.map((host) => `${scheme}://${auth ? `${auth}@` : ''}${host}`),
      hosts: hosts.join(','),
      namespace: params.get('namespace') ?? 'groupgate',
    };
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const parsed = new URL(url);
    const namespace = parsed.searchParams.get('namespace') ?? 'groupgate';
    parsed.searchParams.delete('namespace');
    return { kind: 'redis', url: parsed.toString(), nodes: [], hosts: parsed.host, namespace };
  }
  return { kind: 'sqlite', path: url.replace(/^sqlite:\/\//, '') };
}
