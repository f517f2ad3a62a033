import { BotError, webhookCallback, type Bot } from 'grammy';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

/** Compare secrets in time independent of where they differ. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

function isUpdate(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { update_id?: unknown }).update_id === 'number'
  );
}

/**
 * `POST /telegram/webhook` through grammY's hono adapter. The secret token header is
 * checked first (401 otherwise), so a forged call never reaches the parser. An update that
 * is not even an object is acknowledged and logged, so Telegram does not re-send it forever.
 */
export function telegramRoutes(bot: Bot, secretToken: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const handle = webhookCallback(bot, 'hono', {
    secretToken,
    onTimeout: 'throw',
    timeoutMilliseconds: 9000,
  });

  app.post('/telegram/webhook', async (c) => {
    if (!sameSecret(c.req.header('X-Telegram-Bot-Api-Secret-Token'), secretToken)) {
      return c.json({ error: 'unauthorized' }, 401);
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    if (!isUpdate(body)) {
      c.var.deps.log.warn('telegram_malformed_update', {});
      return c.body(null, 200);
    }
    try {
      return await handle(c);
    } catch (error) {
      // Let the app's error handler see the cause (a store outage is a 503, so Telegram retries).
      throw error instanceof BotError ? error.error : error;
    }
  });
  return app;
}
