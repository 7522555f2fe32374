import type { GroupGateMetrics } from '../metrics/groupgate-metrics.js';
import type { Store } from '../../domain/ports/store.js';

/**
 * The store with every call counted by its method name, and failures counted apart. Each function
 * property is wrapped generically, so methods added to the Store port are counted without edits here.
 */
export function meteredStore<S extends Store>(store: S, metrics: Pick<GroupGateMetrics, 'storeOperations' | 'storeErrors'>): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        metrics.storeOperations.inc({ operation: property });
        try {
          const answer: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (answer instanceof Promise) return answer.catch((error: unknown) => {
            metrics.storeErrors.inc({ operation: property });
            throw error;
          });
          return answer;
        } catch (error) {
          metrics.storeErrors.inc({ operation: property });
          throw error;
        }
      };
    },
  });
}
