import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../test/support/admin-app';
import type { Role } from '../config';
import type { Store } from '../store/port';
import { appendAudit, AUDIT_LOG, type AuditActor, type AuditEvent } from './audit';
import { matcher, scanAudit } from './audit-query';

const li: AuditActor = { label: 'Li', role: 'researcher', via: 'console' };
const wu: AuditActor = { label: 'trainer#1', role: 'trainer', via: 'token' };
const shops = {
  kind: 'survey',
  id: 'shops',
  title: { 'zh-CN': '村店调查', en: 'Village shop survey' },
};
const remind: AuditEvent = {
  action: 'survey.remind',
  target: shops,
  details: { recipients: 4, version: 2, job: 'j1' },
};
const close: AuditEvent = { action: 'survey.close', target: shops };
const cancel: AuditEvent = { action: 'broadcast.cancel', target: { kind: 'broadcast', id: 'b1' } };

/** The trail: an older-shaped entry, then five new ones a day apart from 1 May 2026 (UTC). */
async function seed(store: Store): Promise<void> {
  await store.appendLog(AUDIT_LOG, {
    at: '2026-04-30T01:00:00.000Z',
    who: 'trainer#1',
    role: 'trainer',
    via: 'token',
    action: 'POST /admin/api/broadcasts',
    status: 201,
    target: 'old-job',
  });
  const day = (n: number, hour = 1) => Date.parse(`2026-05-0${n}T0${hour}:00:00.000Z`);
  await appendAudit(store, day(1), li, remind);
  await appendAudit(store, day(2), wu, cancel);
  await appendAudit(store, day(3), li, close);
  await appendAudit(store, day(4), wu, { action: 'login' });
  // 17:00 UTC on 4 May is 01:00 on 5 May in China.
  await appendAudit(store, Date.parse('2026-05-04T17:00:00.000Z'), li, remind);
}

interface Page {
  entries: { seq: number; who: string; action: string; sentence: string; legacy?: boolean }[];
  next: string | null;
  partial: boolean;
}

const api = (t: ReturnType<typeof adminTestApp>, query: string, role: Role = 'admin') =>
  t.app.request(`/admin/api/audit${query}`, {
    headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}` },
  });
const page = async (t: ReturnType<typeof adminTestApp>, query: string) => {
  const res = await api(t, query);
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
};

describe('GET /admin/api/audit', () => {
  it('is for admins only', async () => {
    const t = adminTestApp();
    expect((await api(t, '', 'trainer')).status).toBe(403);
    expect((await api(t, '', 'researcher')).status).toBe(403);
    expect((await api(t, '?format=csv', 'researcher')).status).toBe(403);
    expect((await t.app.request('/admin/api/audit')).status).toBe(401);
  });

  it('answers newest first with a sentence in the asked language, older entries included', async () => {
    const t = adminTestApp();
    await seed(t.store);
    const all = await page(t, '?lang=en');
    expect(all.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(all.entries[0]?.sentence).toBe(
      "Li (Researcher) sent a reminder for 'Village shop survey' to 4 people",
    );
    expect(all.entries[5]).toMatchObject({ legacy: true });
    expect(all.entries[5]?.sentence).toContain('(older entry)');
    expect(all).toMatchObject({ next: null, partial: false });
    const zh = await page(t, '?lang=zh-CN&limit=1');
    expect(zh.entries[0]?.sentence).toBe('Li（研究人员）为「村店调查」发送了提醒，共 4 人');
  });

  it('filters by person, action or family, and China days', async () => {
    const t = adminTestApp();
    await seed(t.store);
    const seqs = async (query: string) => (await page(t, query)).entries.map((e) => e.seq);
    expect(await seqs('?who=Li')).toEqual([5, 3, 1]);
    expect(await seqs('?action=survey.remind')).toEqual([5, 1]);
    expect(await seqs('?action=survey')).toEqual([5, 3, 1]);
    expect(await seqs('?who=trainer%231&action=broadcast')).toEqual([2]);
    expect(await seqs('?from=2026-05-02&to=2026-05-03')).toEqual([3, 2]);
    // The last reminder was 4 May in UTC but 5 May in China.
    expect(await seqs('?from=2026-05-05')).toEqual([5]);
    expect(await seqs('?to=2026-05-04')).toEqual([4, 3, 2, 1, 0]);
    expect(await seqs('?from=2026-05-02T01:00:00Z&to=2026-05-03T01:00:00Z')).toEqual([3, 2]);
  });

  it('pages with a cursor that new entries do not move', async () => {
    const t = adminTestApp();
    await seed(t.store);
    const first = await page(t, '?limit=2');
    expect(first.entries.map((e) => e.seq)).toEqual([5, 4]);
    await appendAudit(t.store, Date.now(), li, close);
    await appendAudit(t.store, Date.now(), li, close);
    const second = await page(t, `?limit=2&cursor=${first.next}`);
    expect(second.entries.map((e) => e.seq)).toEqual([3, 2]);
    const third = await page(t, `?limit=2&cursor=${second.next}`);
    expect(third.entries.map((e) => e.seq)).toEqual([1, 0]);
    expect(third.next).toBe(null);
    // Filters hold across pages.
    const mine = await page(t, '?who=Li&limit=2');
    expect(mine.entries.map((e) => e.seq)).toEqual([7, 6]);
    const more = await page(t, `?who=Li&limit=2&cursor=${mine.next}`);
    expect(more.entries.map((e) => e.seq)).toEqual([5, 3]);
  });

  it('lists every problem of the query by field', async () => {
    const t = adminTestApp();
    const res = await api(t, '?from=yesterday&cursor=abc&limit=0&action=DROP&format=xml');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Record<string, string[]> };
    expect(Object.keys(body.fields).sort()).toEqual([
      'action',
      'cursor',
      'format',
      'from',
      'limit',
    ]);
  });

  it('streams every match as CSV with the sentence in the asked language', async () => {
    const t = adminTestApp();
    await seed(t.store);
    // More than one read's worth, mostly not matching: the stream must read past them.
    for (let i = 0; i < 600; i++) await appendAudit(t.store, Date.now(), wu, { action: 'login' });
    await appendAudit(t.store, Date.now(), li, close);
    const res = await api(t, '?format=csv&lang=en&who=Li');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="audit-.*\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(rows[0]).toBe('time,person,role,action,target,details,sentence');
    expect(rows.slice(1).map((r) => r.split(',').slice(1, 5))).toEqual([
      ['Li', 'researcher', 'survey.close', 'shops'],
      ['Li', 'researcher', 'survey.remind', 'shops'],
      ['Li', 'researcher', 'survey.close', 'shops'],
      ['Li', 'researcher', 'survey.remind', 'shops'],
    ]);
    expect(rows[2]).toBe(
      '2026-05-05T01:00:00+08:00,Li,researcher,survey.remind,shops,recipients=4; version=2; job=j1,' +
        "Li (Researcher) sent a reminder for 'Village shop survey' to 4 people",
    );
    const zh = await (await api(t, '?format=csv&lang=zh-CN&action=survey.remind')).text();
    expect(zh).toContain('Li（研究人员）为「村店调查」发送了提醒，共 4 人');
  });
});

describe('scanning the trail', () => {
  it('stops after the scan limit, saying where to go on', async () => {
    const t = adminTestApp();
    await seed(t.store);
    const found = await scanAudit(t.store, matcher({ who: 'nobody' }), { limit: 10, scanLimit: 3 });
    expect(found).toEqual({ entries: [], next: '3', partial: true });
    const rest = await scanAudit(t.store, matcher({ who: 'nobody' }), {
      before: 3,
      limit: 10,
      scanLimit: 10,
    });
    expect(rest).toEqual({ entries: [], next: null, partial: false });
  });

  it('stops at entries older than `from` without reading the rest', async () => {
    const t = adminTestApp();
    await seed(t.store);
    let reads = 0;
    const counting = {
      ...t.store,
      readLogPage: (...args: Parameters<Store['readLogPage']>) => {
        reads += 1;
        return t.store.readLogPage(...args);
      },
    };
    const found = await scanAudit(counting, matcher({ from: '2026-05-05' }), {
      limit: 10,
      scanLimit: 100,
    });
    expect(found.entries.map((e) => e.seq)).toEqual([5]);
    expect(found.next).toBe(null);
    expect(reads).toBe(1);
  });
});

describe('the audit page', () => {
  it('shows admins sentences with China time, filters, older pages and the CSV link', async () => {
    const t = adminTestApp();
    await seed(t.store);
    for (let i = 0; i < 60; i++) await appendAudit(t.store, Date.now(), wu, { action: 'login' });
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    const html = await (await browser.get('/admin/audit?lang=en&who=Li')).text();
    expect(html).toContain(
      'Li (Researcher) sent a reminder for &#39;Village shop survey&#39; to 4 people',
    );
    expect(html).toContain('2026-05-05 01:00 UTC+8 (Asia/Shanghai)');
    expect(html).not.toContain('trainer#1 (Trainer) signed in');
    expect(html).toContain('href="/admin/api/audit?who=Li&amp;format=csv&amp;lang=en"');
    expect(html).toContain('<option value="survey.remind">Survey reminder sent</option>');

    const newest = await (await browser.get('/admin/audit?lang=zh-CN')).text();
    expect(newest).toContain('更早的记录');
    const older = /href="\/admin\/audit\?(cursor=\d+)"/.exec(newest)?.[1];
    expect(older).toBeDefined();
    const next = await (await browser.get(`/admin/audit?${older}`)).text();
    expect(next).toContain('Li（研究人员）为「村店调查」发送了提醒，共 4 人');
    expect(next).toContain('最新的记录');
  });

  it('shows a bad date next to its field, and is refused to other roles', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.admin);
    const res = await browser.get('/admin/audit?lang=en&from=2026-13&to=x');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.match(/Give a date \(YYYY-MM-DD\)\./g)).toHaveLength(2);
    const trainer = new Browser(t.app);
    await trainer.login(ADMIN_TEST_TOKENS.trainer);
    expect((await trainer.get('/admin/audit')).status).toBe(403);
  });
});
