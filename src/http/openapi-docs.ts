/**
 * The OpenAPI documents the Worker serves (`/api/openapi.json`, `/admin/api/openapi.json`).
 * They are generated from the routes' zod schemas when `npm run content` runs
 * (`scripts/openapi.ts`) and travel in the runtime data, so the Worker does not carry zod's
 * JSON Schema converter (about 22 KB of script) to answer two rarely asked requests.
 */

/** Both documents, by name. */
export interface OpenApiDocs {
  checks: Record<string, unknown>;
  admin: Record<string, unknown>;
}

let docs: OpenApiDocs | undefined;

/** Install the documents (at isolate start, with the rest of the runtime data). */
export function setOpenApiDocs(next: OpenApiDocs): void {
  docs = next;
}

/** One document; throws when the runtime data has not been installed. */
export function openApiDoc(name: keyof OpenApiDocs): Record<string, unknown> {
  if (!docs) throw new Error('openapi: runtime data not installed');
  return docs[name];
}
