// Benchmark of the store's codec: keyv's stored form written and read by @keyv/serialize (what the
// store used before) and by keyv-wire-format.ts (one JSON.stringify / JSON.parse), for 100k users
// as the Graph copy holds them. Median of 5 runs each.
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { decodeKeyvValue, encodeKeyvValue } from '../adapters/store/keyv-wire-format.js';
import { syntheticUsers } from './synthetic-directory.js';

const count = 100_000;

function median(work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

export default async function main(): Promise<void> {
  const entries = syntheticUsers(count).map((value) => ({ value, expires: undefined }));
  const stored = entries.map((entry) => defaultSerialize(entry));
  const row = (what: string, before: number, after: number) => console.log(`| ${what} | ${before.toFixed(0)} ms | ${after.toFixed(0)} ms | ${(before / after).toFixed(1)}× |`);
  console.log(`| ${count.toLocaleString('en-US')} user entries | @keyv/serialize | keyv-wire-format | faster |`);
  console.log('|---|---:|---:|---:|');
  row('write (serialise)', median(() => entries.forEach((e) => defaultSerialize(e))), median(() => entries.forEach((e) => encodeKeyvValue(e))));
  row('read (deserialise)', median(() => stored.forEach((s) => defaultDeserialize(s))), median(() => stored.forEach((s) => decodeKeyvValue(s))));
}
