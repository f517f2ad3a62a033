import type { ContentBundle } from './schema';

/**
 * The content bundle, validated by `npm run content` with the same schemas the runtime
 * uses. It is data, not code: the Worker reads it once per isolate from its static assets
 * before the first event (`src/runtime-data.ts`), Node (tests, bench, scripts) from the
 * generated file (`scripts/runtime-data.ts`). A live binding: read it inside functions,
 * never at module top level, where it is not set yet.
 */
export let content: ContentBundle;

/** Install the bundle (once per isolate; tests may install their own). */
export function setContent(bundle: ContentBundle): void {
  content = bundle;
}
