import { emptyOverlay, type OverlayMaterial, type OverlayStore } from '../store/overlay';

/**
 * The per-isolate cache of what is built from the content overlay (the program with the
 * published lessons merged in). A turn asks {@link wanted} and its load returns the overlay
 * only when the stored version is not the one known; {@link accept} rebuilds only then.
 */
export interface OverlayCache<T> {
  /** What a turn's load should ask for (see TurnReads.overlay). */
  wanted(): { knownVersion: number };
  /** What the load returned (undefined: the known version is current); the built value. */
  accept(material: OverlayMaterial | undefined): T;
  /** The built value for the version known now. */
  current(): T;
  /** Read the overlay outside a turn (admin pages, drips) when it changed; the built value. */
  refresh(store: Pick<OverlayStore, 'overlayVersion' | 'overlay'>): Promise<T>;
}

/** See {@link OverlayCache}; `build` runs once per overlay version. */
export function createOverlayCache<T>(build: (overlay: OverlayMaterial) => T): OverlayCache<T> {
  let known = emptyOverlay();
  let built = build(known);
  const accept = (material: OverlayMaterial | undefined): T => {
    if (material && material.version !== known.version) {
      built = build(material);
      known = material;
    }
    return built;
  };
  return {
    wanted: () => ({ knownVersion: known.version }),
    accept,
    current: () => built,
    async refresh(store) {
      if ((await store.overlayVersion()) === known.version) return built;
      return accept(await store.overlay());
    },
  };
}
