import type * as z from 'zod';
import type { OperationId } from './role-matrix';

/**
 * One admin API operation as documented: the route (OpenAPI path template), and the zod
 * schemas of what goes in and comes out. Who may call it is in the role matrix, under its
 * `operationId`.
 */
export interface AdminOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: OperationId;
  tag: 'broadcasts' | 'surveys' | 'experiments' | 'courses' | 'console';
  summary: string;
  body?: z.ZodType;
  /** A body that is a file, not JSON (an uploaded spreadsheet). */
  rawBody?: { contentType: string; description: string };
  query?: z.ZodType;
  ok: {
    status: '200' | '201';
    description: string;
    schema?: z.ZodType;
    /** For answers that are not JSON (exports). */
    contentType?: string;
  };
}
