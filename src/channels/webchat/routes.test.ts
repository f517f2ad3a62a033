import { describe, expect, it } from 'vitest';
import { buildApp } from '../../compose';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { StoreUnavailableError, type Store } from '../../store/port';
import { copy } from '../../../test/support/copy';

function devApp(store: Store = createMemoryStore()) {
  const log = memoryLogger();
  return { app: buildApp({}, { store, log }), store, log };
}

async function post(
  app: ReturnType<typeof devApp>['app'],
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request('/webchat/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown> & { messages?: { text: string }[] },
    res,
  };
}

describe('POST /webchat/api/messages: bad input', () => {
  it.each([
    ['not JSON', '{"userId": "u", text', 'body'],
    ['a JSON array', '[1,2]', 'body'],
    ['missing userId', { text: 'hi' }, 'userId'],
    ['empty text', { userId: 'u', text: '' }, 'text'],
    ['blank text', { userId: 'u', text: '  \n ' }, 'text'],
    ['10,000 characters', { userId: 'u', text: 'x'.repeat(10_000) }, 'text'],
    ['a number as text', { userId: 'u', text: 42 }, 'text'],
    // JSON.stringify keeps a lone surrogate as the escape \ud800: valid JSON, invalid text.
    [
      'a lone surrogate in messageId',
      { userId: 'u', text: 'hi', messageId: 'a\ud800' },
      'messageId',
    ],
    ['a lone surrogate in userId', { userId: '\udfff', text: 'hi' }, 'userId'],
    ['a lone surrogate in text', { userId: 'u', text: 'x\ud83d' }, 'text'],
  ])('%s → 400 naming the field', async (_name, body, field) => {
    const { app } = devApp();
    const { status, json } = await post(app, body);
    expect(status).toBe(400);
    expect(Object.keys(json.fields as object)).toContain(field);
  });

  it('a lone surrogate is bad input, not a store outage: nothing logged as an error', async () => {
    const { app, log } = devApp();
    const { status } = await post(app, '{"userId":"u","text":"hi","messageId":"\\ud800"}');
    expect(status).toBe(400);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a 2 MB body → 413, not a crash', async () => {
    const { app } = devApp();
    const { status, json } = await post(app, { userId: 'u', text: 'x'.repeat(2 * 1024 * 1024) });
    expect(status).toBe(413);
    expect(json.error).toBe('payload_too_large');
  });

  it('bad input leaves the stored state intact: the open question continues', async () => {
    const { app, store } = devApp();
    await post(app, { userId: 'u', text: '/start', locale: 'en' });
    await post(app, { userId: 'u', choiceId: 'en' });
    const before = await store.load({ channel: 'webchat', userId: 'u' }, 'none');
    for (const bad of [
      '{oops',
      { userId: 'u', text: '' },
      { userId: 'u', text: 'y'.repeat(10_000) },
    ])
      await post(app, bad);
    expect(await store.load({ channel: 'webchat', userId: 'u' }, 'none')).toEqual(before);
    const { json } = await post(app, { userId: 'u', choiceId: 'furniture' });
    expect(json.messages?.[0]?.text).toBe(copy('onboarding.ask_province', 'en'));
  });

  it('an unknown choiceId gets a clear reply and the question again', async () => {
    const { app } = devApp();
    await post(app, { userId: 'u', text: '/start', locale: 'en' });
    const { status, json } = await post(app, {
      userId: 'u',
      choiceId: 'no-such-button',
      locale: 'en',
    });
    expect(status).toBe(200);
    expect(json.messages?.map((m) => m.text)).toEqual([
      copy('errors.choice_stale', 'en'),
      copy('onboarding.ask_language', 'en'),
    ]);
  });

  it('emoji and mixed scripts get a helpful reply', async () => {
    const { app } = devApp();
    const { status, json } = await post(app, {
      userId: 'u',
      text: '🙂🌾 村 hello ١٢٣',
      locale: 'zh-CN',
    });
    expect(status).toBe(200);
    expect(json.messages?.[0]?.text).toBe(copy('ask.unknown', 'zh-CN'));
  });

  it('a re-sent messageId returns the same replies and does nothing twice', async () => {
    const { app, store } = devApp();
    const first = await post(app, { userId: 'u', text: '/start', locale: 'en', messageId: 'm-1' });
    const again = await post(app, { userId: 'u', text: '/start', locale: 'en', messageId: 'm-1' });
    expect(again.json).toEqual(first.json);
    expect((await store.counters()).turns).toBe(1);
    expect((await store.load({ channel: 'webchat', userId: 'u' }, 'x')).version).toBe(1);
  });
});

describe('HTTP shell', () => {
  it('GET /healthz reports the store', async () => {
    const res = await devApp().app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: 'memory' });
  });

  it('unknown routes get JSON 404', async () => {
    const res = await devApp().app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });

  it('a store outage is a 503 without internals', async () => {
    const down: Store = {
      ...createMemoryStore(),
      load: () =>
        Promise.reject(new StoreUnavailableError('upstash load failed: ECONNREFUSED 10.0.0.1')),
    };
    const { app, log } = devApp(down);
    const { status, json } = await post(app, { userId: 'u', text: 'hi' });
    expect(status).toBe(503);
    expect(json).toEqual({ error: 'store_unavailable' });
    expect(log.lines.some((l) => l.event === 'store_unavailable')).toBe(true);
  });

  it('a bug is a 500 without a stack trace', async () => {
    const broken: Store = {
      ...createMemoryStore(),
      load: () => Promise.reject(new TypeError('secret detail')),
    };
    const { app } = devApp(broken);
    const res = await app.request('/webchat/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'u', text: 'hi' }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal_error' });
    expect(text).not.toContain('secret detail');
  });
});

describe('web chat identity in production', () => {
  const env = {
    APP_ENV: 'production',
    WEBCHAT_ENABLED: 'true',
    WEBCHAT_SECRET: 's3cret-for-tests',
  };
  const prodApp = () => buildApp(env, { store: createMemoryStore(), log: memoryLogger() });

  async function cookieFrom(app: ReturnType<typeof prodApp>) {
    const page = await app.request('/chat');
    const setCookie = page.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    return {
      cookie: setCookie.split(';')[0]!,
      id: decodeURIComponent(setCookie.split(';')[0]!.split('=')[1]!).split('.')[0]!,
    };
  }

  it('is off in production unless enabled', async () => {
    const app = buildApp(
      { APP_ENV: 'production' },
      { store: createMemoryStore(), log: memoryLogger() },
    );
    expect((await app.request('/chat')).status).toBe(404);
    expect((await post(app, { userId: 'u', text: 'hi' })).status).toBe(404);
  });

  it('refuses a request without the signed cookie, saying why in the chat’s language', async () => {
    const { status, json } = await post(prodApp(), { userId: 'anyone', text: 'hi' });
    expect(status).toBe(401);
    expect(json.message).toBe(copy('webchat.error_session', 'zh-CN'));
    const en = await post(prodApp(), { userId: 'anyone', text: 'hi', locale: 'en' });
    expect(en.json).toMatchObject({
      error: 'no_session',
      message: copy('webchat.error_session', 'en'),
    });
  });

  it('speaks as the cookie user and refuses another userId', async () => {
    const app = prodApp();
    const { cookie, id } = await cookieFrom(app);
    expect((await post(app, { text: '/start' }, { Cookie: cookie })).status).toBe(200);
    expect((await post(app, { userId: id, text: '/start' }, { Cookie: cookie })).status).toBe(200);
    const spoof = await post(app, { userId: 'somebody-else', text: '/start' }, { Cookie: cookie });
    expect(spoof.status).toBe(403);
    expect(Object.keys(spoof.json.fields as object)).toEqual(['userId']);
    expect(spoof.json.message).toBe(copy('webchat.error_session', 'zh-CN'));
  });

  it('refuses a tampered cookie', async () => {
    const app = prodApp();
    const { cookie } = await cookieFrom(app);
    const forged = cookie.replace(/=w[0-9a-f]/, '=wX');
    expect((await post(app, { text: 'hi' }, { Cookie: forged })).status).toBe(401);
  });

  it('a production config without WEBCHAT_SECRET but with the web chat on is refused', async () => {
    expect(() =>
      buildApp({ APP_ENV: 'production', WEBCHAT_ENABLED: 'true' }, { log: memoryLogger() }),
    ).toThrow(/WEBCHAT_SECRET/);
  });
});

describe('old buttons', () => {
  it('a button of an answered question cannot answer the open one', async () => {
    const { app } = devApp();
    const start = await post(app, { userId: 'u', text: '/start', locale: 'en' });
    const language = start.json.messages?.at(-1) as { ref?: string };
    expect(language.ref).toBeDefined();
    await post(app, { userId: 'u', choiceId: 'en', ref: language.ref, locale: 'en' });
    const again = await post(app, { userId: 'u', choiceId: 'en', ref: language.ref, locale: 'en' });
    expect(again.json.messages?.map((m) => m.text)).toEqual([copy('errors.choice_answered', 'en')]);
    const next = await post(app, { userId: 'u', choiceId: 'furniture', locale: 'en' });
    expect(next.json.messages?.[0]?.text).toBe(copy('onboarding.ask_province', 'en'));
  });
});
