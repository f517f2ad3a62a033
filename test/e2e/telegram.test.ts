import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, startBotApiServer } from '../support/bot-api.js';
import { copy } from '../support/copy.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';
import { telegramTestEnv } from '../support/telegram-updates.js';

// The built Worker in workerd, with grammY's API root pointed at a stand-in Bot API on
// loopback: checks the exact sendMessage payloads a real Telegram would receive.

const SECRET = 'e2e-secret';
const TRAINER = 'trainer-e2e-token-0123456789';
const api = new FakeBotApi();
let bot: Awaited<ReturnType<typeof startBotApiServer>>;
let worker: WranglerDev;
let updateId = 500;
const zh = (key: string) => copy(key, 'zh-CN');

const from = { id: 777, is_bot: false, first_name: 'Mei', language_code: 'zh-hans' };
const chat = { id: 777, type: 'private', first_name: 'Mei' };

beforeAll(async () => {
  bot = await startBotApiServer(api);
  worker = await startWranglerDev({
    vars: telegramTestEnv(SECRET, {
      TELEGRAM_API_ROOT: bot.url,
      ADMIN_TOKENS: `trainer:${TRAINER}`,
    }),
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
  await api.recordWebhookReply(res);
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
        text: zh('onboarding.welcome'),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      },
      {
        chat_id: 777,
        text: zh('onboarding.ask_language'),
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
    // The press is answered in the webhook's response, after the replies went out.
    expect(api.calls.map((c) => [c.method, c.viaWebhook ?? false])).toEqual([
      ['editMessageReplyMarkup', false],
      ['sendMessage', false],
      ['answerCallbackQuery', true],
    ]);
    expect(api.of('answerCallbackQuery')).toEqual([{ callback_query_id: 'cq1' }]);
    expect(api.of('editMessageReplyMarkup')).toEqual([
      { chat_id: 777, message_id: keyboardMessage },
    ]);
    expect(api.of('sendMessage')[0]?.text).toBe(zh('onboarding.ask_category'));
  });

  it('a trainer push reaches the person through the real queue consumer', async () => {
    for (const answer of ['家具', '浙江', '2', '是']) expect(await deliver(say(answer))).toBe(200);
    api.reset();
    const created = await fetch(`${worker.url}/admin/api/broadcasts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TRAINER}` },
      body: JSON.stringify({
        audience: { all: true },
        messages: { 'zh-CN': '**新课**：包装与运输', en: 'New lesson' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    let status: { status: string; counts: Record<string, number> } | undefined;
    for (let i = 0; i < 100 && status?.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const res = await fetch(`${worker.url}/admin/api/broadcasts/${id}`, {
        headers: { Authorization: `Bearer ${TRAINER}` },
      });
      status = (await res.json()) as typeof status;
    }
    expect(status).toMatchObject({ status: 'done', counts: { audience: 1, sent: 1, pending: 0 } });
    expect(api.of('sendMessage')).toEqual([
      {
        chat_id: 777,
        text: '<b>新课</b>：包装与运输',
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      },
    ]);
  });
});
