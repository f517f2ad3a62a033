import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/compose';
import { content } from '../../src/content';
import { resolveText } from '../../src/core/text';
import { translate } from '../../src/i18n';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import { StoreUnavailableError, type Store } from '../../src/store/port';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import { copy } from '../support/copy';
import {
  postUpdate,
  privateChat,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';

const SECRET = 'test-secret_1';
const env = telegramTestEnv(SECRET);
const en = (key: string) => copy(key, 'en');
const zh = (key: string) => copy(key, 'zh-CN');

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Sender = TestSender;
const li: Sender = { id: 4242, is_bot: false, first_name: 'Li', language_code: 'en' };
const wang: Sender = { id: 5151, is_bot: false, first_name: '王', language_code: 'zh-hans' };

const updates = updateFactory();
const text = (body: string, from = li) => updates.text(from, body);
const press = (data: string, messageId: number, from = li) => updates.press(from, data, messageId);

let store: Store;
let log: ReturnType<typeof memoryLogger>;
let app: ReturnType<typeof buildApp>;

beforeEach(() => {
  api.reset({ scripts: true });
  store = createMemoryStore();
  log = memoryLogger();
  app = buildApp(env, { store, log });
});
afterEach(() => server.resetHandlers());

async function post(update: unknown, secret: string | null = SECRET) {
  const res = await postUpdate(app, update, secret);
  await api.recordWebhookReply(res);
  return res;
}

/** The texts sent since the last reset, and the keyboard of the last one that had buttons. */
function sent() {
  const calls = api.calls.filter((c) => c.method === 'sendMessage');
  const withKeyboard = [...calls].reverse().find((c) => c.payload.reply_markup);
  const rows =
    (
      withKeyboard?.payload.reply_markup as
        { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined
    )?.inline_keyboard ?? [];
  return {
    texts: calls.map((c) => c.payload.text as string),
    buttons: rows.flat(),
    messageId: withKeyboard?.messageId ?? 0,
  };
}

async function tap(label: string, from = li) {
  const { buttons, messageId } = sent();
  const button = buttons.find((b) => b.text === label);
  expect(button, `button ${label} in ${JSON.stringify(buttons)}`).toBeDefined();
  api.reset();
  expect((await post(press(button!.callback_data, messageId, from))).status).toBe(200);
}

async function say(body: string, from = li) {
  api.reset();
  expect((await post(text(body, from))).status).toBe(200);
}

describe('Telegram webhook', () => {
  it('refuses a wrong or missing secret token with 401 and does nothing', async () => {
    expect((await post(text('/start'), 'wrong')).status).toBe(401);
    expect((await post(text('/start'), null)).status).toBe(401);
    expect(api.calls).toEqual([]);
    expect((await store.load({ channel: 'telegram', userId: '4242' }, 'x')).version).toBe(0);
  });

  it('onboards in English with buttons: keyboards, callback answers, old keyboards removed', async () => {
    await say('/start');
    expect(sent().texts[1]).toBe(en('onboarding.ask_language'));
    expect(sent().buttons.map((b) => b.text)).toEqual(['中文', 'English']);
    for (const b of sent().buttons)
      expect(new TextEncoder().encode(b.callback_data).length).toBeLessThanOrEqual(64);
    const languageMessage = sent().messageId;

    await tap('English');
    expect(api.of('answerCallbackQuery')).toHaveLength(1);
    expect(api.of('editMessageReplyMarkup')).toEqual([
      { chat_id: 4242, message_id: languageMessage },
    ]);
    expect(sent().texts).toEqual([en('onboarding.ask_category')]);

    await tap('Furniture');
    await say('Zhejiang');
    await tap(en('onboarding.stage.few_orders'));
    await tap(en('common.yes'));
    expect(sent().texts).toEqual([en('onboarding.done'), en('menu.prompt')]);
    const menu = (content.lists.menu ?? []).map((item) => resolveText(item.label, 'en', translate));
    expect(menu).toContain(en('menu.profile'));
    expect(sent().buttons.map((b) => b.text)).toEqual(menu);
    const profile = (await store.load({ channel: 'telegram', userId: '4242' }, 'x')).profile;
    expect(profile).toMatchObject({
      locale: 'en',
      category: 'furniture',
      province: 'zhejiang',
      stage: 'few_orders',
      consent: true,
    });
  });

  it('onboards in Chinese by typing, from the Telegram language code', async () => {
    await say('/start', wang);
    expect(sent().texts[0]).toContain(zh('onboarding.welcome'));
    await say('1', wang);
    await say('家具', wang);
    await say('浙江省', wang);
    await say('2', wang);
    await say('是', wang);
    expect(sent().texts).toEqual([zh('onboarding.done'), zh('menu.prompt')]);
  });

  it('sends HTML without link previews', async () => {
    await say('/help');
    const first = api.of('sendMessage')[0]!;
    expect(first.parse_mode).toBe('HTML');
    expect(first.link_preview_options).toEqual({ is_disabled: true });
  });

  it('a re-delivered update has no second effect and no second reply', async () => {
    const update = text('/start');
    await post(update);
    const firstSends = api.of('sendMessage').length;
    expect((await post(update)).status).toBe(200);
    expect(api.of('sendMessage')).toHaveLength(firstSends);
    expect((await store.counters()).turns).toBe(1);
  });

  it('two racing updates of one user both take effect, once each', async () => {
    await say('/start');
    api.reset();
    const [a, b] = await Promise.all([post(text('/help')), post(text('/menu'))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await store.counters()).turns).toBe(3);
    expect((await store.load({ channel: 'telegram', userId: '4242' }, 'x')).version).toBe(3);
    expect(sent().texts.filter((t) => t === en('menu.prompt'))).toHaveLength(2);
  });

  it('a stale button gets a notice on the button and changes nothing', async () => {
    await say('/start');
    const { buttons, messageId } = sent();
    const english = buttons.find((b) => b.text === 'English')!;
    await post(press(english.callback_data, messageId));
    api.reset();
    await post(press(english.callback_data, messageId));
    expect(api.of('answerCallbackQuery')).toEqual([
      expect.objectContaining({ text: en('errors.choice_answered') }),
    ]);
    expect(api.of('sendMessage')).toEqual([]);
  });

  it('honours 429 retry_after and then delivers', async () => {
    api.fail('sendMessage', 429, 'Too Many Requests: retry after 1', 1, 1);
    await say('/help');
    const sends = api.of('sendMessage');
    expect(sends.length).toBe(3); // the 429, its retry, then the menu
    expect(sends[0]).toEqual(sends[1]);
    expect(log.lines.some((l) => l.event === 'telegram_send_failed')).toBe(false);
  });

  it('403 blocked marks the person inactive; unblocking reactivates', async () => {
    await say('/start');
    api.fail('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await say('/help');
    const user = { channel: 'telegram', userId: '4242' };
    expect((await store.load(user, 'x')).profile).toMatchObject({ active: false });
    const change = (status: string) => ({
      update_id: updates.nextId(),
      my_chat_member: {
        chat: privateChat(li),
        from: li,
        date: 0,
        old_chat_member: {
          status: 'member',
          user: { id: 123456, is_bot: true, first_name: 'Village' },
        },
        new_chat_member: {
          status,
          user: { id: 123456, is_bot: true, first_name: 'Village' },
          ...(status === 'kicked' ? { until_date: 0 } : {}),
        },
      },
    });
    await post(change('member'));
    expect((await store.load(user, 'x')).profile).toMatchObject({ active: true });
    await post(change('kicked'));
    expect((await store.load(user, 'x')).profile).toMatchObject({ active: false });
  });

  it('a Bot API 500 is retried a bounded number of times, then the update is failed so Telegram re-delivers, and the replies go out once', async () => {
    api.fail('sendMessage', 500, 'Internal Server Error', 2);
    const update = text('/start');
    const res = await post(update);
    expect(res.status).toBe(503);
    expect(api.of('sendMessage')).toHaveLength(2); // the first try and one quick retry
    expect(
      log.lines.find((l) => l.event === 'telegram_send_deferred')?.fields.updateId,
    ).toBeDefined();
    expect((await store.load({ channel: 'telegram', userId: '4242' }, 'x')).version).toBe(1);
    // Telegram re-delivers: the turn is not run again, its replies are sent, once.
    api.reset();
    expect((await post(update)).status).toBe(200);
    const sentOnce = api.of('sendMessage').length;
    expect(sentOnce).toBeGreaterThan(0);
    expect((await post(update)).status).toBe(200);
    expect(api.of('sendMessage')).toHaveLength(sentOnce);
    expect((await store.counters()).turns).toBe(1);
  });

  it('a store outage answers 503 so Telegram re-delivers later', async () => {
    const down: Store = {
      ...createMemoryStore(),
      load: () => Promise.reject(new StoreUnavailableError('down')),
    };
    app = buildApp(env, { store: down, log });
    expect((await post(text('/start'))).status).toBe(503);
    expect(api.of('sendMessage')).toEqual([]);
  });
});

describe('Telegram updates we do not chat about', () => {
  it.each([
    ['not JSON', '{"update_id": 1,'],
    ['not an object', '[1,2,3]'],
    ['no update_id', { message: { text: 'hi' } }],
  ])('%s: acknowledged with 200 and logged', async (_name, body) => {
    expect((await post(body)).status).toBe(200);
    expect(log.lines.some((l) => l.event === 'telegram_malformed_update')).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('a message without `from` is ignored with 200', async () => {
    const update = text('/start');
    delete (update.message as { from?: unknown }).from;
    expect((await post(update)).status).toBe(200);
    expect(api.calls).toEqual([]);
  });

  it('unknown fields do not matter', async () => {
    const update = { ...text('/start'), brand_new_field: { x: 1 } };
    expect((await post(update)).status).toBe(200);
    expect(api.of('sendMessage').length).toBeGreaterThan(0);
  });

  it('a huge text is handled, not crashed on', async () => {
    expect((await post(text('很'.repeat(4096)))).status).toBe(200);
    expect(api.of('sendMessage')[0]?.text).toBe(en('ask.unknown'));
  });

  const id = () => updates.nextId();
  const msg = (extra: object) => ({
    message_id: 1,
    date: 0,
    chat: privateChat(li),
    from: li,
    text: '/start',
    ...extra,
  });
  it.each([
    ['a chat without type', { update_id: id(), message: msg({ chat: { id: 4242 } }) }],
    [
      'a chat id that is a string',
      { update_id: id(), message: msg({ chat: { id: 'x', type: 'private' } }) },
    ],
    ['a text that is a number', { update_id: id(), message: msg({ text: 42 }) }],
    ['a text that is an object', { update_id: id(), message: msg({ text: { a: 1 } }) }],
    [
      'a sender id that is a string',
      { update_id: id(), message: msg({ from: { ...li, id: 'li' } }) },
    ],
    ['a message that is a string', { update_id: id(), message: 'hello' }],
    ['an update_id that is fractional', { update_id: 1.5, message: msg({}) }],
    [
      'a button press without a sender',
      {
        update_id: id(),
        callback_query: {
          id: 'q1',
          chat_instance: 'c',
          data: '1|en',
          message: { message_id: 1, date: 0, chat: privateChat(li) },
        },
      },
    ],
    [
      'a button press whose data is a number',
      {
        update_id: id(),
        callback_query: {
          id: 'q2',
          from: li,
          chat_instance: 'c',
          data: 7,
          message: { message_id: 1, date: 0, chat: privateChat(li) },
        },
      },
    ],
    [
      'a membership change without a new status',
      {
        update_id: id(),
        my_chat_member: { chat: privateChat(li), from: li, date: 0, new_chat_member: {} },
      },
    ],
  ])('%s: acknowledged with 200, logged, nothing run', async (_name, update) => {
    expect((await post(update)).status).toBe(200);
    expect(log.lines.some((l) => l.event === 'telegram_invalid_update')).toBe(true);
    expect(api.calls).toEqual([]);
    expect((await store.load({ channel: 'telegram', userId: '4242' }, 'x')).version).toBe(0);
  });

  it('a language code that is missing or not a string does not matter', async () => {
    const { language_code: _drop, ...noLanguage } = li;
    expect((await post(text('/start', noLanguage))).status).toBe(200);
    expect(api.of('sendMessage').length).toBeGreaterThan(0);
    api.reset();
    const odd = { ...wang, id: 6161, language_code: 12 } as unknown as Sender;
    expect((await post(text('/start', odd))).status).toBe(200);
    expect(api.of('sendMessage').length).toBeGreaterThan(0);
  });

  it('a button press without data is answered, so the spinner stops, and nothing else', async () => {
    const update = {
      update_id: id(),
      callback_query: {
        id: 'nodata',
        from: li,
        chat_instance: 'c',
        game_short_name: 'g',
        message: { message_id: 1, date: 0, chat: privateChat(li) },
      },
    };
    expect((await post(update)).status).toBe(200);
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });

  it.each([
    ['a poll', { poll: { id: 'p', question: 'q', options: [], is_closed: false } }],
    ['an inline query', { inline_query: { id: 'i', from: li, query: 'x', offset: '' } }],
    ['something Telegram adds next year', { brand_new_kind: { anything: [1, 2] } }],
  ])('%s (an update kind we do not handle): 200 and a log line', async (_name, body) => {
    expect((await post({ update_id: id(), ...body })).status).toBe(200);
    expect(log.lines.some((l) => l.event === 'telegram_unhandled_update')).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('a text over Telegram’s 4096 characters is cut to 4096 before the turn, and logged', async () => {
    expect((await post(text('a'.repeat(60_000)))).status).toBe(200);
    expect(api.of('sendMessage')[0]?.text).toBe(en('ask.unknown'));
    expect(log.lines.find((l) => l.event === 'telegram_text_truncated')?.fields).toMatchObject({
      length: 60_000,
    });
  });

  it.each([
    ['a photo', { photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }] }],
    [
      'a sticker',
      {
        sticker: {
          file_id: 'f',
          file_unique_id: 'u',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
    ],
    ['a voice note', { voice: { file_id: 'f', file_unique_id: 'u', duration: 2 } }],
  ])('%s in a private chat gets a polite "text and buttons" reply', async (_name, content) => {
    const update = {
      update_id: updates.nextId(),
      message: { message_id: 1, date: 0, chat: privateChat(li), from: li, ...content },
    };
    expect((await post(update)).status).toBe(200);
    expect(api.of('sendMessage').map((m) => m.text)).toEqual([en('telegram.unsupported')]);
  });

  it('an edited message gets the same polite reply', async () => {
    const update = {
      update_id: updates.nextId(),
      edited_message: {
        message_id: 1,
        date: 0,
        edit_date: 1,
        chat: privateChat(wang),
        from: wang,
        text: 'x',
      },
    };
    await post(update);
    expect(api.of('sendMessage').map((m) => m.text)).toEqual([zh('telegram.unsupported')]);
  });

  it('group messages and channel posts are ignored', async () => {
    const group = {
      update_id: updates.nextId(),
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -100, type: 'group', title: 'g' },
        from: li,
        text: '/start',
      },
    };
    const post1 = {
      update_id: updates.nextId(),
      channel_post: {
        message_id: 1,
        date: 0,
        chat: { id: -200, type: 'channel', title: 'c' },
        text: 'news',
      },
    };
    expect((await post(group)).status).toBe(200);
    expect((await post(post1)).status).toBe(200);
    expect(api.calls).toEqual([]);
  });

  it('a button press in a group is still answered (so the spinner stops) and nothing else', async () => {
    const update = {
      update_id: updates.nextId(),
      callback_query: {
        id: 'g1',
        from: li,
        chat_instance: 'c',
        data: '1|en',
        message: { message_id: 1, date: 0, chat: { id: -100, type: 'group', title: 'g' } },
      },
    };
    await post(update);
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });
});
