import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content } from '../../src/content';
import { LOCALES } from '../../src/core/message';
import { catalogues } from '../../src/i18n';
import { FakeBotApi, startBotApiServer } from '../support/bot-api';
import { copy } from '../support/copy';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

describe('telegram:setup', () => {
  const api = new FakeBotApi();
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  beforeAll(async () => {
    server = await startBotApiServer(api);
  });
  afterAll(() => server.close());

  it('sets the webhook with the secret, the handled update kinds, and commands in both languages', async () => {
    const { stdout } = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      ['scripts/telegram-setup.ts', 'https://bot.example.org/'],
      {
        cwd: root,
        env: {
          ...process.env,
          TELEGRAM_BOT_TOKEN: '1:T',
          TELEGRAM_WEBHOOK_SECRET: 'sec_ret',
          TELEGRAM_API_ROOT: server.url,
        },
      },
    );
    expect(stdout).toContain('"username":"village_test_bot"');
    expect(api.of('setWebhook')).toEqual([
      {
        url: 'https://bot.example.org/telegram/webhook',
        secret_token: 'sec_ret',
        allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
      },
    ]);
    const [en, zh] = api.of('setMyCommands');
    expect(en?.language_code).toBeUndefined();
    expect(zh?.language_code).toBe('zh');
    expect(
      (zh?.commands as { command: string; description: string }[]).find((c) => c.command === 'lang')
        ?.description,
    ).toBe(copy('commands.lang', 'zh-CN'));
  });
});

describe('command descriptions', () => {
  it.each(LOCALES)('every chat command has a description in %s', (locale) => {
    const described = Object.keys((catalogues[locale].commands ?? {}) as object);
    expect(Object.keys(content.commands).filter((c) => !described.includes(c))).toEqual([]);
  });
});
