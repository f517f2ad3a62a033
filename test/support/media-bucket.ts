import type { MediaBucket } from '../../src/shell/media';

/**
 * An in-memory stand-in for the `MEDIA` R2 bucket in Node tests (the unit tests run without
 * workerd; the e2e tests use Miniflare's own R2): put, get, list by prefix (paged), delete.
 */
export class MemoryBucket {
  readonly objects = new Map<string, { bytes: Uint8Array; type?: string }>();

  /** The bucket as the Worker sees it. */
  asBucket(pageSize = 1000): MediaBucket {
    const put = async (key: string, value: unknown, options?: R2PutOptions) => {
      const bytes =
        typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array);
      const type = (options?.httpMetadata as R2HTTPMetadata | undefined)?.contentType;
      this.objects.set(key, { bytes: new Uint8Array(bytes), ...(type ? { type } : {}) });
      return { key } as R2Object;
    };
    const get = async (key: string) => {
      const found = this.objects.get(key);
      if (!found) return null;
      return {
        key,
        size: found.bytes.byteLength,
        body: new Response(found.bytes).body!,
        httpMetadata: { contentType: found.type },
      } as unknown as R2ObjectBody;
    };
    const list = async (options?: R2ListOptions) => {
      const keys = [...this.objects.keys()]
        .filter((k) => k.startsWith(options?.prefix ?? ''))
        .sort();
      const from = Number(options?.cursor ?? 0);
      const page = keys.slice(from, from + pageSize);
      const truncated = from + pageSize < keys.length;
      return {
        objects: page.map((key) => ({ key })),
        truncated,
        ...(truncated ? { cursor: String(from + pageSize) } : {}),
        delimitedPrefixes: [],
      } as unknown as R2Objects;
    };
    const del = async (keys: string | string[]) => {
      for (const key of Array.isArray(keys) ? keys : [keys]) this.objects.delete(key);
    };
    return { put, get, list, delete: del } as unknown as MediaBucket;
  }
}
