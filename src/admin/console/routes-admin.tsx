import type { Hono } from 'hono';
import { content } from '../../content';
import type { AppEnv } from '../../http/types';
import { auditTrail, courseStats, overview } from '../services/figures';
import { consoleActor, message, page, pageView, refusalPage, render } from './page-kit';
import { AuditPage } from './pages/audit';
import { CoursePage } from './pages/course';
import { CoursesPage } from './pages/courses';
import { QuestionsPage } from './pages/questions';
import { listQuestions } from '../services/questions';
import { OverviewPage, type SurveyTally } from './pages/overview';
import { readCourses, readSurveys } from './surveys-api';

/**
 * `/admin/overview` and `/admin/audit` (admins), `/admin/courses` and a course's lesson
 * figures `/admin/courses/:id`, the free questions we could not answer `/admin/questions`
 * (trainers).
 */
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

  app.get('/admin/questions', page('listQuestions'), async (c) => {
    const questions = await listQuestions(c.var.deps, consoleActor(c));
    if (!questions.ok) return refusalPage(c, questions);
    const view = pageView(c);
    return render(c, view, QuestionsPage({ view, questions: questions.value }));
  });

  app.get('/admin/courses/:id', page('courseStats'), async (c) => {
    const id = c.req.param('id');
    const stats = await courseStats(c.var.deps, consoleActor(c), id);
    // A malformed id names no course either.
    if (!stats.ok && stats.status === 400)
      return message(c, 404, 'not_found.title', 'not_found.text');
    if (!stats.ok) return refusalPage(c, stats);
    const course = content.courses.find((x) => x.id === stats.value.id);
    const view = pageView(c);
    return render(c, view, CoursePage({ view, title: course?.title ?? {}, stats: stats.value }));
  });
}
