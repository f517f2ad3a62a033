import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { consoleApiRoutes } from './api-routes';
import { consoleRoutes } from './console/routes';

/**
 * The admin console: its API routes (OpenAPI, whoami, overview, audit, audience preview)
 * and the `/admin` pages, which call the same services as the admin API.
 *
 * @example app.route('/', adminConsole())
 */
export function adminConsole(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', consoleApiRoutes());
  app.route('/', consoleRoutes());
  return app;
}
