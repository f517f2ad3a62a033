import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, startBotApiServer } from '../support/bot-api.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

// The built Worker in workerd, with grammY's API root pointed at a stand-in Bot API on
// loopback: checks the exact sendMessage payloads a real Telegram would receive.

const SECRET = 'e2e-secret';
const api = new FakeBotApi();
let bot: Awaited<ReturnType<typeof startBotApiServer>>;
let worker: WranglerDev;
let updateId = 500;

const from = { id: 777, is_bot: false, first_name: 'Mei', language_code: 'zh-hans' };
const chat = { id: 777, type: 'private', first_name: 'Mei' };

beforeAll(async () => {
  bot = await startBotApiServer(api);
  worker = await startWranglerDev({
    vars: {
      TELEGRAM_BOT_TOKEN: '42:E2E',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify({
        id: 42,
        is_bot: true,
        first_name: 'Village',
        username: 'village_e2e_bot',
      }),
      TELEGRAM_API_ROOT: bot.url,
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await bot?.close();
});

async function deliver(update: object, secret = SECRET): Promise<number> {
  const res = await fetch(`${worker.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

const say = (text: string) => ({
  update_id: ++updateId,
  message: { message_id: updateId, date: 0, chat, from, text },
});

describe('Telegram in workerd', () => {
  it('refuses a wrong secret', async () => {
    expect(await deliver(say('/start'), 'nope')).toBe(401);
    expect(api.calls).toEqual([]);
  });

  it('answers /start with the exact sendMessage payloads, and only once per update', async () => {
    const update = say('/start');
    expect(await deliver(update)).toBe(200);
    expect(api.of('sendMessage')).toEqual([
      {
        chat_id: 777,
        text: '您好！我是乡村网店经营助手。先问您几个简单的问题，好让我的建议更贴合您的网店。',
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      },
      {
        chat_id: 777,
        text: '请选择语言 / Please choose your language:',
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: {
          inline_keyboard: [
            [
              { text: '中文', callback_data: '1|zh-CN' },
              { text: 'English', callback_data: '1|en' },
            ],
          ],
        },
      },
    ]);
    expect(await deliver(update)).toBe(200);
    expect(api.of('sendMessage')).toHaveLength(2);
  });

  it('a button press is answered, its keyboard removed, and the next question sent', async () => {
    const keyboardMessage = api.calls.filter((c) => c.method === 'sendMessage').at(-1)!.messageId;
    api.reset();
    const press = {
      update_id: ++updateId,
      callback_query: {
        id: 'cq1',
        from,
        chat_instance: 'x',
        data: '1|zh-CN',
        message: { message_id: keyboardMessage, date: 0, chat },
      },
    };
    expect(await deliver(press)).toBe(200);
    expect(api.calls.map((c) => c.method)).toEqual([
      'answerCallbackQuery',
      'editMessageReplyMarkup',
      'sendMessage',
    ]);
    expect(api.of('editMessageReplyMarkup')).toEqual([
      { chat_id: 777, message_id: keyboardMessage },
    ]);
    expect(api.of('sendMessage')[0]?.text).toBe('您主要卖什么？请选最接近的一项。');
  });
});
