import type { Store } from '../domain/ports/store.js';

/** The store with the entries each call reads counted. */
export function counted(store: Store, counter: { entries: number }): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || !['get', 'getMany', 'list', 'setMembers', 'intersectSets', 'inSet', 'setSize'].includes(String(property))) return value;
      return async (...args: unknown[]) => {
        const answer = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        counter.entries += Array.isArray(answer) ? answer.length : 1;
        return answer;
      };
    },
  });
}
