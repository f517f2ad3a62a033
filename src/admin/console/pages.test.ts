import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../../test/support/bot-api';
import { copy } from '../../../test/support/copy';
import type { CourseStats, CourseSummary } from '../course-routes';
import { lessonCounter } from '../../courses/counters';
import { StoreUnavailableError } from '../../store/port';
import { consoleT } from './i18n';
import { CoursePage } from './pages/course';
import { CoursesPage } from './pages/courses';
import { JobPage, type JobView } from './pages/broadcasts';
import { SurveyPage } from './pages/survey';
import { emptyPushForm } from './push-form';
import type { View } from './view';

const server = setupServer(...botApiHandlers(new FakeBotApi()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
];

const view = (locale: 'zh-CN' | 'en' = 'en'): View => ({
  locale,
  t: consoleT(locale),
  actor: { role: 'admin', token: 'x'.repeat(16), label: 'admin#1' },
  csrf: 'csrf-token',
  nonce: 'nonce123',
  path: '/admin/x',
  query: '',
});

/** Markup a browser would run or parse as elements from what was typed. */
function assertInert(html: string): void {
  expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload/);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
}

describe('pages render what people typed as text', () => {
  it('push messages on the job page', () => {
    const job: JobView = {
      id: 'j1',
      kind: 'announcement',
      status: 'running',
      audience: { all: true },
      messages: { 'zh-CN': `**${XSS[0]}** ${XSS[1]}`, en: XSS.join(' ') },
      counts: {
        audience: 4,
        sent: 1,
        failed: 0,
        blocked: 0,
        outsideWindow: 0,
        cancelled: 0,
        pending: 3,
      },
      createdAt: '2026-05-01T00:00:00.000Z',
      createdBy: 'trainer#1',
    };
    const html = String(JobPage({ view: view(), job }));
    assertInert(html);
    expect(html).toContain('<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>');
    expect(html).toContain('data-poll="/admin/api/broadcasts/j1"');
    expect(html).toContain('<script nonce="nonce123">');
  });

  it('survey answers, question texts and option labels on the survey page', () => {
    const counts = { invited: 9, started: 3, completed: 2, partial: 1, declined: 1, withdrawn: 0 };
    const html = String(
      SurveyPage({
        view: view(),
        deliveries: [],
        withdrawals: [],
        courses: [],
        survey: {
          id: 's1',
          version: 1,
          status: 'open',
          title: { 'zh-CN': XSS[2]!, en: XSS[2]! },
          source: 'api',
          versions: [1],
          draftVersion: null,
          closesAt: null,
          quota: null,
          counts,
          definition: null,
        },
        stats: { id: 's1', version: 1, counts, questions: [] },
        questions: [
          {
            id: 'q1',
            type: 'single_choice',
            text: XSS[0]!,
            answered: 3,
            skipped: 0,
            typed: false,
            bars: [{ label: XSS[1]!, value: 2 }],
          },
          {
            id: 'q2',
            type: 'text',
            text: 'Why?',
            answered: 2,
            skipped: 1,
            typed: true,
            latest: XSS,
          },
          {
            id: 'q3',
            type: 'integer',
            text: 'Years',
            answered: 3,
            skipped: 0,
            typed: false,
            numeric: { n: 3, min: 1, median: 2, mean: 2.5, max: 5 },
          },
        ],
        raw: { counts: { started: 3 } },
        audience: emptyPushForm(),
        problems: [{ path: 'questions[0]', message: XSS[1]! }],
        provinces: [],
        categories: [],
      }),
    );
    assertInert(html);
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('data-sig="{&quot;started&quot;:3}"');
    expect(html).toContain('median 2');
  });

  it('course titles and summaries on the courses page', () => {
    const course: CourseSummary = {
      id: 'shipping',
      title: { en: XSS[0]! },
      summary: { en: XSS[1]! },
      level: 'beginner',
      languages: ['en'],
      trainer: { en: 'T' },
      lessons: [{ id: 'l1', order: 1, title: { en: 'L' }, minutes: 5, quiz: false }],
      subscribers: 10,
      started: 4,
      completed: 1,
      completionRate: 0.25,
    };
    const html = String(CoursesPage({ view: view(), courses: [course] }));
    assertInert(html);
    expect(html).toContain(copy('admin.courses.completion', 'en', { pct: 25 }));
  });
});

describe('the course page', () => {
  const stats: CourseStats = {
    id: 'shipping',
    subscribers: 1234,
    lessons: [
      {
        id: 'l1',
        title: { en: 'Parcels', 'zh-CN': '包裹' },
        opened: 10,
        finished: 8,
        quiz: { answered: 8, right: 6, shareRight: 0.75 },
      },
      {
        id: 'l2',
        title: { en: XSS[0]!, 'zh-CN': XSS[0]! },
        opened: 3,
        finished: 0,
        quiz: { answered: 0, right: 0, shareRight: null },
      },
      { id: 'l3', title: { en: 'Read only' }, opened: 1, finished: 1 },
    ],
  };
  const title = { en: 'Shipping', 'zh-CN': '物流' };
  const rowOf = (html: string, id: string) =>
    new RegExp(`<tr data-lesson="${id}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '';

  it('shows counts per lesson, quiz shares of those who answered, and charts, in English', () => {
    const html = String(CoursePage({ view: view('en'), title, stats }));
    // A lesson title is text, never markup.
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<h1>Shipping</h1>');
    expect(html).toContain('<b data-k="subscribers">1,234</b>');
    const first = rowOf(html, 'l1');
    expect(first).toContain('<td class="wide">Parcels</td>');
    expect(first).toContain('<td data-k="opened">10</td>');
    expect(first).toContain('<td data-k="finished">8</td>');
    expect(first).toContain('75% right (6 of 8 who answered)');
    expect(rowOf(html, 'l2')).toContain('no answers yet');
    expect(rowOf(html, 'l3')).toContain('no quiz');
    // Charts: opened vs finished per lesson, and the quiz shares (of 100%, not of the best).
    expect(html).toContain('People who opened and who finished each lesson');
    expect(html).toContain('class="c-opened" x="0" y="20" width="100%"');
    expect(html).toContain('class="c-bar" x="0" y="33" width="80%"');
    expect(html).toContain('Quizzes: share right at the first answer');
    expect(html).toContain('class="c-bar" x="0" y="20" width="75%"');
    // No share above 100% anywhere (text or bar).
    const shares = [...html.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    expect(Math.max(...shares)).toBe(100);
  });

  it('speaks Chinese', () => {
    const html = String(CoursePage({ view: view('zh-CN'), title, stats }));
    expect(html).toContain('<h1>物流</h1>');
    expect(html).toContain('<td class="wide">包裹</td>');
    expect(html).toContain('答对 75%（作答 8 人中 6 人答对）');
    expect(html).toContain('还没有人作答');
    expect(html).toContain('无测验');
    expect(html).toContain('每课打开过和学完的人数');
  });

  it('is served to trainers with the counters the turns moved; 404 for an unknown course', async () => {
    const t = adminTestApp();
    await t.deps.store.count(lessonCounter('shipping', 'rural_network', 'opened'), 5);
    await t.deps.store.count(lessonCounter('shipping', 'rural_network', 'finished'), 4);
    await t.deps.store.count(lessonCounter('shipping', 'rural_network', 'answered'), 4);
    await t.deps.store.count(lessonCounter('shipping', 'rural_network', 'right'), 3);
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    const list = await (await browser.get('/admin/courses?lang=en')).text();
    expect(list).toContain('<a href="/admin/courses/shipping">Lesson figures</a>');
    const res = await browser.get('/admin/courses/shipping?lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(rowOf(html, 'rural_network')).toContain('<td data-k="opened">5</td>');
    expect(rowOf(html, 'rural_network')).toContain('75% right (3 of 4 who answered)');
    const zh = await (await browser.get('/admin/courses/shipping?lang=zh-CN')).text();
    expect(rowOf(zh, 'rural_network')).toContain('包裹怎么从村里出去');
    expect((await browser.get('/admin/courses/no_such_course')).status).toBe(404);
    expect((await browser.get('/admin/courses/Bad-Id')).status).toBe(404);
    const researcher = new Browser(t.app);
    await researcher.login(ADMIN_TEST_TOKENS.researcher);
    expect((await researcher.get('/admin/courses/shipping')).status).toBe(403);
  });
});

describe('console pages over HTTP', () => {
  it('sends a strict CSP whose nonce is on the inline style, and no-store', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    const res = await browser.get('/admin/overview');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<style nonce="${nonce}">`);
    // A fresh nonce on every response.
    const again = (await browser.get('/admin/overview')).headers.get('Content-Security-Policy');
    expect(again).not.toBe(csp);
  });

  it('speaks the language of ?lang=, then the cookie, then Accept-Language; Chinese by default', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    expect(await (await browser.get('/admin/login')).text()).toContain('<html lang="zh-CN">');
    const en = await browser.get('/admin/login', { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(await en.text()).toContain('Sign in');
    const zh = await browser.get('/admin/login?lang=zh-CN', { 'Accept-Language': 'en' });
    expect(await zh.text()).toContain('访问令牌');
    expect(await (await browser.get('/admin/login', { 'Accept-Language': 'en' })).text()).toContain(
      '访问令牌',
    );
  });

  it('shows each role only its sections and refuses the others with 403', async () => {
    const t = adminTestApp();
    const researcher = new Browser(t.app);
    await researcher.login(ADMIN_TEST_TOKENS.researcher);
    const page = await (await researcher.get('/admin/surveys?lang=en')).text();
    expect([...page.matchAll(/<nav[^>]*>(.*?)<\/nav>/gs)][0]?.[1]).not.toMatch(
      /Pushes|Overview|Audit/,
    );
    for (const path of [
      '/admin/overview',
      '/admin/audit',
      '/admin/broadcasts',
      '/admin/broadcasts/new',
      '/admin/courses',
    ])
      expect((await researcher.get(path)).status, path).toBe(403);
  });

  it('previews a push: audience size by channel, the message as chat shows it', async () => {
    const t = adminTestApp();
    await t.seedUsers([{ id: 1 }, { id: 2, locale: 'en' }, { id: 3, channel: 'wechat' }]);
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    const csrf = Browser.csrfOf(await (await browser.get('/admin/broadcasts/new?lang=en')).text());
    const res = await browser.post('/admin/broadcasts/new', {
      _csrf: csrf,
      message_en: 'See [the guide](https://example.org/g) **now**',
      audience: 'all',
      when: 'now',
      intent: 'preview',
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(copy('admin.push.reaches', 'en', { count: 3 }));
    expect(html).toContain('Telegram 2 · WeChat 1');
    expect(html).toContain(
      '<a href="https://example.org/g" rel="noopener noreferrer" target="_blank">the guide</a>',
    );
    expect(html).toContain(
      copy('admin.push.wechat_shows', 'en', { text: 'See the guide https://example.org/g now' }),
    );
    expect(await t.store.listJobs(5)).toEqual([]);
  });

  it('shows every problem with a push at once, keeping what was typed', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    const csrf = Browser.csrfOf(await (await browser.get('/admin/broadcasts/new?lang=en')).text());
    const res = await browser.post('/admin/broadcasts/new', {
      _csrf: csrf,
      message_zh: '',
      message_en: '',
      audience: 'filter',
      intent: 'send',
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain(copy('admin.push.errors.messageZh', 'en'));
    expect(html).toContain(copy('admin.push.errors.audience', 'en'));
    expect(html).toContain('value="filter" checked');
  });
});

describe('a deploy without the BROADCAST queue', () => {
  const zh = copy('admin.queue_missing.text', 'zh-CN');
  const en = copy('admin.queue_missing.text', 'en');

  it('explains in the person’s language that a push cannot be sent, and sends nothing', async () => {
    const t = adminTestApp({ queue: false });
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    for (const [lang, text] of [
      ['zh-CN', zh],
      ['en', en],
    ] as const) {
      const page = await (await browser.get(`/admin/broadcasts/new?lang=${lang}`)).text();
      const res = await browser.post('/admin/broadcasts/new', {
        _csrf: Browser.csrfOf(page),
        message_zh: '新课',
        audience: 'all',
        when: 'now',
        intent: 'send',
      });
      expect(res.status, lang).toBe(503);
      expect(await res.text(), lang).toContain(text);
    }
    expect(await t.store.listJobs(5)).toEqual([]);
  });

  it('says the same when a survey invitation is sent', async () => {
    const t = adminTestApp({ queue: false });
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    const page = await (await browser.get('/admin/surveys/seller_baseline?lang=en')).text();
    const res = await browser.post('/admin/surveys/seller_baseline/send', {
      _csrf: Browser.csrfOf(page),
      audience: 'all',
      intent: 'send',
      confirmed: 'yes',
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain(copy('admin_trust.errors.broadcast_queue_missing', 'en'));
    expect(await t.store.listJobs(5)).toEqual([]);
  });
});

describe('a store outage on a console page', () => {
  it('shows a page in both languages with 503, not JSON', async () => {
    const { app, store } = adminTestApp();
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    const down = () => Promise.reject(new StoreUnavailableError('down'));
    store.counters = down;
    store.scanUsers = down;
    const home = (await browser.get('/admin')).headers.get('Location') ?? '';
    expect(home).toMatch(/^\/admin\/./);
    const res = await browser.get(home);
    expect(res.status).toBe(503);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('暂时无法读取数据');
    expect(html).toContain('Data is unavailable right now');
  });
});
