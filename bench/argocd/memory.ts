/*
 * `cached_json_mb`: the JSON size of the applications the backend holds, i.e. what the fake's
 * list returns for the `fields` the backend asked for (recorded in the backend child,
 * listFields.ts), summed over the instances; the items only, as compact JSON, in MiB (as the
 * RSS figures). Null when the backend listed no instance with a field selection.
 */
import { requestJson } from '../lib/httpJson';
import type { Fakes } from './children';

const MIB = 1024 * 1024;

export async function cachedJsonMb(
  fakes: Fakes,
  listFields: Record<string, string>,
): Promise<number | null> {
  let bytes = 0;
  for (const i of fakes.instances) {
    const fields = listFields[new URL(i.url).origin];
    if (fields === undefined) return null;
    const url = new URL('/api/v1/applications', i.url);
    url.searchParams.set('fields', fields);
    const res = await requestJson(url.toString(), {
      headers: { authorization: `Bearer ${i.token}` },
    });
    if (res.status !== 200 || !Array.isArray(res.body?.items))
      throw new Error(`${i.name}: the list answered ${res.status}`);
    bytes += Buffer.byteLength(JSON.stringify(res.body.items));
  }
  return +(bytes / MIB).toFixed(2);
}
