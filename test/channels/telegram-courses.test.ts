import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverChunk } from '../../src/broadcast/consumer';
import { jobStatus } from '../../src/broadcast/planner';
import { MemoryQueue } from '../../src/broadcast/queue';
import { buildDeps } from '../../src/compose';
import { createApp } from '../../src/http/app';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import {
  postUpdate,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';

// A course taken over Telegram and a trainer's /push, against a stand-in Bot API (msw):
// buttons, the refusal of a non-trainer, one job per confirmed push even when Telegram
// re-delivers the update, and one message per subscriber.

const SECRET = 'test-secret_1';
const env = telegramTestEnv(SECRET, { TRAINER_TELEGRAM_IDS: '4242, 9999' });

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Person = TestSender;
const trainer: Person = { id: 4242, is_bot: false, first_name: 'Li', language_code: 'en' };
const wang: Person = { id: 5151, is_bot: false, first_name: '王', language_code: 'zh-hans' };
const zhao: Person = { id: 6161, is_bot: false, first_name: '赵', language_code: 'zh-hans' };

const updates = updateFactory();
const text = (from: Person, body: string) => updates.text(from, body);

let store: Store;
let queue: MemoryQueue;
let app: ReturnType<typeof createApp>;
let deps: ReturnType<typeof buildDeps>;

beforeEach(() => {
  api.reset({ scripts: true });
  store = createMemoryStore();
  queue = new MemoryQueue({ redeliverEvery: true });
  const base = buildDeps(env, { store, log: memoryLogger() });
  deps = { ...base, planner: { ...base.planner, queue } };
  app = createApp(deps);
});

function post(update: unknown) {
  return postUpdate(app, update, SECRET);
}

/** Texts sent since the last reset, and the buttons of the last message that had some. */
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

async function say(from: Person, body: string) {
  api.reset();
  expect((await post(text(from, body))).status).toBe(200);
}

async function tap(from: Person, label: string) {
  const { buttons, messageId } = sent();
  const button = buttons.find((b) => b.text === label);
  expect(button, `button ${label} in ${JSON.stringify(buttons)}`).toBeDefined();
  expect(new TextEncoder().encode(button!.callback_data).length).toBeLessThanOrEqual(64);
  api.reset();
  expect((await post(updates.press(from, button!.callback_data, messageId))).status).toBe(200);
}

async function subscribe(person: Person) {
  await say(person, '/start course_shipping');
  await tap(person, '订阅');
  expect(sent().texts[0]).toBe(
    '已订阅<b>物流与包装</b>。有新课会通知您；随时可以在课程页面取消订阅。',
  );
}

describe('courses over Telegram', () => {
  it('takes a lesson with buttons: deep link, lesson, quiz, feedback', async () => {
    await say(wang, '/start course_shipping');
    expect(sent().texts[0]).toMatch(/^<b>物流与包装<\/b>\n/);
    expect(sent().buttons.map((b) => b.text)).toEqual(['下一课', '订阅', '其他课程', '主菜单']);
    await tap(wang, '下一课');
    const { texts, buttons } = sent();
    expect(texts[0]).toMatch(/^物流与包装 · 第1课，共5课 · 约3分钟\n<b>包裹怎么从村里出去<\/b>/);
    expect(texts[1]).toMatch(/^<b>小测验<\/b>：到2022年底/);
    expect(buttons.map((b) => b.text)).toEqual(['A', 'B', 'C']);
    await tap(wang, 'B');
    expect(sent().texts.slice(0, 2)).toEqual([
      expect.stringMatching(/^<b>答对了！<\/b>到2022年底，95%的行政村已通快递/),
      '学习进度：已学完1/5课 · 测验答对1/1题',
    ]);
    expect(api.of('answerCallbackQuery').length).toBe(1);
  });
});

describe('/push over Telegram', () => {
  it('refuses someone who is not a trainer, politely', async () => {
    await say(wang, '/push');
    expect(sent().texts[0]).toBe(
      '抱歉，/push 只供课程讲师使用。如果您是讲师，请联系管理员添加您的 Telegram 账号。',
    );
    expect(await store.listJobs(10)).toEqual([]);
  });

  it('lets a trainer push to a course: preview, confirm, one job, one message each', async () => {
    await subscribe(wang);
    await subscribe(zhao);
    await say(trainer, '/push');
    expect(sent().texts).toEqual([
      "Send an update to a course's subscribers.",
      "Which course's subscribers should get it?",
    ]);
    await tap(trainer, 'Shipping and packaging');
    await say(trainer, '第6课“退货怎么处理”上线了，发送 /lesson 学习。');
    await say(trainer, 'Lesson 6 is out: handling returns. Send /lesson to read it.');
    expect(sent().texts[0]).toBe(
      'Preview, to the subscribers of <b>Shipping and packaging</b>:\n\n中文:\n第6课“退货怎么处理”上线了，发送 /lesson 学习。\n\nEnglish:\nLesson 6 is out: handling returns. Send /lesson to read it.',
    );
    expect(sent().buttons.map((b) => b.text)).toEqual(['Send', 'Change the text', 'Cancel']);

    // Confirm, then Telegram re-delivers the same update (no 2xx seen, say).
    const { buttons, messageId } = sent();
    const confirm = updates.press(
      trainer,
      buttons.find((b) => b.text === 'Send')!.callback_data,
      messageId,
    );
    api.reset();
    expect((await post(confirm)).status).toBe(200);
    const jobId = `push-telegram-4242-${confirm.update_id}`;
    expect(sent().texts).toEqual([
      'OK: the update to the subscribers of <b>Shipping and packaging</b> is being prepared.',
      `Sending to 2 subscribers. Job: ${jobId}`,
    ]);
    api.reset();
    expect((await post(confirm)).status).toBe(200);
    expect(sent().texts).toEqual([]);
    expect(await store.listJobs(10)).toEqual([jobId]);

    await queue.drain((chunk) => deliverChunk(deps.consumer, chunk));
    expect(api.delivered().sort()).toEqual([5151, 6161]);
    expect(api.of('sendMessage').map((m) => m.text)).toEqual([
      '第6课“退货怎么处理”上线了，发送 /lesson 学习。',
      '第6课“退货怎么处理”上线了，发送 /lesson 学习。',
    ]);
    expect(await jobStatus(store, jobId)).toMatchObject({
      kind: 'course_update',
      status: 'done',
      audience: { course: 'shipping' },
      counts: { audience: 2, sent: 2, failed: 0, blocked: 0, pending: 0 },
    });
  });

  it('a trainer can leave a language out, or cancel', async () => {
    await say(trainer, '/push');
    await tap(trainer, "Telling your product's story");
    await say(trainer, '-');
    await say(trainer, 'skip');
    expect(sent().texts).toEqual([
      'Both languages were left out. Please type at least one message.',
      'Type the message in Chinese (send - to leave Chinese out).',
    ]);
    await say(trainer, '-');
    await say(trainer, 'New lesson!');
    expect(sent().texts[0]).toContain('中文:\n(none: they get the other language)');
    await tap(trainer, 'Cancel');
    expect(sent().texts).toEqual(['Cancelled: nothing was sent.']);
    expect(await store.listJobs(10)).toEqual([]);
  });
});
