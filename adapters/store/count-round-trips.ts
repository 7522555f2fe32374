import type { CasBackend } from './cas-backend.js';

/**
 * The backend with its round trips counted, for the metrics. On Redis (`sentTogether`), calls
 * issued in one turn of the event loop count as one, because that is how they travel: node-redis
 * writes every command queued before its next `setImmediate` in one socket write, so reads started
 * together with Promise.all cost one network wait where reads awaited one after another cost one
 * each. SQLite answers in-process without a network wait, so there (`eachCall`) every call counts:
 * the figure then says how many statements a command runs. `ping` and `close` are the health
 * check's and shutdown's, not a command's, and are left out.
 */
export function countRoundTrips<B extends CasBackend>(backend: B, onRoundTrip: () => void, counting: 'sentTogether' | 'eachCall'): B {
  let sending = false;
  const count = () => {
    if (counting === 'eachCall') return onRoundTrip();
    if (sending) return;
    sending = true;
    onRoundTrip();
    setImmediate(() => (sending = false));
  };
  return new Proxy(backend, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'ping' || property === 'close' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        count();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
