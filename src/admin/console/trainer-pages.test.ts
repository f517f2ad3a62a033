import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '../course-summaries';
import { consoleT } from './i18n';
import { CoursesPage } from './pages/courses';
import { JobsPage, type JobView } from './pages/broadcasts';
import type { View } from './view';

const view = (locale: 'zh-CN' | 'en' = 'en'): View => ({
  locale,
  t: consoleT(locale),
  actor: { role: 'trainer', token: 'x'.repeat(16), label: 'li' },
  csrf: 'csrf-token',
  nonce: 'nonce123',
  path: '/admin/x',
  query: '',
});

describe('the courses page', () => {
  const course: CourseSummary = {
    id: 'shipping',
    title: { en: 'Shipping' },
    summary: { en: 'S' },
    level: 'beginner',
    languages: ['en'],
    trainer: { en: 'T' },
    lessons: [{ id: 'l1', order: 1, title: { en: 'L' }, minutes: 5, quiz: false }],
    subscribers: 1,
    started: 2,
    completed: 1,
    completionRate: 0.5,
  };

  it('shows subscribers, starters and finishers as counts, never as a share of each other', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = String(CoursesPage({ view: view(locale), courses: [course] }));
      // More starters than subscribers is true (no subscription needed), so no "200 %".
      expect(html).not.toContain('200');
      expect(html).not.toContain(consoleT(locale)('funnel.of_previous', { pct: 200 }));
      expect(html).toContain('data-k="subscribers">1<');
      expect(html).toContain('data-k="started">2<');
      expect(html).toContain('data-k="completed">1<');
      expect(html).toContain(consoleT(locale)('trainer.course_counts.note'));
    }
  });
});

describe('the push list', () => {
  const base: JobView = {
    id: 'j1',
    kind: 'survey_invite',
    status: 'done',
    audience: { all: true },
    messages: { en: 'Please answer\nour survey', 'zh-CN': '请回答' },
    counts: {
      audience: 3,
      sent: 2,
      failed: 0,
      blocked: 1,
      outsideWindow: 0,
      cancelled: 0,
      pending: 0,
    },
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: 'li',
    subject: { kind: 'survey', id: 'market_day', mode: 'invite', title: { en: 'Market day' } },
    creator: { kind: 'console', label: 'li' },
    firstLine: { en: 'Please answer' },
    channels: { telegram: { sent: 2, failed: 0, blocked: 1, outsideWindow: 0, cancelled: 0 } },
  };

  it('names the survey, the creator, the first line and the per-channel counts', () => {
    const lesson: JobView = {
      ...base,
      id: 'j2',
      kind: 'course_update',
      subject: { kind: 'lesson', course: 'shipping', lesson: 'l1', title: { en: 'Parcels' } },
      creator: { kind: 'telegram', userId: '42' },
    };
    const html = String(JobsPage({ view: view(), jobs: [base, lesson] }));
    const t = consoleT('en');
    expect(html).toContain(t('trainer.subject.survey_invite', { name: 'Market day' }));
    expect(html).toContain(t('trainer.subject.lesson', { name: 'Parcels', course: 'shipping' }));
    expect(html).toContain(t('trainer.creator.console', { who: 'li' }));
    expect(html).toContain(t('trainer.creator.telegram', { id: '42' }));
    expect(html).toContain('Please answer');
    expect(html).not.toContain('our survey');
    expect(html).toContain('data-ch="telegram.blocked">1<');
    expect(html).toContain('data-ch="telegram.sent">2<');
  });

  it('a scheduled push says its audience is counted when it starts, not 0', () => {
    const scheduled: JobView = {
      ...base,
      id: 'j3',
      kind: 'announcement',
      status: 'scheduled',
      sendAt: '2026-12-09T02:00:00.000Z',
      counts: { ...base.counts, audience: 0, sent: 0, blocked: 0 },
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = String(JobsPage({ view: view(locale), jobs: [scheduled, base] }));
      const said = consoleT(locale)('jobs.audience_at_start');
      expect(html).toContain(`data-k="audience">${said}<`);
      // A job that has started shows its real audience.
      expect(html).toContain('data-k="audience">3<');
    }
  });
});
