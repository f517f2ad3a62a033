/**
 * Node's side of `src/runtime-data.ts`: the tests (a vitest setup file), the bench and the
 * scripts install the content bundle and the catalogues from the files, synchronously,
 * before anything reads them. The Worker reads the same data from its static assets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentBundle } from '../src/content/schema';
import type { OpenApiDocs } from '../src/http/openapi-docs';
import { installRuntimeData, RUNTIME_DATA_ASSET } from '../src/runtime-data';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** The Worker's static assets directory (`wrangler.toml` `[assets] directory`). */
export const ASSETS_DIR = resolve(ROOT, 'dist/assets');

/** The runtime data asset `npm run content` writes. */
export const RUNTIME_DATA_FILE = resolve(ASSETS_DIR, RUNTIME_DATA_ASSET);

/** The bundle `npm run content` writes for Node. */
export const CONTENT_FILE = resolve(ROOT, 'src/content/generated/content.json');

/** The OpenAPI documents `npm run content` writes for Node. */
export const OPENAPI_FILE = resolve(ROOT, 'src/content/generated/openapi.json');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Install the generated content bundle and the catalogues as they are in `locales/` (so
 * a wording edit is seen without a rebuild). Throws when `npm run content` has not run.
 */
export function installRuntimeDataFromFiles(): void {
  installRuntimeData({
    content: readJson(CONTENT_FILE) as ContentBundle,
    locales: {
      'zh-CN': readJson(resolve(ROOT, 'locales/zh-CN/translation.json')) as Record<string, unknown>,
      en: readJson(resolve(ROOT, 'locales/en/translation.json')) as Record<string, unknown>,
    },
    openapi: readJson(OPENAPI_FILE) as OpenApiDocs,
  });
}
