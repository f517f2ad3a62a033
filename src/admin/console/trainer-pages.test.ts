import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '../course-summaries';
import { consoleT } from './i18n';
import { CoursesPage } from './pages/courses';
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
