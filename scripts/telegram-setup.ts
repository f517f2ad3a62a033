/**
 * Connect a Telegram bot to a deployed Worker:
 *   TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... npm run telegram:setup -- https://your-worker.workers.dev
 * Prints the bot's getMe JSON (set it as TELEGRAM_BOT_INFO), sets the webhook with the
 * secret token and the update kinds we handle, sets the command menu in Chinese and
 * English, and prints getWebhookInfo.
 */
import { Api } from 'grammy';
import { botCommands } from '../src/channels/telegram/commands';
import { content } from '../src/content';
import { translate } from '../src/i18n';
import { scriptEnv } from './env';
import { installRuntimeDataFromFiles } from './runtime-data';

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

async function main(): Promise<void> {
  installRuntimeDataFromFiles();
  const env = scriptEnv();
  const base = process.argv[2] ?? env.PUBLIC_URL;
  if (!env.TELEGRAM_BOT_TOKEN || !env.TELEGRAM_WEBHOOK_SECRET || !base) {
    console.error(
      'usage: TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... npm run telegram:setup -- https://your-worker.example',
    );
    process.exit(2);
  }
  const api = new Api(
    env.TELEGRAM_BOT_TOKEN,
    env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : undefined,
  );
  const me = await api.getMe();
  console.log(
    `bot: @${me.username}\n\nSet this secret (wrangler secret put TELEGRAM_BOT_INFO):\n${JSON.stringify(me)}\n`,
  );

  const url = `${base.replace(/\/$/, '')}/telegram/webhook`;
  await api.setWebhook(url, {
    secret_token: env.TELEGRAM_WEBHOOK_SECRET,
    allowed_updates: [...ALLOWED_UPDATES],
  });
  const commands = Object.keys(content.commands);
  await api.setMyCommands(botCommands(commands, 'en', translate));
  await api.setMyCommands(botCommands(commands, 'zh-CN', translate), { language_code: 'zh' });
  console.log(`webhook: ${url}\ncommands: ${commands.map((c) => `/${c}`).join(' ')}\n`);
  console.log(JSON.stringify(await api.getWebhookInfo(), null, 2));
}

main().catch((error: unknown) => {
  console.error(`telegram:setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
