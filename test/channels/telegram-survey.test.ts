import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/compose';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import { DEV_PSEUDONYM_SECRET } from '../../src/config';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import { copy } from '../support/copy';
import {
  postUpdate,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';

const SECRET = 'survey-secret_1';
const env = telegramTestEnv(SECRET);
const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Sender = TestSender;
const en: Sender = { id: 7001, is_bot: false, first_name: 'Li', language_code: 'en' };
const zh: Sender = { id: 7002, is_bot: false, first_name: '王', language_code: 'zh-hans' };

let store: Store;
let app: ReturnType<typeof buildApp>;
beforeEach(() => {
  api.reset({ scripts: true });
  store = createMemoryStore();
  app = buildApp(env, { store, log: memoryLogger() });
});

const updates = updateFactory();
const message = (from: Sender, text: string) => updates.text(from, text);
const press = (from: Sender, data: string, messageId: number) =>
  updates.press(from, data, messageId);

async function post(body: unknown) {
  const res = await postUpdate(app, body, SECRET);
  expect(res.status).toBe(200);
  await api.recordWebhookReply(res);
}

/** What the bot sent since the last step, and the buttons of the last message with any. */
function sent() {
  const calls = api.calls.filter((c) => c.method === 'sendMessage');
  const keyboard = [...calls].reverse().find((c) => c.payload.reply_markup);
  const rows =
    (
      keyboard?.payload.reply_markup as
        { inline_keyboard: { text: string; callback_data: string }[][] } | undefined
    )?.inline_keyboard ?? [];
  return {
    texts: calls.map((c) => String(c.payload.text)),
    buttons: rows.flat(),
    messageId: keyboard?.messageId ?? 0,
  };
}

async function say(from: Sender, text: string) {
  api.reset();
  await post(message(from, text));
  return sent();
}

async function tap(from: Sender, label: string) {
  const { buttons, messageId } = sent();
  const button = buttons.find((b) => b.text === label);
  expect(button, `"${label}" in ${JSON.stringify(buttons.map((b) => b.text))}`).toBeDefined();
  api.reset();
  await post(press(from, button!.callback_data, messageId));
  return sent();
}

async function recordOf(from: Sender) {
  const key = await pseudonymizer(DEV_PSEUDONYM_SECRET)({
    channel: 'telegram',
    userId: String(from.id),
  });
  return store.getRecord('survey:seller_baseline:1', key);
}

describe('a survey over Telegram', () => {
  it('in English, by buttons: keyboards with question refs, progress, every type', async () => {
    expect((await say(en, '/survey seller_baseline')).texts[0]).toBe(
      '<b>Village online shop survey</b>\n\nThis survey asks about your online shop: what you sell and where, how long you have been selling, orders and shipping costs, livestreaming, and your biggest difficulty. 13 questions, about 3 minutes.',
    );
    expect(sent().buttons.map((b) => b.text)).toEqual([
      copy('surveys.buttons.agree', 'en'),
      copy('surveys.buttons.decline', 'en'),
      '中文',
    ]);
    const first = await tap(en, copy('surveys.buttons.agree', 'en'));
    expect(first.texts).toEqual(['1/13 · What do you mainly sell?']);
    for (const b of first.buttons) {
      expect(b.callback_data).toMatch(/^\d+\|[a-z_]+$/);
      expect(new TextEncoder().encode(b.callback_data).length).toBeLessThanOrEqual(64);
    }
    await tap(en, 'Handicrafts');
    await tap(en, 'Douyin');
    expect(sent().buttons[2]!.text).toBe('✓ Douyin');
    await tap(en, 'WeChat (mini program or Moments)');
    expect((await tap(en, copy('surveys.buttons.done', 'en'))).texts[0]).toMatch(
      /^3\/13 · How many years/,
    );
    await say(en, '6');
    await say(en, '45');
    await say(en, '120.5');
    await say(en, '9');
    await tap(en, 'I tried, then stopped');
    expect((await tap(en, 'Not enough money to invest')).texts[0]).toMatch(/^10\/13/);
    await say(en, 'skip');
    await tap(en, 'No');
    expect((await tap(en, '3')).texts[0]).toBe(
      // The thanks is the survey's own text (content/surveys), the hint the bot's copy.
      'That is the end of the survey. Thank you very much for your time!\n\n' +
        copy('surveys.withdraw_hint', 'en', { id: 'seller_baseline' }),
    );
    expect(await recordOf(en)).toMatchObject({
      status: 'completed',
      channel: 'telegram',
      locale: 'en',
      answers: {
        category: 'handicrafts',
        platforms: ['douyin', 'wechat'],
        years_selling: 6,
        order_value_rmb: 120.5,
        livestream: 'stopped',
        main_difficulty: 'money',
        difficulty_detail: null,
        trained: false,
        outlook: 3,
      },
    });
  });

  it('in Chinese, by typing numbers and words; an old button cannot answer the open question', async () => {
    await say(zh, '/survey seller_baseline');
    expect(sent().buttons.map((b) => b.text)).toEqual([
      copy('surveys.buttons.agree', 'zh-CN'),
      copy('surveys.buttons.decline', 'zh-CN'),
      'English',
    ]);
    await say(zh, '1');
    const old = sent();
    await say(zh, '2');
    api.reset();
    await post(press(zh, old.buttons[0]!.callback_data, old.messageId));
    expect(api.of('answerCallbackQuery')).toEqual([
      expect.objectContaining({ text: copy('errors.choice_answered', 'zh-CN') }),
    ]);
    for (const answer of [
      '1,2',
      '10',
      '500',
      '35',
      '6',
      '1',
      '60',
      '1',
      '货太多发不完',
      '是',
      '2025年3月1日',
    ])
      await say(zh, answer);
    expect(sent().texts[0]).toMatch(/^13\/13 · 您对网店未来一年的生意有多大信心？/);
    expect((await say(zh, '5')).texts[0]).toMatch(/^问卷完成了/);
    expect(await recordOf(zh)).toMatchObject({
      status: 'completed',
      locale: 'zh-CN',
      answers: {
        category: 'furniture',
        livestream: 'weekly',
        livestream_share_pct: 60,
        last_training: '2025-03-01',
        outlook: 5,
      },
    });
  });

  it('an invitation button starts the survey; a re-delivered press does nothing twice', async () => {
    const invite = press(en, '/survey seller_baseline', 555);
    await post(invite);
    expect(api.of('editMessageReplyMarkup')).toEqual([{ chat_id: en.id, message_id: 555 }]);
    expect(sent().texts[0]).toMatch(/Village online shop survey/);
    await tap(en, copy('surveys.buttons.agree', 'en'));
    const furniture = sent().buttons.find((b) => b.text === 'Furniture')!;
    const answer = press(en, furniture.callback_data, sent().messageId);
    api.reset();
    await post(answer);
    await post(answer);
    expect(sent().texts).toEqual([expect.stringMatching(/^2\/13/)]);
    expect(await recordOf(en)).toMatchObject({ answers: { category: 'furniture' } });
    expect((await store.counters())['survey:seller_baseline:1:started']).toBe(1);
    api.reset();
    await post(press(en, '/survey seller_baseline no', 556));
    expect(sent().texts[0]).toMatch(/continue later/);
  });
});
