import type { Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { auditEntrySchema } from '../audit';
import { overviewSchema } from '../overview';
import { message, page, pageView, render, type ConsoleKit } from './page-kit';
import { AuditPage } from './pages/audit';
import { CoursesPage } from './pages/courses';
import { OverviewPage, type SurveyTally } from './pages/overview';
import { readCourses, readSurveys } from './surveys-api';

/** `/admin/overview` and `/admin/audit` (admins), `/admin/courses` (trainers). */
export function adminPages(app: Hono<AppEnv>, kit: ConsoleKit): void {
  app.get('/admin/overview', page(), async (c) => {
    const [figures, surveys] = await Promise.all([
      kit.api(c, 'GET', '/admin/api/overview'),
      readSurveys(kit, c),
    ]);
    const data = overviewSchema.safeParse(figures.body);
    if (!data.success) return message(c, 502, 'failed.title', 'failed.text');
    const view = pageView(c);
    const tally: SurveyTally | undefined = surveys.data && {
      total: surveys.data.length,
      open: surveys.data.filter((s) => s.status === 'open').length,
    };
    return render(
      c,
      view,
      OverviewPage({ view, data: data.data, ...(tally ? { surveys: tally } : {}) }),
    );
  });

  app.get('/admin/audit', page(), async (c) => {
    const answer = await kit.api(c, 'GET', '/admin/api/audit?limit=300');
    const entries = auditEntrySchema
      .array()
      .safeParse((answer.body as { entries?: unknown })?.entries);
    if (!entries.success) return message(c, 502, 'failed.title', 'failed.text');
    const view = pageView(c);
    return render(c, view, AuditPage({ view, entries: entries.data }));
  });

  app.get('/admin/courses', page('trainer'), async (c) => {
    const courses = await readCourses(kit, c);
    const view = pageView(c);
    return render(c, view, CoursesPage({ view, courses }));
  });
}
