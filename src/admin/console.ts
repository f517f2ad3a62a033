import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { consoleApiRoutes } from './api-routes';
import { consoleRoutes } from './console/routes';
import type { RequestHandler } from './internal';

/**
 * The admin console: its API routes (OpenAPI, whoami, overview, audit, audience preview)
 * and the `/admin` pages, which call the admin API through `self` (the whole app).
 *
 * @example app.route('/', adminConsole(() => app))
 */
export function adminConsole(self: () => RequestHandler): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', consoleApiRoutes());
  app.route('/', consoleRoutes(self));
  return app;
}
