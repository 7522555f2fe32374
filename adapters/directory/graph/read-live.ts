import { userId, type UserId } from '../../../domain/model/ids.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { deltaItemSchema, objectRefSchema, parseGraph, type DeltaItem } from './graph-schemas.js';

/** One user or group read live with `$select` (for what the copy does not know yet); undefined when Graph has none. */
export async function readLiveObject(http: GraphHttp, path: string, select: readonly string[]): Promise<DeltaItem | undefined> {
  try {
    const { body } = await http.send(path, { query: { $select: select.join(',') } });
    return parseGraph(deltaItemSchema, body, path);
  } catch (error) {
    // 400 is Graph's answer to an id that is no object id at all.
    if (error instanceof GraphRequestError && (error.reason === 'notFound' || error.reason === 'badRequest')) return undefined;
    throw error;
  }
}

/** The user ids in a members or owners collection, every page (nested groups, devices and apps left out). */
export async function readMemberIds(http: GraphHttp, path: string): Promise<UserId[]> {
  const ids: UserId[] = [];
  for await (const page of http.pages(path, { query: { $select: 'id', $top: '999' } })) {
    for (const raw of page.value) {
      const ref = parseGraph(objectRefSchema, raw, `an entry of ${path}`);
      if (ref['@odata.type'] === undefined || ref['@odata.type'] === '#microsoft.graph.user') ids.push(userId(ref.id));
    }
  }
  return ids;
}
