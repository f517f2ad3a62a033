import type { Redis } from '@upstash/redis/cloudflare';
import { OVERLAY_WRITE_SCRIPT } from './commit-script';
import type { KeyNames } from './keys';
import { OVERLAY_KINDS, type OverlayKinds, type OverlayStore } from './overlay';
import { pairs } from './upstash-jobs';

const parse = (raw: unknown): unknown =>
  raw === null || raw === undefined || raw === false ? null : JSON.parse(String(raw));

/** The content overlay on Upstash (see overlay.ts); `call` maps failures to StoreUnavailableError. */
export function upstashOverlay(
  redis: Redis,
  keys: KeyNames,
  call: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): OverlayStore {
  const writeScript =
    redis.createScript<[number, number, string | null | false]>(OVERLAY_WRITE_SCRIPT);
  return {
    async overlayVersion() {
      const raw = await call('overlayVersion', () => redis.get<string>(keys.overlayVersion()));
      return Number(raw ?? 0);
    },
    async overlay() {
      // One MULTI/EXEC, so the version and the kinds belong together.
      const tx = redis.multi();
      tx.get(keys.overlayVersion());
      for (const kind of OVERLAY_KINDS) tx.hgetall(keys.overlay(kind));
      const [version, ...hashes] = await call('overlay', () => tx.exec<unknown[]>());
      const kinds = Object.fromEntries(
        OVERLAY_KINDS.map((kind, i) => [
          kind,
          Object.fromEntries(
            Object.entries(pairs(hashes[i] as never)).map(([field, raw]) => [field, parse(raw)]),
          ),
        ]),
      ) as OverlayKinds;
      return { version: Number(version ?? 0), kinds };
    },
    async writeOverlay(kind, field, value, history, onlyIfAbsent = false) {
      const [written, version, previous] = await call('writeOverlay', () =>
        writeScript.exec(
          [keys.overlayVersion(), keys.overlay(kind), keys.overlayHistory(kind, field)],
          [
            field,
            value === null ? '' : JSON.stringify(value),
            JSON.stringify(history),
            onlyIfAbsent ? '1' : '',
          ],
        ),
      );
      return {
        written: Number(written) === 1,
        version: Number(version),
        previous: parse(previous),
      };
    },
    async overlayHistory(kind, field) {
      const raw = await call('overlayHistory', () =>
        redis.lrange<string>(keys.overlayHistory(kind, field), 0, -1),
      );
      return raw.map((entry) => JSON.parse(entry) as unknown);
    },
  };
}
