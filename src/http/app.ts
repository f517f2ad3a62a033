import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { broadcastRoutes } from '../admin/broadcast-routes';
import { BroadcastQueueMissingError } from '../broadcast/queue';
import { courseRoutes } from '../admin/course-routes';
import { lessonRoutes } from '../admin/lesson-routes';
import { experimentRoutes } from '../admin/experiment-routes';
import { surveyRoutes } from '../admin/survey-routes';
import { responseRoutes } from '../admin/response-routes';
import { adminConsole } from '../admin/console';
import { telegramChannel } from '../channels/telegram';
import { wechatChannel } from '../channels/wechat';
import { webchatRoutes } from '../channels/webchat/routes';
import { DeliveryFailedError } from '../shell/pipeline';
import { TurnContentionError } from '../shell/run-turn';
import { StoreUnavailableError } from '../store/port';
import { askRoutes } from './ask';
import { checkRoutes } from './checks';
import { clientOf } from './client';
import type { AppDeps, AppEnv } from './types';
import { wellFormedJson } from './well-formed';

/** Largest request body accepted anywhere (webhooks and chat messages are far smaller). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The HTTP shell: health, body limit, one error handler (no stack traces to clients),
 * JSON 404, and the channel sub-apps.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('client', clientOf(c.req.raw));
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'payload_too_large', maxBytes: MAX_BODY_BYTES }, 413),
    }),
  );
  // Telegram's own updates are never refused (they would be re-sent forever): its route
  // acknowledges what it cannot use. Everything else that takes JSON refuses bad text.
  for (const path of ['/webchat/*', '/api/*', '/admin/api/*']) app.use(path, wellFormedJson());

  app.get('/', (c) => c.redirect(deps.config.webchat.enabled ? '/chat' : '/healthz'));
  app.get('/healthz', async (c) => {
    const ok = await deps.store.ping();
    return c.json({ ok, store: deps.store.kind }, ok ? 200 : 503);
  });

  if (deps.config.webchat.enabled) app.route('/', webchatRoutes());
  app.route('/', checkRoutes());
  app.route('/', askRoutes(deps.store));
  if (deps.config.telegram) app.route('/', telegramChannel(deps.config.telegram, deps));
  if (deps.config.wechat) app.route('/', wechatChannel(deps.config.wechat, deps));

  app.route('/admin/api', broadcastRoutes());
  app.route('/admin/api', courseRoutes());
  app.route('/admin/api', lessonRoutes());
  app.route('/admin/api', surveyRoutes());
  app.route('/admin/api', responseRoutes());
  app.route('/admin/api', experimentRoutes());
  app.route('/', adminConsole());

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: error.message || 'http_error' }, error.status);
    }
    if (error instanceof BroadcastQueueMissingError) {
      // Logged where it was refused (`broadcast_refused`).
      return c.json({ error: 'broadcast_queue_missing', message: error.message }, 503);
    }
    if (error instanceof DeliveryFailedError) {
      // Logged where it happened; the channel re-delivers and the replies go out then.
      return c.json({ error: 'delivery_failed' }, 503);
    }
    if (error instanceof StoreUnavailableError || error instanceof TurnContentionError) {
      deps.log.error('store_unavailable', { path: c.req.path, message: error.message });
      // A console page gets a page (in both languages), not JSON.
      if (isConsolePage(c.req.path)) return c.html(STORE_DOWN_PAGE, 503);
      return c.json({ error: 'store_unavailable' }, 503);
    }
    deps.log.error('unhandled', { path: c.req.path, message: error.message, stack: error.stack });
    return c.json({ error: 'internal_error' }, 500);
  });
  return app;
}

/** A console page, as opposed to the admin API. */
function isConsolePage(path: string): boolean {
  return (path === '/admin' || path.startsWith('/admin/')) && !path.startsWith('/admin/api');
}

/** What a console page shows while the store cannot be reached. */
const STORE_DOWN_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>503</title></head>
<body style="font-family:system-ui,sans-serif;margin:2rem;max-width:36rem">
<h1>暂时无法读取数据 / Data is unavailable right now</h1>
<p>数据库暂时连不上。请稍后刷新本页，您填写的内容不会被保存两次。</p>
<p>The database cannot be reached at the moment. Please reload this page in a little while;
nothing you sent is recorded twice.</p></body></html>`;
