import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TEST_TOKENS,
  adminTestApp,
  Browser,
  type AdminTestApp,
} from '../../test/support/admin-app';
import { copy } from '../../test/support/copy';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { jobLockName } from '../broadcast/job-lock';
import { startDueJobs } from '../broadcast/planner';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const START = Date.parse('2026-12-05T02:00:00Z');
const HOUR = 3600_000;
let clock = START;
let t: AdminTestApp;
beforeEach(async () => {
  api.reset({ scripts: true });
  clock = START;
  t = adminTestApp({ now: () => clock });
  await t.seedUsers([{ id: 11 }, { id: 12, locale: 'en' }, { id: 13 }]);
});

const { trainer, researcher, admin } = ADMIN_TEST_TOKENS;

function call(method: string, path: string, token: string, body?: unknown) {
  return t.app.request(`/admin/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A push to everyone, an hour from now. */
async function scheduled(): Promise<string> {
  const res = await call('POST', '/broadcasts', trainer, {
    audience: { all: true },
    messages: { 'zh-CN': '周五集市', en: 'Market on Friday' },
    sendAt: new Date(START + HOUR).toISOString(),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The time comes: the cron starts what is due and the queue delivers it. */
async function cron(): Promise<number> {
  clock = START + 2 * HOUR;
  const started = await startDueJobs(t.deps.planner);
  await t.drain();
  return started;
}

const sentTexts = () => api.of('sendMessage').map((p) => [p.chat_id, p.text]);

describe('POST /admin/api/broadcasts/:id/edit', () => {
  it('is for trainers and admins, not researchers', async () => {
    const id = await scheduled();
    const edit = { messages: { en: 'Changed' } };
    expect((await call('POST', `/broadcasts/${id}/edit`, researcher, edit)).status).toBe(403);
    expect((await call('POST', `/broadcasts/${id}/duplicate`, researcher, {})).status).toBe(403);
    expect((await call('POST', `/broadcasts/${id}/edit`, admin, edit)).status).toBe(200);
  });

  it('changes what a scheduled push sends and to whom; the count it answers is who gets it', async () => {
    const id = await scheduled();
    const res = await call('POST', `/broadcasts/${id}/edit`, trainer, {
      messages: { en: 'Market moved to **Saturday**' },
      audience: { locale: 'en' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { recipients: number; changed: string[]; job: unknown };
    expect(body.recipients).toBe(1);
    expect(body.changed).toEqual(['messages', 'audience']);
    expect(body.job).toMatchObject({ status: 'scheduled', audience: { locale: 'en' } });
    expect(await cron()).toBe(1);
    expect(sentTexts()).toEqual([[12, 'Market moved to <b>Saturday</b>']]);
    const after = await (await call('GET', `/broadcasts/${id}`, trainer)).json();
    expect(after).toMatchObject({ status: 'done', counts: { audience: 1, sent: body.recipients } });
  });

  it('moves the time: not sent before it, sent after', async () => {
    const id = await scheduled();
    const later = new Date(START + 3 * HOUR).toISOString();
    expect((await call('POST', `/broadcasts/${id}/edit`, trainer, { sendAt: later })).status).toBe(
      200,
    );
    expect(await cron()).toBe(0);
    expect(api.of('sendMessage')).toHaveLength(0);
    clock = START + 4 * HOUR;
    expect(await startDueJobs(t.deps.planner)).toBe(1);
  });

  it('refuses with 409 once sending started or the push was cancelled; 400 and 404 otherwise', async () => {
    const id = await scheduled();
    await cron();
    const started = await call('POST', `/broadcasts/${id}/edit`, trainer, {
      messages: { en: 'Too late' },
    });
    expect(started.status).toBe(409);
    expect(await started.json()).toMatchObject({ error: 'already_started' });
    const other = await scheduled();
    await call('POST', `/broadcasts/${other}/cancel`, trainer);
    const cancelled = await call('POST', `/broadcasts/${other}/edit`, trainer, {
      sendAt: undefined,
      messages: { en: 'x' },
    });
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toMatchObject({ error: 'cancelled' });
    const third = await scheduled();
    const bad = await call('POST', `/broadcasts/${third}/edit`, trainer, {
      sendAt: new Date(START - HOUR).toISOString(),
      messages: {},
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: Record<string, string[]> }).fields;
    expect(Object.keys(fields)).toEqual(['messages']);
    const past = await call('POST', `/broadcasts/${third}/edit`, trainer, {
      sendAt: new Date(START - HOUR).toISOString(),
    });
    expect(await past.json()).toMatchObject({ fields: { sendAt: [expect.any(String)] } });
    expect((await call('POST', `/broadcasts/${third}/edit`, trainer, {})).status).toBe(400);
    expect(
      (await call('POST', '/broadcasts/nope/edit', trainer, { messages: { en: 'x' } })).status,
    ).toBe(404);
  });

  it('takes the lock the sender takes: no edit while it starts, no start while an edit holds it', async () => {
    const id = await scheduled();
    // The cron holds the job's lock (it is resolving the audience): the edit waits its turn.
    await t.store.claim(jobLockName(id), 'start:cron', 60);
    const busy = await call('POST', `/broadcasts/${id}/edit`, trainer, { messages: { en: 'x' } });
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: 'busy' });
    await t.store.release(jobLockName(id), 'start:cron');
    // An edit holds it: the cron leaves the job for its next run instead of racing the edit.
    await t.store.claim(jobLockName(id), 'edit:other', 60);
    expect(await cron()).toBe(0);
    expect(await (await call('GET', `/broadcasts/${id}`, trainer)).json()).toMatchObject({
      status: 'scheduled',
    });
    await t.store.release(jobLockName(id), 'edit:other');
    expect(await startDueJobs(t.deps.planner)).toBe(1);
  });
});

describe('POST /admin/api/broadcasts/:id/duplicate', () => {
  it('copies message and audience into a new push, changed by the body; audited', async () => {
    const id = await scheduled();
    await cron();
    api.reset();
    const res = await call('POST', `/broadcasts/${id}/duplicate`, trainer, {
      audience: { locale: 'en' },
    });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; recipients: number };
    expect(copy.id).not.toBe(id);
    expect(copy.recipients).toBe(1);
    await t.drain();
    expect(sentTexts()).toEqual([[12, 'Market on Friday']]);
    const later = await call('POST', `/broadcasts/${id}/duplicate`, trainer, {
      sendAt: new Date(START + 5 * HOUR).toISOString(),
    });
    expect(later.status).toBe(201);
    const { id: laterId } = (await later.json()) as { id: string };
    expect(await (await call('GET', `/broadcasts/${laterId}`, trainer)).json()).toMatchObject({
      status: 'scheduled',
      messages: { en: 'Market on Friday', 'zh-CN': '周五集市' },
    });
    expect((await call('POST', '/broadcasts/nope/duplicate', trainer, {})).status).toBe(404);
    await call('POST', `/broadcasts/${laterId}/edit`, trainer, { messages: { en: 'Edited' } });
    const audit = (await (await call('GET', '/audit', admin)).json()) as {
      entries: { action: string; details?: Record<string, unknown> }[];
    };
    const actions = audit.entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'broadcast.duplicate')).toHaveLength(2);
    expect(audit.entries.find((e) => e.action === 'broadcast.edit')?.details).toMatchObject({
      changed: 'messages',
      recipients: 3,
    });
  });

  it('does not copy a survey invitation (the survey page invites, once per person)', async () => {
    const sent = await call('POST', '/surveys/seller_baseline/send', researcher, {
      audience: { all: true },
    });
    expect(sent.status).toBe(201);
    const { id: jobId } = (await sent.json()) as { id: string };
    const res = await call('POST', `/broadcasts/${jobId}/duplicate`, trainer, {});
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'survey_invitation' });
  });
});

describe('edit and duplicate refusals, in the caller’s language', () => {
  /** A call in `locale` (Accept-Language; no language given: Chinese). */
  function callIn(locale: 'en' | 'zh-CN' | undefined, path: string, body: unknown) {
    return t.app.request(`/admin/api${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${trainer}`,
        ...(locale ? { 'Accept-Language': locale } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  it('words a refused edit and a refused copy, never in English for a Chinese caller', async () => {
    const id = await scheduled();
    expect((await call('POST', `/broadcasts/${id}/cancel`, trainer)).status).toBe(200);
    for (const locale of [undefined, 'zh-CN', 'en'] as const) {
      const said = locale ?? 'zh-CN';
      const edit = await callIn(locale, `/broadcasts/${id}/edit`, { messages: { en: 'x' } });
      expect(edit.status).toBe(409);
      expect(await edit.json()).toEqual({
        error: 'cancelled',
        message: copy('admin_trust.errors.cancelled', said),
      });
    }
    const sent = await call('POST', '/surveys/seller_baseline/send', researcher, {
      audience: { all: true },
    });
    const { id: invite } = (await sent.json()) as { id: string };
    for (const locale of ['zh-CN', 'en'] as const) {
      const copied = await callIn(locale, `/broadcasts/${invite}/duplicate`, {});
      expect(copied.status).toBe(409);
      expect(await copied.json()).toEqual({
        error: 'survey_invitation',
        message: copy('admin_trust.errors.survey_invitation', locale),
      });
      const audience = await callIn(locale, `/broadcasts/${invite}/edit`, {
        audience: { all: true },
      });
      expect(await audience.json()).toMatchObject({
        message: copy('admin_trust.errors.survey_invitation_audience', locale),
      });
    }
  });

  it('words a time in the past as a field problem', async () => {
    const id = await scheduled();
    const past = await callIn('zh-CN', `/broadcasts/${id}/edit`, {
      sendAt: new Date(START - HOUR).toISOString(),
    });
    expect(past.status).toBe(400);
    const sentence = copy('field_errors.sentence', 'zh-CN', {
      place: copy('field_errors.fields.sendAt', 'zh-CN'),
      words: copy('field_errors.codes.past_time', 'zh-CN'),
    });
    expect(await past.json()).toMatchObject({
      error: 'invalid_request',
      fields: { sendAt: [sentence] },
      issues: [{ field: 'sendAt', code: 'past_time', params: {}, message: sentence }],
    });
  });

  it('the console says a survey invitation is not copied, in its language', async () => {
    const sent = await call('POST', '/surveys/seller_baseline/send', researcher, {
      audience: { all: true },
    });
    const { id: invite } = (await sent.json()) as { id: string };
    const browser = new Browser(t.app);
    await browser.login(trainer);
    for (const locale of ['zh-CN', 'en'] as const) {
      await browser.get(`/admin/broadcasts?lang=${locale}`);
      const page = await browser.get(`/admin/broadcasts/new?from=${encodeURIComponent(invite)}`);
      expect(await page.text()).toContain(copy('admin_trust.errors.survey_invitation', locale));
    }
  });
});
