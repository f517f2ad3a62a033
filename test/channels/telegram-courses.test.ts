import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/admin/audit';
import { auditSentence } from '../../src/admin/audit-render';
import { deliverChunk } from '../../src/broadcast/consumer';
import { jobStatus } from '../../src/broadcast/planner';
import { MemoryQueue } from '../../src/broadcast/queue';
import { buildDeps } from '../../src/compose';
import { createApp } from '../../src/http/app';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { toTelegramHtml } from '../../src/channels/telegram/render';
import type { TextParams } from '../../src/core/text';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import { copy, re } from '../support/copy';
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
const en = (key: string) => copy(key, 'en');
const zh = (key: string) => copy(key, 'zh-CN');
const enHtml = (key: string, params?: TextParams) => toTelegramHtml(copy(key, 'en', params));
const zhHtml = (key: string, params?: TextParams) => toTelegramHtml(copy(key, 'zh-CN', params));
// What the trainer types: test data, not the bot's copy.
const UPDATE_ZH = '第6课“退货怎么处理”上线了，发送 /lesson 学习。';
const UPDATE_EN = 'Lesson 6 is out: handling returns. Send /lesson to read it.';
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

async function post(update: unknown) {
  const res = await postUpdate(app, update, SECRET);
  await api.recordWebhookReply(res);
  return res;
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
  await tap(person, zh('courses.choice_subscribe'));
  expect(sent().texts[0]).toBe(zhHtml('courses.subscribed', { course: '物流与包装' }));
}

describe('courses over Telegram', () => {
  it('takes a lesson with buttons: deep link, lesson, quiz, feedback', async () => {
    await say(wang, '/start course_shipping');
    expect(sent().texts[0]).toMatch(/^<b>物流与包装<\/b>\n/);
    expect(sent().buttons.map((b) => b.text)).toEqual(
      ['choice_next', 'choice_subscribe', 'choice_courses', 'choice_menu'].map((k) =>
        zh(`courses.${k}`),
      ),
    );
    await tap(wang, zh('courses.choice_next'));
    const { texts, buttons } = sent();
    expect(texts[0]).toMatch(
      re`^${zhHtml('courses.lesson_header', { course: '物流与包装', position: 1, total: 5, minutes: 3 })}\n<b>包裹怎么从村里出去<\/b>`,
    );
    expect(texts[1]).toMatch(re`^${zhHtml('courses.quiz.question', { question: '到2022年底' })}`);
    expect(buttons.map((b) => b.text)).toEqual(['A', 'B', 'C']);
    await tap(wang, 'B');
    expect(sent().texts.slice(0, 2)).toEqual([
      expect.stringMatching(
        re`^${zhHtml('courses.quiz.right', { explanation: '到2022年底，95%的行政村已通快递' })}`,
      ),
      zhHtml('courses.standing', { done: 1, total: 5, right: 1, quizzes: 1 }),
    ]);
    expect(api.of('answerCallbackQuery').length).toBe(1);
  });
});

describe('/push over Telegram', () => {
  it('refuses someone who is not a trainer, politely', async () => {
    await say(wang, '/push');
    expect(sent().texts[0]).toBe(zhHtml('push.refused'));
    expect(await store.listJobs(10)).toEqual([]);
    expect(await readAudit(store)).toEqual([]);
  });

  it('lets a trainer push to a course: preview, confirm, one job, one message each', async () => {
    await subscribe(wang);
    await subscribe(zhao);
    await say(trainer, '/push');
    expect(sent().texts).toEqual([en('push.intro'), en('push.ask_course')]);
    await tap(trainer, 'Shipping and packaging');
    await say(trainer, UPDATE_ZH);
    await say(trainer, UPDATE_EN);
    expect(sent().texts[0]).toBe(
      enHtml('push.preview', { course: 'Shipping and packaging', zh: UPDATE_ZH, en: UPDATE_EN }),
    );
    expect(sent().buttons.map((b) => b.text)).toEqual(
      ['push.choice_send', 'push.choice_edit', 'push.choice_cancel'].map(en),
    );

    // Confirm, then Telegram re-delivers the same update (no 2xx seen, say).
    const { buttons, messageId } = sent();
    const confirm = updates.press(
      trainer,
      buttons.find((b) => b.text === en('push.choice_send'))!.callback_data,
      messageId,
    );
    api.reset();
    expect((await post(confirm)).status).toBe(200);
    const jobId = `push-telegram-4242-${confirm.update_id}`;
    expect(sent().texts).toEqual([
      enHtml('push.requested', { course: 'Shipping and packaging' }),
      enHtml('push.created', { audience: 2, id: jobId }),
    ]);
    api.reset();
    expect((await post(confirm)).status).toBe(200);
    expect(sent().texts).toEqual([]);
    expect(await store.listJobs(10)).toEqual([jobId]);
    // In the admin audit trail once, re-delivery or not: the trainer, the course, how many.
    const trail = await readAudit(store);
    expect(trail.map((e) => [e.who, e.role, e.via, e.action, e.target, e.details])).toEqual([
      [
        'telegram:4242',
        'trainer',
        'telegram',
        'broadcast.send',
        {
          kind: 'course',
          id: 'shipping',
          title: { 'zh-CN': '物流与包装', en: 'Shipping and packaging' },
        },
        { recipients: 2, kind: 'course_update', job: jobId },
      ],
    ]);
    expect(auditSentence(trail[0]!, 'en')).toBe(
      "telegram:4242 (Trainer) sent a push (Course update) about 'Shipping and packaging' to 2 people",
    );

    await queue.drain((chunk) => deliverChunk(deps.consumer, chunk));
    expect(api.delivered().sort()).toEqual([5151, 6161]);
    expect(api.of('sendMessage').map((m) => m.text)).toEqual([UPDATE_ZH, UPDATE_ZH]);
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
    expect(sent().texts).toEqual([en('push.empty'), en('push.ask_zh')]);
    await say(trainer, '-');
    await say(trainer, 'New lesson!');
    expect(sent().texts[0]).toContain(`中文:\n${en('push.preview_missing')}`);
    await tap(trainer, en('push.choice_cancel'));
    expect(sent().texts).toEqual([en('push.cancelled')]);
    expect(await store.listJobs(10)).toEqual([]);
  });
});
