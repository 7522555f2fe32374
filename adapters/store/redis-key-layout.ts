import { familyOf } from './key-families.js';

/**
 * Where each part of a GroupGate store lives in Redis. Backend methods take "plain" keys (the
 * namespace, a colon, the store key: `groupgate:join-request:R-1`); the layout names the physical
 * keys. Sets and the listing index sit beside the values under `<namespace>|…`, a form no value key
 * can take (a value key is always `<namespace>:…`, and namespaces hold no `|`).
 */
export interface RedisKeyLayout {
  /** True on Redis Cluster: every physical key carries its family as a hash tag. */
  readonly clustered: boolean;
  familyOf(plainKey: string): string;
  value(plainKey: string): string;
  /** The plain key of a physical value key (the inverse of `value`). */
  plainOfValue(physical: string): string;
  set(plainKey: string): string;
  /** The set of the value keys of one collection (key-collections.ts) within one family. */
  collectionIndex(family: string, collection: string): string;
  /** The set of the collections that hold keys of `family`. */
  collections(family: string): string;
  /** The set of the plain keys of the non-empty sets of `family`. */
  setIndex(family: string): string;
  /** Set when the index lives per family: the set of every family written, kept outside the scripts. */
  readonly families?: string;
  /** The mark saying the listing index was built over keys written before it existed. */
  readonly indexBuilt: string;
}

/**
 * Single Redis: exactly the physical names earlier versions wrote (values at their plain key, one
 * global set of collections), so an existing store reads on as it is.
 */
export function singleRedisLayout(namespace: string): RedisKeyLayout {
  const root = rootOf(namespace);
  return {
    clustered: false,
    familyOf: (plainKey) => familyOf(plainKey.slice(namespace.length)),
    value: (plainKey) => plainKey,
    plainOfValue: (physical) => physical,
    set: (plainKey) => `${root}|set:${plainKey.slice(namespace.length)}`,
    collectionIndex: (_family, collection) => `${root}|index:keys:${collection}`,
    collections: () => `${root}|index:collections`,
    setIndex: () => `${root}|index:sets`,
    indexBuilt: `${root}|index:built`,
  };
}

/**
 * Redis Cluster: every key of a family carries the hash tag `{<namespace>:<family>}`, so a family's
 * values, sets and index sets share one slot and one script may touch them all. The value key
 * `groupgate:join-request:R-1` is stored at `{groupgate:join-request}:R-1`.
 */
export function clusterLayout(namespace: string): RedisKeyLayout {
  const root = rootOf(namespace);
  const tag = (family: string) => `{${root}:${family}}`;
  const familyOfPlain = (plainKey: string) => familyOf(plainKey.slice(namespace.length));
  return {
    clustered: true,
    familyOf: familyOfPlain,
    value: (plainKey) => {
      const family = familyOfPlain(plainKey);
      return `${tag(family)}${plainKey.slice(namespace.length + family.length)}`;
    },
    plainOfValue: (physical) => {
      const close = physical.indexOf('}');
      return `${namespace}${physical.slice(root.length + 2, close)}${physical.slice(close + 1)}`;
    },
    set: (plainKey) => `${tag(familyOfPlain(plainKey))}|set:${plainKey.slice(namespace.length)}`,
    collectionIndex: (family, collection) => `${tag(family)}|index:keys:${collection}`,
    collections: (family) => `${tag(family)}|index:collections`,
    setIndex: (family) => `${tag(family)}|index:sets`,
    families: `{${root}}|index:families`,
    indexBuilt: `{${root}}|index:built`,
  };
}

/** Refuses a namespace that could make two layouts' keys meet, or break a hash tag. */
export function checkNamespace(name: string): string {
  if (!/^[^|{}\s]+$/.test(name)) throw new Error(`the Redis namespace "${name}" may not be empty nor hold '|', '{', '}' or spaces`);
  return name;
}

const rootOf = (namespace: string) => namespace.replace(/:$/, '');
