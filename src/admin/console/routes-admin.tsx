import type { Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { auditTrail, overview } from '../services/figures';
import { consoleActor, page, pageView, refusalPage, render } from './page-kit';
import { AuditPage } from './pages/audit';
import { CoursesPage } from './pages/courses';
import { OverviewPage, type SurveyTally } from './pages/overview';
import { readCourses, readSurveys } from './surveys-api';

/** `/admin/overview` and `/admin/audit` (admins), `/admin/courses` (trainers). */
export function adminPages(app: Hono<AppEnv>): void {
  app.get('/admin/overview', page('overview'), async (c) => {
    const [figures, surveys] = await Promise.all([
      overview(c.var.deps, consoleActor(c)),
      readSurveys(c),
    ]);
    if (!figures.ok) return refusalPage(c, figures);
    const view = pageView(c);
    const tally: SurveyTally | undefined = surveys && {
      total: surveys.length,
      open: surveys.filter((s) => s.status === 'open').length,
    };
    return render(
      c,
      view,
      OverviewPage({ view, data: figures.value, ...(tally ? { surveys: tally } : {}) }),
    );
  });

  app.get('/admin/audit', page('auditTrail'), async (c) => {
    const entries = await auditTrail(c.var.deps, consoleActor(c), { limit: '300' });
    if (!entries.ok) return refusalPage(c, entries);
    const view = pageView(c);
    return render(c, view, AuditPage({ view, entries: entries.value }));
  });

  app.get('/admin/courses', page('listCourses'), async (c) => {
    const courses = await readCourses(c);
    const view = pageView(c);
    return render(c, view, CoursesPage({ view, courses }));
  });
}
