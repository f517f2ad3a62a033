import type { Context, Hono } from 'hono';
import type { AdminToken } from '../config';
import type { AppEnv } from '../http/types';
import { randomToken } from './session';

/** The header that marks the console's own in-process calls to the admin API. */
export const CONSOLE_HEADER = 'X-Admin-Console';

/** Something that answers requests: the app itself. */
export type RequestHandler = Pick<Hono<AppEnv>, 'fetch'>;

// Callers in flight, by a one-time random nonce that never leaves this isolate.
const inFlight = new Map<string, AdminToken>();

/** The console page's actor behind an in-process call's nonce, if it is one in flight. */
export function consoleActor(nonce: string | undefined): AdminToken | undefined {
  return nonce === undefined ? undefined : inFlight.get(nonce);
}

/** What an in-process API call answered. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/**
 * Call the admin API in process as a console page's actor: the console is a client of the
 * same routes tools use, so roles, validation and the audit trail are the API's.
 */
export async function callApi(
  c: Context<AppEnv>,
  app: RequestHandler,
  actor: AdminToken,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const nonce = randomToken(18);
  inFlight.set(nonce, actor);
  try {
    const request = new Request(new URL(path, c.req.url), {
      method,
      headers: {
        [CONSOLE_HEADER]: nonce,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await app.fetch(request, c.env, executionContext(c));
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (an export, say): hand back the text.
    }
    return { status: response.status, body: parsed };
  } finally {
    inFlight.delete(nonce);
  }
}

function executionContext(c: Context<AppEnv>): Context<AppEnv>['executionCtx'] | undefined {
  try {
    return c.executionCtx;
  } catch {
    // Node tests call app.request() without one.
    return undefined;
  }
}
