/**
 * Local development with a real bot and no public URL: long polling with the same handler
 * the webhook uses. Store: Upstash when configured, else the memory store.
 *   TELEGRAM_BOT_TOKEN=... npm run telegram:poll
 */
import { Api } from 'grammy';
import { createTelegramBot } from '../src/channels/telegram/client';
import { installTelegramTurns } from '../src/channels/telegram/routes';
import { buildDeps } from '../src/compose';
import { scriptEnv } from './env';
import { installRuntimeDataFromFiles } from './runtime-data';

async function main(): Promise<void> {
  installRuntimeDataFromFiles();
  const env = scriptEnv();
  if (!env.TELEGRAM_BOT_TOKEN) {
    console.error('usage: TELEGRAM_BOT_TOKEN=... npm run telegram:poll');
    process.exit(2);
  }
  // Polling needs neither a webhook secret nor a stored getMe: fill both for the config.
  const apiRoot = env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : undefined;
  const me = await new Api(env.TELEGRAM_BOT_TOKEN, apiRoot).getMe();
  const deps = buildDeps({
    ...env,
    TELEGRAM_WEBHOOK_SECRET: 'polling',
    TELEGRAM_BOT_INFO: JSON.stringify(me),
    WEBCHAT_ENABLED: 'false',
  });
  const bot = createTelegramBot(deps.config.telegram!);
  installTelegramTurns(bot, { turn: deps.turn, log: deps.log, t: deps.program.t, now: deps.now });
  bot.catch((error) => deps.log.error('telegram_poll_error', { message: String(error.error) }));
  await bot.api.deleteWebhook();
  console.log(`polling as @${me.username} with the ${deps.store.kind} store; Ctrl-C to stop`);
  process.once('SIGINT', () => void bot.stop());
  process.once('SIGTERM', () => void bot.stop());
  await bot.start({
    allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
  });
}

main().catch((error: unknown) => {
  console.error(`telegram:poll failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
