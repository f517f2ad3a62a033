import { describe, expect, it } from 'vitest';
import { copy } from '../../../test/support/copy';
import { lastDays } from '../../time-zone';
import type { Overview } from '../overview';
import { consoleT } from './i18n';
import { OverviewPage } from './pages/overview';
import type { View } from './view';

const view = (locale: 'zh-CN' | 'en'): View => ({
  locale,
  t: consoleT(locale),
  actor: { role: 'admin', token: 'x'.repeat(16), label: 'admin#1' },
  csrf: 'c',
  nonce: 'n',
  path: '/admin/overview',
  query: '',
});

const days = lastDays(Date.UTC(2026, 11, 5, 6), 30).map((day, i) => ({
  day,
  new: i === 29 ? 3 : 0,
  active: i === 29 ? 7 : 0,
  messages: i === 29 ? 41 : 0,
}));

const data: Overview = {
  generatedAt: '2026-12-05T06:03:00.000Z',
  timeZone: 'Asia/Shanghai',
  users: {
    total: 9,
    byChannel: { telegram: 9 },
    byLocale: { 'zh-CN': 9 },
    consented: 5,
    inactive: 0,
    active7: 7,
    active30: 7,
    byProvince: { hebei: 2, zhejiang: 1 },
    byCategory: { farm_produce: 3 },
    truncated: false,
  },
  checks: [],
  turns: 41,
  jobs: { scheduled: 0, running: 0, done: 0, cancelled: 0 },
  days,
  totals: {
    surveys: { total: 2, byStatus: { open: 1, closed: 1 }, invited: 12, completed: 8 },
    courses: { total: 3, subscribers: 6, started: 4, completed: 2 },
  },
};

describe('the overview page', () => {
  it('draws the three trends, people by province and category, totals, and names the time zone', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = String(OverviewPage({ view: view(locale), data }));
      for (const key of ['trend_new', 'trend_active', 'trend_messages'])
        expect(html).toContain(copy(`admin.overview.${key}`, locale));
      // The last day's bars carry their numbers (in the accessible label and the titles).
      expect(html).toMatch(/: 41(<|")/);
      expect(html).toContain(locale === 'en' ? 'Hebei' : '河北');
      expect(html).toContain(locale === 'en' ? 'Zhejiang' : '浙江');
      expect(html).toContain('2026-12-05 14:03 UTC+8 (Asia/Shanghai)');
      expect(html).toContain('UTC+8 (Asia/Shanghai)');
      expect(html).toContain('href="/admin/courses"');
    }
  });
});
