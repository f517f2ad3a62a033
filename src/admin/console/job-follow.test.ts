import { describe, expect, it } from 'vitest';
import { copy } from '../../../test/support/copy';
import { consoleT } from './i18n';
import { JobPage, JobsPage, type JobView } from './pages/broadcasts';
import type { View } from './view';

const view = (locale: 'zh-CN' | 'en'): View => ({
  locale,
  t: consoleT(locale),
  actor: { role: 'trainer', token: 'x'.repeat(16), label: 'trainer#1' },
  csrf: 'c',
  nonce: 'n',
  path: '/admin/broadcasts/j1',
  query: '',
});
const counts = { audience: 9, sent: 3, failed: 0, blocked: 0, outsideWindow: 0, cancelled: 0 };
const job = (pending: number, cancelled: number): JobView => ({
  id: 'j1',
  kind: 'announcement',
  status: 'cancelled',
  audience: { all: true },
  messages: { en: 'x' },
  counts: { ...counts, cancelled, pending },
  createdAt: '2026-05-01T00:00:00.000Z',
  createdBy: 'trainer#1',
});

describe('a cancelled job on its page', () => {
  it('is followed, as stopping, until nobody is pending, then shows its final counts', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const stopping = String(JobPage({ view: view(locale), job: job(6, 0) }));
      expect(stopping).toContain('data-live="1"');
      expect(stopping).toContain(copy('admin_trust.stopping', locale));
      expect(stopping).not.toContain('action="/admin/broadcasts/j1/cancel"');
      const stopped = String(JobPage({ view: view(locale), job: job(0, 6) }));
      expect(stopped).toContain('data-live="0"');
      expect(stopped).toContain(`>${copy('admin.status.cancelled', locale)}<`);
    }
  });
});

describe('the push list', () => {
  it('names each job by its message and its creator', () => {
    const invite = { ...job(0, 0), kind: 'survey_invite' as const, status: 'done' as const };
    const messages = {
      en: '**Village shop survey**: five questions',
      'zh-CN': '**村店调查**：五个问题',
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = String(JobsPage({ view: view(locale), jobs: [{ ...invite, messages }] }));
      expect(html).toContain(
        locale === 'en' ? 'Village shop survey: five questions' : '村店调查：五个问题',
      );
      expect(html).toContain(copy('admin.jobs.created_by', locale, { who: 'trainer#1' }));
    }
  });
});
