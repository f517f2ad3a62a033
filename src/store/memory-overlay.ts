import type { KeyNames } from './keys';
import type { MemoryRedis } from './memory-redis';
import {
  OVERLAY_KINDS,
  type OverlayKinds,
  type OverlayMaterial,
  type OverlayStore,
} from './overlay';

/** The content overlay as the memory store keeps it (read by its load, too). */
export function memoryOverlayMaterial(db: MemoryRedis, keys: KeyNames): OverlayMaterial {
  const kinds = Object.fromEntries(
    OVERLAY_KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        Object.entries(db.hgetall(keys.overlay(kind))).map(([f, raw]) => [
          f,
          JSON.parse(raw) as unknown,
        ]),
      ),
    ]),
  ) as OverlayKinds;
  return { version: Number(db.get(keys.overlayVersion()) ?? 0), kinds };
}

/** The content overlay in memory, with the semantics of OVERLAY_WRITE_SCRIPT. */
export function memoryOverlay(db: MemoryRedis, keys: KeyNames): OverlayStore {
  return {
    async overlayVersion() {
      return Number(db.get(keys.overlayVersion()) ?? 0);
    },
    async overlay() {
      return memoryOverlayMaterial(db, keys);
    },
    async writeOverlay(kind, field, value, history, onlyIfAbsent = false) {
      const raw = db.hget(keys.overlay(kind), field);
      const previous = raw === undefined ? null : (JSON.parse(raw) as unknown);
      if (onlyIfAbsent && raw !== undefined) {
        return { written: false, version: Number(db.get(keys.overlayVersion()) ?? 0), previous };
      }
      if (value === null) db.apply(['hdel', keys.overlay(kind), field]);
      else db.apply(['hset', keys.overlay(kind), field, JSON.stringify(value)]);
      db.apply(['rpush', keys.overlayHistory(kind, field), JSON.stringify(history)]);
      return { written: true, version: db.incrby(keys.overlayVersion(), 1), previous };
    },
    async overlayHistory(kind, field) {
      return db
        .lrange(keys.overlayHistory(kind, field), 0, -1)
        .map((entry) => JSON.parse(entry) as unknown);
    },
  };
}
