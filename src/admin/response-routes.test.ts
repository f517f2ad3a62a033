import { describe, expect, it } from 'vitest';
import { describeOverRealRedis } from '../../test/support/real-redis-suite';
import { parse } from 'yaml';
import { ADMIN_TEST_TOKENS, adminTestApp } from '../../test/support/admin-app';
import { seedRecords } from '../../test/support/survey-records';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/port';
import { responseTable } from '../surveys/response';
import { surveySchema } from '../surveys/schema';

// 2026-05-01 00:30 China time is 2026-04-30 16:30 UTC: China days, not UTC days.
const MAY1 = Date.parse('2026-05-01T00:30:00+08:00');
const DAY = 86_400_000;

/** 30 people: 12 complete, 10 partial, 5 withdrawn, 3 declined, over three China days. */
function records(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 30; i++) {
    const started = MAY1 + (i % 3) * DAY;
    const channel = i % 2 === 0 ? 'telegram' : 'web';
    const locale = i % 4 === 0 ? 'en' : 'zh-CN';
    const key = `r${String(i).padStart(32, '0')}`;
    if (i < 12)
      out[key] = {
        status: 'completed',
        channel,
        locale,
        startedAt: started,
        completedAt: started + 60_000,
        answers: { category: 'furniture', years: 2 },
      };
    else if (i < 22)
      out[key] = { status: 'started', channel, locale, startedAt: started, answers: {} };
    else if (i < 27) out[key] = { status: 'withdrawn', at: started + 1000 * i };
    else out[key] = { status: 'declined', at: started };
  }
  return out;
}

function suite(name: string, makeStore: () => Store) {
  describe(name, () => {
    const setup = async () => {
      const store = makeStore();
      const t = adminTestApp({ store });
      await seedRecords(store, responseTable('seller_baseline', 1), records());
      const get = (path: string, role: keyof typeof ADMIN_TEST_TOKENS = 'researcher') =>
        t.app.request(`/admin/api/surveys${path}`, {
          headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}` },
        });
      return { ...t, get };
    };

    it('refuse trainers and answer researchers and admins', async () => {
      const { get } = await setup();
      for (const path of ['responses', 'withdrawals', 'definition']) {
        expect((await get(`/seller_baseline/${path}`, 'trainer')).status).toBe(403);
        expect((await get(`/seller_baseline/${path}`, 'researcher')).status).toBe(200);
        expect((await get(`/seller_baseline/${path}`, 'admin')).status).toBe(200);
        expect((await get(`/no_such/${path}`)).status).toBe(404);
      }
    });

    it('filter responses by status, channel, language and China days, by pseudonym only', async () => {
      const { get } = await setup();
      const read = async (query: string) => {
        const res = await get(`/seller_baseline/responses?limit=500&${query}`);
        expect(res.status).toBe(200);
        return (await res.json()) as {
          responses: { respondent: string; state: string; channel: string | null }[];
          perDay: { day: string; started: number; completed: number }[];
          next: string;
        };
      };
      const all = await read('');
      // Declines are not responses.
      expect(all.responses).toHaveLength(27);
      expect(all.next).toBe('0');
      for (const r of all.responses) expect(r.respondent).toMatch(/^r\d{32}$/);
      expect(JSON.stringify(all)).not.toMatch(/userId|telegram:\d/);
      expect((await read('status=complete')).responses).toHaveLength(12);
      const partial = await read('status=partial');
      expect(partial.responses).toHaveLength(10);
      expect(new Set(partial.responses.map((r) => r.state))).toEqual(new Set(['partial']));
      expect((await read('status=withdrawn')).responses).toHaveLength(5);
      const web = await read('status=complete&channel=web');
      expect(web.responses).toHaveLength(6);
      expect(web.responses.every((r) => r.channel === 'web')).toBe(true);
      // en: i % 4 === 0 among 0..21 (complete or partial): 0, 4, 8, 12, 16, 20.
      expect((await read('lang=en')).responses).toHaveLength(6);
      // The first China day: i % 3 === 0 among the 22 who began (0, 3, …, 21): 8.
      const first = await read('from=2026-05-01&to=2026-05-01&status=partial');
      expect(first.responses).toHaveLength(4);
      expect(first.perDay).toEqual([{ day: '2026-05-01', started: 4, completed: 0 }]);
      expect(all.perDay).toEqual([
        { day: '2026-05-01', started: 8, completed: 4 },
        { day: '2026-05-02', started: 7, completed: 4 },
        { day: '2026-05-03', started: 7, completed: 4 },
      ]);
    });

    it('page by cursor through every response once', async () => {
      const { get } = await setup();
      const seen: string[] = [];
      let cursor = '0';
      let pages = 0;
      do {
        const res = await get(`/seller_baseline/responses?limit=4&cursor=${cursor}`);
        const body = (await res.json()) as {
          responses: { respondent: string }[];
          next: string;
          perDay?: unknown;
        };
        if (pages > 0) expect(body.perDay).toBeUndefined();
        seen.push(...body.responses.map((r) => r.respondent));
        cursor = body.next;
        pages++;
      } while (cursor !== '0' && pages < 50);
      expect(new Set(seen).size).toBe(27);
    });

    it('refuse a bad filter with field errors, not a 500', async () => {
      const { get } = await setup();
      for (const query of ['status=done', 'from=May', 'lang=fr', 'limit=0', 'cursor=x', 'who=1']) {
        const res = await get(`/seller_baseline/responses?${query}`);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { fields: object }).fields).toBeTruthy();
      }
      const backwards = await get('/seller_baseline/responses?from=2026-05-03&to=2026-05-01');
      expect(backwards.status).toBe(400);
    });

    it('list every withdrawn pseudonym with its version and time, newest first', async () => {
      const { get } = await setup();
      const list = (await (await get('/seller_baseline/withdrawals')).json()) as {
        respondent: string;
        version: number;
        at: string;
      }[];
      // Withdrawn at their start day + i seconds: newest first across days.
      expect(list.map((w) => w.respondent)).toEqual(
        [26, 23, 25, 22, 24].map((i) => `r${String(i).padStart(32, '0')}`),
      );
      expect(list.every((w) => w.version === 1 && !Number.isNaN(Date.parse(w.at)))).toBe(true);
    });

    it('download the definition as JSON or YAML that reads back as the same survey', async () => {
      const { get } = await setup();
      const json = await get('/seller_baseline/definition');
      expect(json.headers.get('Content-Disposition')).toContain('seller_baseline-v1.json');
      const fromJson = surveySchema.parse(await json.json());
      const yaml = await get('/seller_baseline/definition?format=yaml');
      expect(yaml.headers.get('Content-Type')).toContain('yaml');
      expect(yaml.headers.get('Content-Disposition')).toContain('seller_baseline-v1.yaml');
      expect(surveySchema.parse(parse(await yaml.text()))).toEqual(fromJson);
      expect(fromJson.id).toBe('seller_baseline');
      expect((await get('/seller_baseline/definition?format=xml')).status).toBe(400);
      expect((await get('/seller_baseline/definition?version=9')).status).toBe(404);
    });
  });
}

suite('memory', () => createMemoryStore());

await describeOverRealRedis('over the bridge and a real Redis', 'responses', (makeStore) =>
  suite('upstash', makeStore),
);
