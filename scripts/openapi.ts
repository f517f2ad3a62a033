/**
 * Generate both OpenAPI documents from the routes' zod schemas (run by `npm run content`;
 * the Worker serves the result from its runtime data, see src/http/openapi-docs.ts).
 */
import { adminOpenApi } from '../src/admin/openapi';
import { checksOpenApi } from '../src/http/openapi';
import type { OpenApiDocs } from '../src/http/openapi-docs';

/** The documents as the Worker will serve them. */
export function buildOpenApiDocs(): OpenApiDocs {
  return { checks: checksOpenApi(), admin: adminOpenApi() };
}
