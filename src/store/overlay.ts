/**
 * The content overlay: content published at run time (through the admin API) that turns
 * merge over the bundled content. Each kind is one hash `overlay:<kind>` (field -> JSON
 * value; a removed field is unpublished); `overlay:version` goes up on every change, and a
 * turn's load returns the kinds only when the version it knows is not the stored one.
 *
 * Adding a kind is adding its name here (the load script reads every kind listed).
 */
export const OVERLAY_KINDS = ['lessons', 'faq'] as const;

/** See {@link OVERLAY_KINDS}. */
export type OverlayKind = (typeof OVERLAY_KINDS)[number];

/** Every kind's published entries: field -> value (JSON-ready). */
export type OverlayKinds = Record<OverlayKind, Record<string, unknown>>;

/** The overlay as stored: its version and every kind's entries. */
export interface OverlayMaterial {
  version: number;
  kinds: OverlayKinds;
}

/** No overlay at all (version 0: nothing was ever published). */
export function emptyOverlay(): OverlayMaterial {
  return {
    version: 0,
    kinds: Object.fromEntries(OVERLAY_KINDS.map((kind) => [kind, {}])) as OverlayKinds,
  };
}

/** The result of {@link OverlayStore.writeOverlay}. */
export interface OverlayWrite {
  /** False when `onlyIfAbsent` found the field already there (nothing was written). */
  written: boolean;
  /** The overlay version after the call. */
  version: number;
  /** The field's value before the call (null when absent). */
  previous: unknown;
}

/** Content published at run time (see {@link OVERLAY_KINDS}). */
export interface OverlayStore {
  /** The stored overlay version (0 before anything was published). */
  overlayVersion(): Promise<number>;
  /** The version and every kind's entries, read together. */
  overlay(): Promise<OverlayMaterial>;
  /**
   * Publish `value` under `field` of `kind` (null unpublishes: the field goes), append
   * `history` to the field's history and bump the version, atomically. With
   * `onlyIfAbsent`, nothing happens when the field exists.
   */
  writeOverlay(
    kind: OverlayKind,
    field: string,
    value: unknown,
    history: unknown,
    onlyIfAbsent?: boolean,
  ): Promise<OverlayWrite>;
  /** A field's history, oldest first (kept after unpublishing). */
  overlayHistory(kind: OverlayKind, field: string): Promise<unknown[]>;
}
