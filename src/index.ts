import type { Hono } from 'hono';
import { buildApp } from './compose';
import { ConfigError } from './config';
import type { AppEnv } from './http/types';

let cached: { env: unknown; app: Hono<AppEnv> } | undefined;

function appFor(env: Record<string, unknown>): Hono<AppEnv> {
  if (cached?.env !== env) cached = { env, app: buildApp(env) };
  return cached.app;
}

/** The Worker: HTTP today; `queue` and `scheduled` handlers arrive with broadcasts. */
export default {
  fetch(
    request: Request,
    env: Record<string, unknown>,
    ctx: ExecutionContext,
  ): Response | Promise<Response> {
    try {
      return appFor(env).fetch(request, env, ctx);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(
        JSON.stringify({ level: 'error', event: 'config_invalid', message: error.message }),
      );
      return Response.json({ error: 'misconfigured', message: error.message }, { status: 500 });
    }
  },
} satisfies ExportedHandler<Record<string, unknown>>;
