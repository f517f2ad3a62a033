import type { Hono } from 'hono';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser, ORIGIN } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { copy } from '../../test/support/copy';
import { buildDeps } from '../compose';
import { createApp } from '../http/app';
import type { AppEnv } from '../http/types';
import { memoryLogger } from '../shell/logger';
import { readAudit } from './audit';
import { LOGIN_MAX_FAILURES } from './rate-limit';
import { SESSION_TTL_SECONDS, sha256Hex } from './session';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const push = { audience: { all: true }, messages: { en: 'Lesson 3 is out' } };
const json = { 'Content-Type': 'application/json' };

async function loggedIn(role: keyof typeof ADMIN_TEST_TOKENS = 'trainer') {
  const t = adminTestApp();
  const browser = new Browser(t.app);
  const res = await browser.login(ADMIN_TEST_TOKENS[role]);
  expect(res.status).toBe(303);
  const csrf = Browser.csrfOf(await (await browser.get('/admin/broadcasts/new')).text());
  return { ...t, browser, csrf };
}

describe('console login and session', () => {
  it('sets an HttpOnly, SameSite=Strict, expiring session cookie and lands on the role home', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    const res = await browser.login(ADMIN_TEST_TOKENS.trainer);
    expect(res.headers.get('Location')).toBe('/admin');
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^svb_admin=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain(`Max-Age=${SESSION_TTL_SECONDS}`);
    expect(cookie).not.toContain('Secure'); // plain http in local development
    expect((await browser.get('/admin')).headers.get('Location')).toBe('/admin/broadcasts');
    // The store keeps the session under a hash of its id, with no token in it.
    const id = browser.cookie('svb_admin')!;
    expect(await t.store.cacheGet(`admin-session:${id}`)).toBeNull();
    const stored = await t.store.cacheGet(`admin-session:${await sha256Hex(id)}`);
    expect(stored).toMatchObject({ role: 'trainer', label: 'trainer#1' });
    expect(JSON.stringify(stored)).not.toContain(ADMIN_TEST_TOKENS.trainer);
  });

  it('is Secure with the __Host- prefix over https', async () => {
    const t = adminTestApp();
    const login = await t.app.request('https://console.example/admin/login');
    const nonce = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const loginCookie = (login.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    expect(login.headers.get('Set-Cookie')).toContain('Secure');
    const res = await t.app.request('https://console.example/admin/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://console.example',
        Cookie: loginCookie,
      },
      body: new URLSearchParams({ token: ADMIN_TEST_TOKENS.admin, _csrf: nonce }).toString(),
    });
    expect(res.status).toBe(303);
    const setCookies = (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
    const cookie = setCookies.find((c) => c.startsWith('__Host-svb_admin='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toContain('Path=/');
  });

  it('keeps the next page, but only within the console', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    const first = await browser.get('/admin/broadcasts/new');
    expect(first.headers.get('Location')).toBe('/admin/login?next=%2Fadmin%2Fbroadcasts%2Fnew');
    const page = await (await browser.get('/admin/login?next=//evil.example/x')).text();
    expect(page).toContain('name="next" value="/admin"');
    const res = await browser.post('/admin/login', {
      token: ADMIN_TEST_TOKENS.trainer,
      _csrf: Browser.csrfOf(page),
      next: 'https://evil.example/',
    });
    expect(res.headers.get('Location')).toBe('/admin');
  });

  it('ends at logout: the old cookie no longer opens anything', async () => {
    const { browser, csrf, app } = await loggedIn();
    const cookie = browser.cookieHeader();
    const out = await browser.post('/admin/logout', { _csrf: csrf });
    expect(out.headers.get('Location')).toBe('/admin/login');
    expect(out.headers.get('Set-Cookie')).toMatch(/svb_admin=; Max-Age=0/);
    const replay = await app.request('/admin/broadcasts', { headers: { Cookie: cookie } });
    expect(replay.status).toBe(303);
    const apiReplay = await app.request('/admin/api/broadcasts', { headers: { Cookie: cookie } });
    expect(apiReplay.status).toBe(401);
  });

  it('expires after its lifetime, and ends when its token is removed from ADMIN_TOKENS', async () => {
    let now = Date.UTC(2026, 4, 1);
    const t = adminTestApp({ now: () => now });
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    expect((await browser.get('/admin/broadcasts')).status).toBe(200);
    const other = createApp(
      buildDeps(
        { ADMIN_TOKENS: `trainer:another-trainer-token-0123` },
        { store: t.store, log: memoryLogger(), now: () => now },
      ),
    );
    const cookie = browser.cookieHeader();
    expect((await other.request('/admin/broadcasts', { headers: { Cookie: cookie } })).status).toBe(
      303,
    );
    now += SESSION_TTL_SECONDS * 1000 + 1;
    expect((await browser.get('/admin/broadcasts')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a console form without the token, with a wrong one, or from another site', async () => {
    const { browser, csrf, store } = await loggedIn();
    const form = { message_en: 'Hi', audience: 'all', when: 'now', intent: 'send' };
    for (const [fields, origin] of [
      [form, ORIGIN],
      [{ ...form, _csrf: 'wrong' }, ORIGIN],
      [{ ...form, _csrf: csrf }, 'https://evil.example'],
      [{ ...form, _csrf: csrf }, null],
    ] as const) {
      const res = await browser.post('/admin/broadcasts/new', fields, origin);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('表单已过期');
    }
    expect(await store.listJobs(10)).toEqual([]);
    const ok = await browser.post('/admin/broadcasts/new', { ...form, _csrf: csrf });
    expect(ok.status).toBe(303);
    expect(await store.listJobs(10)).toHaveLength(1);
  });

  it('accepts a same-site Referer when a browser sends no Origin', async () => {
    const { browser, csrf, store } = await loggedIn();
    const res = await browser.request('/admin/broadcasts/new', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Referer: `${ORIGIN}/admin/broadcasts/new`,
      },
      body: new URLSearchParams({
        _csrf: csrf,
        message_en: 'Hi',
        audience: 'all',
        intent: 'send',
      }).toString(),
    });
    expect(res.status).toBe(303);
    expect(await store.listJobs(10)).toHaveLength(1);
  });

  it('refuses API changes by session cookie without X-CSRF-Token; reads need none', async () => {
    const { browser, csrf } = await loggedIn();
    const post = (headers: Record<string, string>) =>
      browser.request('/admin/api/broadcasts', {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify(push),
      });
    expect((await post({ Origin: ORIGIN })).status).toBe(403);
    expect((await post({ Origin: ORIGIN, 'X-CSRF-Token': 'nope' })).status).toBe(403);
    expect((await post({ Origin: 'https://evil.example', 'X-CSRF-Token': csrf })).status).toBe(403);
    expect((await post({ Origin: ORIGIN, 'X-CSRF-Token': csrf })).status).toBe(201);
    expect((await browser.get('/admin/api/broadcasts')).status).toBe(200);
  });

  it('refuses a login form posted without its nonce (login CSRF)', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    const res = await browser.post('/admin/login', {
      token: ADMIN_TEST_TOKENS.admin,
      _csrf: 'guess',
    });
    expect(res.status).toBe(403);
    expect(browser.cookie('svb_admin')).toBeUndefined();
  });
});

/** The app as Cloudflare's edge calls it: `request.cf` set, the client in `CF-Connecting-IP`. */
function viaCloudflare(app: Hono<AppEnv>, ip: string): Pick<Hono<AppEnv>, 'request'> {
  return {
    request: (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('CF-Connecting-IP', ip);
      const request = new Request(new URL(path as string, ORIGIN), { ...init, headers });
      Object.defineProperty(request, 'cf', { value: { colo: 'HKG', country: 'CN' } });
      return app.request(request);
    },
  } as Pick<Hono<AppEnv>, 'request'>;
}

/** Post the login form with `token` (a fresh form each time, as a person would). */
async function tryLogin(browser: Browser, token: string, headers: Record<string, string> = {}) {
  const page = await (await browser.get('/admin/login')).text();
  return browser.request('/admin/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...headers },
    body: new URLSearchParams({ token, _csrf: Browser.csrfOf(page) }).toString(),
  });
}

describe('failed logins', () => {
  it(`refuses wrong tokens after ${LOGIN_MAX_FAILURES} with 429, but the right token always logs in`, async () => {
    const t = adminTestApp();
    const browser = new Browser(viaCloudflare(t.app, '203.0.113.7'));
    for (let i = 1; i < LOGIN_MAX_FAILURES; i++)
      expect((await tryLogin(browser, `wrong-token-${i}-xxxxxxxx`)).status).toBe(401);
    const last = await tryLogin(browser, 'wrong-token-last-xxxxxxxx');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('Retry-After'))).toBeGreaterThan(800);
    expect((await tryLogin(browser, 'wrong-token-more-xxxxxxxx')).status).toBe(429);
    // Nobody can lock the owner of a token out: the right token logs in, form and API alike.
    const bearer = await viaCloudflare(t.app, '203.0.113.7').request('/admin/api/whoami', {
      headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.admin}` },
    });
    expect(bearer.status).toBe(200);
    expect((await tryLogin(browser, ADMIN_TEST_TOKENS.admin)).status).toBe(303);
    expect((await t.store.counters())['admin:login_failed']).toBe(LOGIN_MAX_FAILURES + 1);
  });

  it('starts counting afresh after a successful login', async () => {
    const t = adminTestApp();
    const browser = new Browser(viaCloudflare(t.app, '203.0.113.8'));
    for (let i = 1; i < LOGIN_MAX_FAILURES; i++)
      expect((await tryLogin(browser, `wrong-token-${i}-xxxxxxxx`)).status).toBe(401);
    expect((await tryLogin(browser, ADMIN_TEST_TOKENS.trainer)).status).toBe(303);
    // A typo at the next login is one failure, not the one that blocks.
    const later = new Browser(viaCloudflare(t.app, '203.0.113.8'));
    expect((await tryLogin(later, 'wrong-token-typo-xxxxxxxx')).status).toBe(401);
  });

  it('keys the client on CF-Connecting-IP only when the request came through Cloudflare', async () => {
    const t = adminTestApp();
    // Without `request.cf` the header is the caller's own word: every such caller shares a bucket.
    const direct = new Browser(t.app);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      await tryLogin(direct, `wrong-token-${i}-xxxxxxxx`, { 'CF-Connecting-IP': `192.0.2.${i}` });
    expect(
      (await tryLogin(direct, 'wrong-token-x-xxxxxxxx', { 'CF-Connecting-IP': '192.0.2.99' }))
        .status,
    ).toBe(429);
    // Through Cloudflare, another address is another client.
    const other = new Browser(viaCloudflare(t.app, '198.51.100.2'));
    expect((await tryLogin(other, 'wrong-token-y-xxxxxxxx')).status).toBe(401);
  });

  it('counts wrong bearer tokens too, and the right one still passes', async () => {
    const t = adminTestApp();
    const edge = viaCloudflare(t.app, '192.0.2.9');
    const call = (token: string) =>
      edge.request('/admin/api/broadcasts', { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 1; i < LOGIN_MAX_FAILURES; i++)
      expect((await call('wrong-token-0123456789')).status).toBe(401);
    expect((await call('wrong-token-0123456789')).status).toBe(429);
    expect((await call(ADMIN_TEST_TOKENS.trainer)).status).toBe(200);
  });

  it('records refused logins in the audit trail: the client and when, never the token', async () => {
    const t = adminTestApp();
    const browser = new Browser(viaCloudflare(t.app, '203.0.113.50'));
    await tryLogin(browser, 'wrong-token-secret-guess-1');
    await viaCloudflare(t.app, '203.0.113.51').request('/admin/api/whoami', {
      headers: { Authorization: 'Bearer wrong-token-secret-guess-2' },
    });
    const entries = (await readAudit(t.store)).reverse();
    expect(entries.map((e) => [e.who, e.via, e.action, e.details?.status])).toEqual([
      ['client:203.0.113.50', 'session', 'login.refused', 401],
      ['client:203.0.113.51', 'token', 'login.refused', 401],
    ]);
    for (const e of entries) expect(Date.parse(e.at)).not.toBeNaN();
    expect(JSON.stringify(entries)).not.toContain('secret-guess');
  });
});

describe('audit log', () => {
  it('records who did what and when: logins, pushes, cancels, logouts; not failures or reads', async () => {
    const { browser, csrf, app, store } = await loggedIn();
    const created = await app.request('/admin/api/broadcasts', {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${ADMIN_TEST_TOKENS.trainer}` },
      body: JSON.stringify(push),
    });
    const { id } = (await created.json()) as { id: string };
    await app.request('/admin/api/broadcasts', {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${ADMIN_TEST_TOKENS.trainer}` },
      body: '{"audience":{}}',
    });
    await browser.post(`/admin/broadcasts/${id}/cancel`, { _csrf: csrf, confirmed: 'yes' });
    await browser.post('/admin/logout', { _csrf: csrf });
    const entries = (await readAudit(store)).reverse();
    expect(entries.map((e) => [e.who, e.via, e.action, e.target?.id])).toEqual([
      ['trainer#1', 'session', 'login', undefined],
      ['trainer#1', 'token', 'broadcast.send', id],
      ['trainer#1', 'console', 'broadcast.cancel', id],
      ['trainer#1', 'session', 'logout', undefined],
    ]);
    for (const e of entries) expect(Date.parse(e.at)).not.toBeNaN();
  });

  it('shows the trail to admins only', async () => {
    const { app } = await loggedIn();
    const as = (role: keyof typeof ADMIN_TEST_TOKENS) =>
      app.request('/admin/api/audit', {
        headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}` },
      });
    expect((await as('trainer')).status).toBe(403);
    expect((await as('researcher')).status).toBe(403);
    const body = (await (await as('admin')).json()) as { entries: { action: string }[] };
    expect(body.entries[0]?.action).toBe('login');
  });
});

describe('the API’s 401, CSRF 403 and 429, in the caller’s language', () => {
  const message = (code: string, locale: 'zh-CN' | 'en') =>
    copy(`admin_trust.errors.${code}`, locale);

  it('words a missing sign-in in Chinese by default, in English when asked', async () => {
    const { app } = adminTestApp();
    const none = await app.request('/admin/api/broadcasts');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: 'unauthorized',
      message: message('unauthorized', 'zh-CN'),
    });
    const en = await app.request('/admin/api/broadcasts', {
      headers: { 'Accept-Language': 'en-US,en;q=0.8' },
    });
    expect(await en.json()).toMatchObject({ message: message('unauthorized', 'en') });
  });

  it('words a missing CSRF token in the console’s language, as a field problem', async () => {
    const { browser } = await loggedIn();
    await browser.get('/admin/broadcasts?lang=en');
    const res = await browser.request('/admin/api/broadcasts', {
      method: 'POST',
      headers: { ...json, Origin: ORIGIN },
      body: JSON.stringify(push),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      error: 'csrf',
      message: message('csrf', 'en'),
      issues: [{ field: 'X-CSRF-Token', code: 'csrf', params: {} }],
    });
    expect((body.fields as Record<string, string[]>)['X-CSRF-Token']).toEqual([
      `${copy('field_errors.fields.X-CSRF-Token', 'en')}: ${copy('field_errors.codes.csrf', 'en')}`,
    ]);
  });

  it('words too many wrong tokens', async () => {
    const { app } = adminTestApp();
    let last: Response | undefined;
    for (let i = 0; i <= LOGIN_MAX_FAILURES; i++)
      last = await app.request('/admin/api/broadcasts', {
        headers: { Authorization: 'Bearer wrong', 'Accept-Language': 'zh-CN' },
      });
    expect(last!.status).toBe(429);
    expect(await last!.json()).toEqual({
      error: 'too_many_failures',
      message: message('too_many_failures', 'zh-CN'),
    });
  });
});
