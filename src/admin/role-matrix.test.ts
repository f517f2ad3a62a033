import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser, ORIGIN } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { ROLES, type Role } from '../config';
import { readAudit } from './audit';
import { ADMIN_OPERATIONS, rolesOf, type AdminOperation } from './openapi';
import { mayPerform, type OperationId } from './role-matrix';

// Walks every /admin/api route the app has (read from hono's route table, so a route added
// later is covered without touching this file) with every role, a wrong token and nothing,
// by token and by console session, and checks 401/403/allowed against the roles the OpenAPI
// operations declare. Answers of allowed calls must match the documented response schemas.

const server = setupServer(...botApiHandlers(new FakeBotApi()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Route {
  method: 'GET' | 'POST';
  /** hono's pattern: /admin/api/broadcasts/:id */
  path: string;
  /** The OpenAPI template: /admin/api/broadcasts/{id} */
  template: string;
}

/** Every /admin/api route of an app, once per method and path. */
function apiRoutes(routes: readonly { method: string; path: string }[]): Route[] {
  const seen = new Map<string, Route>();
  for (const r of routes) {
    if (!r.path.startsWith('/admin/api') || r.method === 'ALL' || r.path.includes('*')) continue;
    const method = r.method as Route['method'];
    const template = r.path.replace(/:(\w+)/g, '{$1}');
    seen.set(`${method} ${r.path}`, { method, path: r.path, template });
  }
  return [...seen.values()];
}

const operationOf = (route: Route): AdminOperation | undefined =>
  ADMIN_OPERATIONS.find(
    (op) => op.method.toUpperCase() === route.method && op.path === route.template,
  );

/** A concrete URL for a route: params become ids that do not exist. */
const concrete = (route: Route) => route.path.replace(/:(\w+)/g, 'no-such-$1');

async function setup() {
  const t = adminTestApp();
  await t.seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
  const sessions = {} as Record<Role, { browser: Browser; csrf: string }>;
  for (const role of ROLES) {
    const browser = new Browser(t.app);
    expect((await browser.login(ADMIN_TEST_TOKENS[role])).status).toBe(303);
    sessions[role] = { browser, csrf: await csrfFromPage(browser) };
  }
  return { ...t, sessions, routes: apiRoutes(t.app.routes) };
}

/** The session's CSRF token, from the logout form every page has (a 403 page too). */
async function csrfFromPage(browser: Browser): Promise<string> {
  return Browser.csrfOf(await (await browser.get('/admin/broadcasts/new')).text());
}

describe('admin API role matrix', () => {
  it('documents every /admin/api route, and every documented operation exists', async () => {
    const { routes } = await setup();
    expect(routes.length).toBeGreaterThanOrEqual(ADMIN_OPERATIONS.length);
    const undocumented = routes.filter((r) => !operationOf(r)).map((r) => `${r.method} ${r.path}`);
    expect(undocumented, 'add these to src/admin/operations.ts with their roles').toEqual([]);
    for (const op of ADMIN_OPERATIONS)
      expect(
        routes.some((r) => operationOf(r) === op),
        `${op.method} ${op.path}`,
      ).toBe(true);
  });

  it('answers 401 without credentials and with a wrong token, on every route', async () => {
    const { app, routes } = await setup();
    let client = 0;
    for (const route of routes) {
      const init = { method: route.method, ...(route.method === 'POST' ? { body: '{}' } : {}) };
      expect((await app.request(concrete(route), init)).status, route.path).toBe(401);
      // A fresh client each time (through Cloudflare's edge, which vouches for the
      // address), so the failed-token limit is not what answers.
      const request = new Request(new URL(concrete(route), 'http://localhost'), {
        ...init,
        headers: {
          Authorization: 'Bearer wrong-token-wrong-token',
          'CF-Connecting-IP': `10.0.0.${++client}`,
        },
      });
      Object.defineProperty(request, 'cf', { value: { colo: 'HKG' } });
      const wrong = await app.request(request);
      expect(wrong.status, route.path).toBe(401);
    }
  });

  it('lets exactly the declared roles through, by token and by session', async () => {
    const { app, routes, sessions } = await setup();
    for (const route of routes) {
      const op = operationOf(route)!;
      for (const role of ROLES) {
        const allowed = rolesOf(op).includes(role);
        const body = route.method === 'POST' ? '{}' : undefined;
        const byToken = await app.request(concrete(route), {
          method: route.method,
          headers: {
            Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}`,
            'Content-Type': 'application/json',
          },
          ...(body ? { body } : {}),
        });
        const { browser, csrf } = sessions[role];
        const bySession = await browser.request(concrete(route), {
          method: route.method,
          headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'X-CSRF-Token': csrf },
          ...(body ? { body } : {}),
        });
        for (const res of [byToken, bySession]) {
          const where = `${route.method} ${route.path} as ${role}`;
          if (!allowed) expect(res.status, where).toBe(403);
          else {
            expect([401, 403], where).not.toContain(res.status);
            expect(res.status, where).toBeLessThan(500);
            // A route without parameters or body answers 200 to a role it admits.
            if (route.method === 'GET' && !route.path.includes(':'))
              expect(res.status, where).toBe(200);
          }
        }
      }
    }
  });

  it('answers what the OpenAPI document says, on the calls that succeed', async () => {
    const { app, routes, deps } = await setup();
    const created = await app.request('/admin/api/broadcasts', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ADMIN_TEST_TOKENS.trainer}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ audience: { all: true }, messages: { en: 'Hi' } }),
    });
    const { id } = (await created.json()) as { id: string };
    expect(await deps.store.loadJob(id)).not.toBeNull();
    const checked: string[] = [];
    for (const route of routes) {
      if (route.method !== 'GET') continue;
      const op = operationOf(route)!;
      const res = await app.request(route.path.replace(':id', id), {
        headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.admin}` },
      });
      if (res.status !== 200 || !op.ok.schema) continue;
      const parsed = op.ok.schema.safeParse(await res.json());
      expect(parsed.success, `${route.path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      checked.push(route.path);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        '/admin/api/broadcasts',
        '/admin/api/broadcasts/:id',
        '/admin/api/overview',
      ]),
    );
  });
});

/**
 * Every console page and form (hono pattern, with the concrete path the test requests) and
 * the operation it performs. A new page without a row here fails the first test below.
 */
const CONSOLE_PAGES: { method: 'GET' | 'POST'; path: string; url: string; op: OperationId }[] = [
  { method: 'GET', path: '/admin/overview', url: '/admin/overview', op: 'overview' },
  { method: 'GET', path: '/admin/audit', url: '/admin/audit', op: 'auditTrail' },
  { method: 'GET', path: '/admin/courses', url: '/admin/courses', op: 'listCourses' },
  { method: 'GET', path: '/admin/experiments', url: '/admin/experiments', op: 'getExperiment' },
  {
    method: 'POST',
    path: '/admin/experiments',
    url: '/admin/experiments',
    op: 'defineExperiment',
  },
  { method: 'GET', path: '/admin/questions', url: '/admin/questions', op: 'listQuestions' },
  {
    method: 'POST',
    path: '/admin/questions/answers',
    url: '/admin/questions/answers',
    op: 'answerQuestion',
  },
  {
    method: 'GET',
    path: '/admin/courses/:id',
    url: '/admin/courses/shipping',
    op: 'courseStats',
  },
  // Lessons published without a deploy (routes-lessons.tsx).
  ...(
    [
      ['GET', '/admin/courses/:id/lessons', '/admin/courses/shipping/lessons', 'publishLesson'],
      ['POST', '/admin/courses/:id/lessons', '/admin/courses/shipping/lessons', 'publishLesson'],
      [
        'GET',
        '/admin/courses/:id/lessons/:lessonId',
        '/admin/courses/shipping/lessons/l1',
        'lessonVersions',
      ],
      [
        'POST',
        '/admin/courses/:id/lessons/:lessonId',
        '/admin/courses/shipping/lessons/l1',
        'editLesson',
      ],
      [
        'POST',
        '/admin/courses/:id/lessons/:lessonId/unpublish',
        '/admin/courses/shipping/lessons/l1/unpublish',
        'unpublishLesson',
      ],
    ] as const
  ).map(([method, path, url, op]) => ({ method, path, url, op })),
  { method: 'GET', path: '/admin/broadcasts', url: '/admin/broadcasts', op: 'listBroadcasts' },
  {
    method: 'GET',
    path: '/admin/broadcasts/new',
    url: '/admin/broadcasts/new',
    op: 'createBroadcast',
  },
  {
    method: 'POST',
    path: '/admin/broadcasts/new',
    url: '/admin/broadcasts/new',
    op: 'createBroadcast',
  },
  { method: 'GET', path: '/admin/broadcasts/:id', url: '/admin/broadcasts/j1', op: 'getBroadcast' },
  {
    method: 'POST',
    path: '/admin/broadcasts/:id/cancel',
    url: '/admin/broadcasts/j1/cancel',
    op: 'cancelBroadcast',
  },
  // trainer: edit a scheduled push
  {
    method: 'GET',
    path: '/admin/broadcasts/:id/edit',
    url: '/admin/broadcasts/j1/edit',
    op: 'editBroadcast',
  },
  {
    method: 'POST',
    path: '/admin/broadcasts/:id/edit',
    url: '/admin/broadcasts/j1/edit',
    op: 'editBroadcast',
  },
  { method: 'GET', path: '/admin/surveys', url: '/admin/surveys', op: 'listSurveys' },
  { method: 'POST', path: '/admin/surveys', url: '/admin/surveys', op: 'saveSurveyDraft' },
  {
    method: 'POST',
    path: '/admin/surveys/import',
    url: '/admin/surveys/import',
    op: 'importSurvey',
  },
  { method: 'GET', path: '/admin/surveys/:id', url: '/admin/surveys/s1', op: 'getSurvey' },
  {
    method: 'GET',
    path: '/admin/surveys/:id/answers/:question',
    url: '/admin/surveys/s1/answers/q1',
    op: 'surveyStats',
  },
  ...(['publish', 'close', 'reopen', 'send', 'remind'] as const).map((action) => ({
    method: 'POST' as const,
    path: '/admin/surveys/:id/:action',
    url: `/admin/surveys/s1/${action}`,
    op: (
      {
        publish: 'publishSurvey',
        close: 'closeSurvey',
        reopen: 'reopenSurvey',
        send: 'sendSurvey',
        remind: 'remindSurvey',
      } as const
    )[action],
  })),
  {
    method: 'POST',
    path: '/admin/surveys/:id/waves',
    url: '/admin/surveys/s1/waves',
    op: 'startSurveyWave',
  },
];

describe('console role matrix', () => {
  it('knows the operation of every console page and form', async () => {
    const { app } = adminTestApp();
    const pages = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/admin/') && !r.path.startsWith('/admin/api'))
        .filter((r) => !['/admin/login', '/admin/logout'].includes(r.path) && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...pages].sort()).toEqual(
      [...new Set(CONSOLE_PAGES.map((p) => `${p.method} ${p.path}`))].sort(),
    );
  });

  it('refuses every page and form to the roles the matrix forbids, changing nothing', async () => {
    const { app, store, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }]);
    let refused = 0;
    for (const role of ROLES) {
      const browser = new Browser(app);
      expect((await browser.login(ADMIN_TEST_TOKENS[role])).status).toBe(303);
      const csrf = await csrfFromPage(browser);
      for (const page of CONSOLE_PAGES) {
        const form = { _csrf: csrf, message_en: 'Hi', audience: 'all', definition: '{}' };
        const res =
          page.method === 'GET' ? await browser.get(page.url) : await browser.post(page.url, form);
        const where = `${page.method} ${page.url} as ${role}`;
        if (mayPerform(role, page.op)) expect(res.status, where).not.toBe(403);
        else {
          expect(res.status, where).toBe(403);
          expect(await res.text(), where).toContain('<!doctype html>');
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(10);
    // Only logins were recorded: no refused page, nor a failed allowed one, changed anything.
    const actions = (await readAudit(store)).map((e) => e.action);
    expect(actions.filter((a) => a !== 'login')).toEqual([]);
    expect(await store.listJobs(10)).toEqual([]);
  });
});
