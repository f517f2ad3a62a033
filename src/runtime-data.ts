import { ConfigError } from './config';
import { setContent } from './content';
import type { ContentBundle } from './content/schema';
import { setOpenApiDocs, type OpenApiDocs } from './http/openapi-docs';
import { setCatalogues, type Catalogues } from './i18n';

/**
 * The Worker's data (the content bundle and the translation catalogues) lives in its
 * static assets, not in its script: about 125 KB gzipped that every isolate would
 * otherwise compile as JavaScript. `npm run content` writes it as one JSON file into the
 * assets directory (`wrangler.toml` `[assets]`); a cold isolate reads it once, through the
 * `ASSETS` binding (served inside Cloudflare, no store round trip), before it handles its
 * first request, queue batch or cron event, and concurrent first events share that read.
 * In Node (tests, bench, scripts) `scripts/runtime-data.ts` installs the same data from the
 * generated files instead.
 */

/** The asset's path inside the assets directory (not public: the Worker runs first). */
export const RUNTIME_DATA_ASSET = 'runtime-data.json';

/** What the asset holds: every part of the content bundle, the catalogues, the API docs. */
export interface RuntimeData {
  content: ContentBundle;
  locales: Catalogues;
  openapi: OpenApiDocs;
}

/** The part of the assets binding this uses. */
interface AssetReader {
  fetch(request: Request): Promise<Response>;
}

let installed = false;
let pending: Promise<void> | undefined;

/** Make the data what `content` and `translate` read from now on. */
export function installRuntimeData(data: RuntimeData): void {
  setContent(data.content);
  setCatalogues(data.locales);
  setOpenApiDocs(data.openapi);
  installed = true;
}

/**
 * Nothing (`undefined`) when the data is installed; otherwise the one read of the asset
 * under way, which installs it. A failed read is not remembered: the next event tries again.
 * A missing binding or asset is a configuration error (503 `misconfigured`).
 */
export function ensureRuntimeData(assets: unknown): Promise<void> | undefined {
  if (installed) return undefined;
  pending ??= readRuntimeData(assets).then(installRuntimeData, (error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

function isAssetReader(value: unknown): value is AssetReader {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { fetch?: unknown }).fetch === 'function'
  );
}

async function readRuntimeData(assets: unknown): Promise<RuntimeData> {
  if (!isAssetReader(assets)) {
    throw new ConfigError('ASSETS: no static assets binding ([assets] in wrangler.toml)');
  }
  const response = await assets.fetch(new Request(`https://assets.invalid/${RUNTIME_DATA_ASSET}`));
  if (!response.ok) {
    throw new ConfigError(
      `ASSETS: ${RUNTIME_DATA_ASSET} answered ${response.status} (run npm run content before deploying)`,
    );
  }
  try {
    return (await response.json()) as RuntimeData;
  } catch (error) {
    throw new ConfigError(`ASSETS: ${RUNTIME_DATA_ASSET} is not JSON (${String(error)})`);
  }
}
