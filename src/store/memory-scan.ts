/**
 * HSCAN for the memory store: pages of a hash in key order, the cursor being the last key
 * returned. Unlike an offset, such a cursor survives deletions, so every field present for
 * the whole scan is returned (Redis's guarantee). Sorting is cached per hash until a write.
 */
export class SortedScan {
  private readonly cache = new WeakMap<
    Map<string, string>,
    { generation: number; keys: string[] }
  >();

  /** One page after `cursor` ('0' first); the cursor back is '0' after the last page. */
  page(
    hash: Map<string, string>,
    generation: number,
    cursor: string,
    count: number,
  ): { cursor: string; entries: [string, string][] } {
    let sorted = this.cache.get(hash);
    if (!sorted || sorted.generation !== generation) {
      sorted = { generation, keys: [...hash.keys()].sort() };
      this.cache.set(hash, sorted);
    }
    const keys = sorted.keys;
    const start = cursor === '0' ? 0 : upperBound(keys, cursor.slice(1));
    const end = Math.min(start + Math.max(1, count), keys.length);
    const entries: [string, string][] = [];
    for (let i = start; i < end; i++) {
      const value = hash.get(keys[i]!);
      if (value !== undefined) entries.push([keys[i]!, value]);
    }
    return { cursor: end >= keys.length ? '0' : `k${keys[end - 1]}`, entries };
  }
}

/** The index of the first key greater than `key`. */
function upperBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
