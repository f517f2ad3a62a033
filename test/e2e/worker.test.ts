import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content } from '../../src/content/index.js';
import type { Locale } from '../../src/core/message.js';
import { copy } from '../support/copy.js';
import { deleteByPrefix } from '../support/redis-keys.js';
import { defaultRedisUrl, requireRedis } from '../support/redis-available.js';
import { startUpstashBridge, type UpstashBridge } from '../support/upstash-bridge.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

// End to end: the real bundle in workerd (wrangler dev), spoken to over HTTP like the page does.

interface Choice {
  id: string;
  label: string;
}
interface ChatReply {
  messages: { text: string; choices?: Choice[] }[];
  locale: string;
}
interface Answer<T> {
  status: number;
  body: T;
}

/** The onboarding's messages in one locale, by the i18n keys the flow names. */
const onboarding = (locale: Locale) => ({
  welcome: copy('onboarding.welcome', locale),
  language: copy('onboarding.ask_language', locale),
  category: copy('onboarding.ask_category', locale),
  province: copy('onboarding.ask_province', locale),
  stage: copy('onboarding.ask_stage', locale),
  consent: copy('onboarding.ask_consent', locale),
  saved: copy('onboarding.done', locale),
  menu: copy('menu.prompt', locale),
  welcomeBack: copy('start.welcome_back', locale),
});
const EN = onboarding('en');
const ZH = onboarding('zh-CN');
// The menu lists what content/menu.yaml lists; the content build checks each item exists.
const MENU_IDS = (content.lists.menu ?? []).map((item) => item.id);

/** A client for one running Worker. */
function client(baseUrl: string) {
  async function post<T>(body: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${baseUrl}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Leave non-JSON bodies as text so the assertion shows them.
    }
    return { status: response.status, body: parsed as T };
  }
  /** One turn that must succeed. */
  async function turn(body: Record<string, unknown>): Promise<ChatReply> {
    const answer = await post<ChatReply>(JSON.stringify(body));
    expect(answer, JSON.stringify(body)).toMatchObject({ status: 200 });
    return answer.body;
  }
  return {
    post,
    turn,
    say: (userId: string, text: string, extra: Record<string, unknown> = {}) =>
      turn({ userId, text, ...extra }),
    tap: (userId: string, choiceId: string, extra: Record<string, unknown> = {}) =>
      turn({ userId, choiceId, ...extra }),
    async health(): Promise<Answer<{ ok: boolean; store: string }>> {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as never };
    },
  };
}

function texts(reply: ChatReply): string[] {
  return reply.messages.map((m) => m.text);
}

/** The choices of the last message (the question being asked). */
function choiceIds(reply: ChatReply): string[] {
  return (reply.messages.at(-1)?.choices ?? []).map((c) => c.id);
}

function newUser(): string {
  return `e2e-${randomUUID()}`;
}

/** Onboards `userId` in English by choice ids, checking every question on the way. */
async function onboardInEnglish(chat: ReturnType<typeof client>, userId: string): Promise<void> {
  const start = await chat.say(userId, '/start', { locale: 'en' });
  expect(start.locale).toBe('en');
  expect(texts(start)[0]).toContain(EN.welcome);
  expect(texts(start).at(-1)).toBe(EN.language);
  expect(choiceIds(start)).toEqual(['zh-CN', 'en']);

  const category = await chat.tap(userId, 'en');
  expect(texts(category)).toEqual([EN.category]);
  expect(choiceIds(category)).toContain('furniture');

  const province = await chat.tap(userId, 'furniture');
  expect(texts(province)).toEqual([EN.province]);
  expect(choiceIds(province)).toContain('zhejiang');
  expect(province.messages[0]?.choices).toContainEqual({ id: 'zhejiang', label: 'Zhejiang' });

  const stage = await chat.tap(userId, 'zhejiang');
  expect(texts(stage)).toEqual([EN.stage]);
  expect(choiceIds(stage)).toEqual(['not_selling', 'few_orders', 'more_orders', 'organiser']);

  const consent = await chat.tap(userId, 'few_orders');
  expect(texts(consent)[0]).toContain(EN.consent);
  expect(consent.messages[0]?.choices).toEqual([
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ]);

  const done = await chat.tap(userId, 'yes');
  expect(texts(done)).toEqual([EN.saved, EN.menu]);
  expect(choiceIds(done)).toEqual(MENU_IDS);
  expect(done.locale).toBe('en');
}

describe('worker end to end (wrangler dev, memory store)', () => {
  let dev: WranglerDev;
  let chat: ReturnType<typeof client>;

  beforeAll(async () => {
    dev = await startWranglerDev();
    chat = client(dev.url);
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it('answers /healthz with the memory store', async () => {
    expect(await chat.health()).toEqual({ status: 200, body: { ok: true, store: 'memory' } });
  });

  it('keeps the runtime data asset private: the Worker answers its path, with 404', async () => {
    const response = await fetch(`${dev.url}/runtime-data.json`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('"flows"');
  });

  it('onboards in English by choice ids, then welcomes the person back', async () => {
    const userId = newUser();
    await onboardInEnglish(chat, userId);
    const again = await chat.say(userId, '/start');
    expect(texts(again)).toEqual([EN.welcomeBack, EN.menu]);
    expect(choiceIds(again)).toEqual(MENU_IDS);
  });

  it('onboards in Chinese by typing a number, a label, a province alias and 是', async () => {
    const userId = newUser();
    const start = await chat.say(userId, '/start', { locale: 'zh-CN' });
    expect(start.locale).toBe('zh-CN');
    expect(texts(start)[0]).toContain(ZH.welcome);
    expect(choiceIds(start)).toEqual(['zh-CN', 'en']);

    const category = await chat.say(userId, '1');
    expect(texts(category)).toEqual([ZH.category]);
    expect(category.messages[0]?.choices).toContainEqual({ id: 'furniture', label: '家具' });

    const province = await chat.say(userId, '家具');
    expect(texts(province)).toEqual([ZH.province]);
    expect(province.messages[0]?.choices).toContainEqual({ id: 'zhejiang', label: '浙江' });

    expect(texts(await chat.say(userId, '浙江省'))).toEqual([ZH.stage]);
    // Typed as a seller would: part of the option's label.
    const consent = await chat.say(userId, copy('onboarding.stage.not_selling', 'zh-CN'));
    expect(texts(consent)[0]).toContain(ZH.consent);
    expect(choiceIds(consent)).toEqual(['yes', 'no']);

    const done = await chat.say(userId, '是');
    expect(texts(done)).toEqual([ZH.saved, ZH.menu]);
    expect(choiceIds(done)).toEqual(MENU_IDS);
    expect(done.locale).toBe('zh-CN');
  });

  it('accepts a plain province name and a number for the category', async () => {
    const userId = newUser();
    await chat.say(userId, '/start', { locale: 'zh-CN' });
    await chat.say(userId, '中文');
    expect(texts(await chat.say(userId, '2'))).toEqual([ZH.province]);
    expect(texts(await chat.say(userId, '浙江'))[0]).toContain(ZH.stage);
    expect(texts(await chat.say(userId, '2'))[0]).toContain(ZH.consent);
  });

  it('answers unknown text with a helpful reply and the menu again', async () => {
    const userId = newUser();
    await onboardInEnglish(chat, userId);
    const reply = await chat.say(userId, 'what is the weather like in Hangzhou?');
    expect(reply.messages).toHaveLength(2);
    expect(texts(reply)[0]).not.toBe(EN.menu);
    // It tells what it can take: a button or a number.
    expect(texts(reply)[0]).toMatch(/choose|button|number/i);
    expect(texts(reply)[1]).toBe(EN.menu);
    expect(choiceIds(reply)).toEqual(MENU_IDS);
  });

  describe('bad input', () => {
    it('rejects a body that is not JSON with 400', async () => {
      const answer = await chat.post<{ error: string }>('{"userId": "u1", "text": ');
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: expect.any(String) });
    });

    it('rejects a missing userId with 400 and fields.userId', async () => {
      const answer = await chat.post<{ fields: Record<string, string[]> }>(
        JSON.stringify({ text: 'hello' }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.fields.userId).toEqual(expect.arrayContaining([expect.any(String)]));
    });

    it('rejects a 2 MB body with 413', async () => {
      const body = JSON.stringify({ userId: newUser(), text: 'x'.repeat(2 * 1024 * 1024) });
      const answer = await chat.post<{ error: string }>(body);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ error: 'payload_too_large' });
      // The Worker is still fine afterwards.
      expect((await chat.health()).status).toBe(200);
    });

    it('rejects a 10,000-character text with 400 and fields.text', async () => {
      const answer = await chat.post<{ fields: Record<string, string[]> }>(
        JSON.stringify({ userId: newUser(), text: 'x'.repeat(10_000) }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.fields.text).toEqual(expect.arrayContaining([expect.any(String)]));
    });

    it('answers an unknown choiceId with 200: the button is stale, and the question again', async () => {
      const userId = newUser();
      await chat.say(userId, '/start', { locale: 'en' });
      await chat.tap(userId, 'en');
      const reply = await chat.tap(userId, 'no-such-choice');
      expect(reply.messages).toHaveLength(2);
      expect(texts(reply)[0]).toMatch(/earlier question/i);
      expect(texts(reply)[1]).toBe(EN.category);
      expect(choiceIds(reply)).toContain('furniture');
      // The conversation is still at the category question.
      expect(texts(await chat.tap(userId, 'furniture'))).toEqual([EN.province]);
    });
  });

  it('answers a re-sent messageId with the same replies without advancing', async () => {
    const userId = newUser();
    await chat.say(userId, '/start', { locale: 'en' });
    const first = await chat.tap(userId, 'en', { messageId: 'm-lang' });
    expect(texts(first)).toEqual([EN.category]);
    // The retry of the same message (same id) repeats the answer: still the category question.
    expect(await chat.tap(userId, 'en', { messageId: 'm-lang' })).toEqual(first);
    const province = await chat.tap(userId, 'furniture', { messageId: 'm-category' });
    expect(texts(province)).toEqual([EN.province]);
    // A late duplicate of the language answer neither moves the conversation back nor on.
    expect(await chat.tap(userId, 'en', { messageId: 'm-lang' })).toEqual(first);
    expect(await chat.tap(userId, 'furniture', { messageId: 'm-category' })).toEqual(province);
    const stage = await chat.tap(userId, 'zhejiang', { messageId: 'm-province' });
    expect(texts(stage)[0]).toContain(EN.stage);
  });
});

const redisReachable = await requireRedis();
if (!redisReachable) {
  console.warn(
    `Skipping the Upstash end-to-end tests: Redis is not reachable at ${defaultRedisUrl()} ` +
      '(start Redis or set REDIS_URL; with CI set this is a failure instead).',
  );
}

describe.skipIf(!redisReachable)('worker end to end (wrangler dev, Upstash store)', () => {
  const prefix = `test:e2e-worker:${randomUUID()}:`;
  let bridge: UpstashBridge;
  let dev: WranglerDev | undefined;
  let vars: Record<string, string>;

  beforeAll(async () => {
    bridge = await startUpstashBridge();
    vars = {
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_TIMEOUT_MS: '15000',
      UPSTASH_REDIS_REST_TOKEN: bridge.token,
      STORE_PREFIX: prefix,
    };
    dev = await startWranglerDev({ vars });
  });
  afterAll(async () => {
    await dev?.stop();
    await bridge?.close();
    await deleteByPrefix(prefix);
  });

  it('reports the Upstash store and keeps a profile across a Worker restart', async () => {
    const chat = client(dev!.url);
    expect(await chat.health()).toEqual({ status: 200, body: { ok: true, store: 'upstash' } });

    const userId = newUser();
    const before = bridge.commands;
    await onboardInEnglish(chat, userId);
    expect(bridge.commands).toBeGreaterThan(before);

    // A new workerd has an empty memory; only Redis can know this person finished onboarding.
    await dev!.stop();
    dev = await startWranglerDev({ vars });
    const again = await client(dev.url).say(userId, '/start');
    expect(texts(again)).toEqual([EN.welcomeBack, EN.menu]);
    expect(await client(dev.url).health()).toEqual({
      status: 200,
      body: { ok: true, store: 'upstash' },
    });
  });
});

/** Removes this run's keys with SCAN (never KEYS, which blocks a shared Redis). */
