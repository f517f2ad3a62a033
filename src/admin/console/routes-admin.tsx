import type { Hono } from 'hono';
import { content } from '../../content';
import type { AppEnv } from '../../http/types';
import { auditTrail } from '../services/audit-trail';
import { courseStats, overview } from '../services/figures';
import { consoleActor, formBody, message, page, pageView, refusalPage, render } from './page-kit';
import { AuditPage, auditFilters, olderQuery } from './pages/audit';
import { CoursePage } from './pages/course';
import { CoursesPage } from './pages/courses';
import { ANSWER_FIELDS, QuestionsPage, type AnswerForm } from './pages/questions';
import { answerQuestion, listQuestions } from '../services/questions';
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
    const view = pageView(c);
    const filters = auditFilters(c.req.query());
    const cursor = c.req.query('cursor');
    const asked = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    const query = { ...asked, ...(cursor ? { cursor } : {}) };
    const trail = await auditTrail(c.var.deps, consoleActor(c), query, view.locale);
    if (!trail.ok && trail.status !== 400) return refusalPage(c, trail);
    const { config } = c.var.deps;
    const people = [
      ...config.adminTokens.map((t) => t.label),
      ...config.trainerTelegramIds.map((id) => `telegram:${id}`),
    ];
    const page = trail.ok && trail.value.format === 'json' ? trail.value : undefined;
    const older = page && olderQuery(filters, page.next);
    return render(
      c,
      view,
      AuditPage({
        view,
        filters,
        people,
        lines: page?.entries ?? [],
        ...(older ? { older } : {}),
        paged: cursor !== undefined,
        partial: page?.partial ?? false,
        errors: trail.ok ? {} : (trail.fields ?? {}),
      }),
      trail.ok ? 200 : 400,
    );
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
    const done = c.req.query('done') === 'answered';
    return render(c, view, QuestionsPage({ view, questions: questions.value, done }));
  });

  // A trainer's answer to a group: every problem at once, next to its field, in the
  // console's language; published (and audited) by the service.
  app.post('/admin/questions/answers', page('answerQuestion'), async (c) => {
    const body = await formBody(c);
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const values = Object.fromEntries(
      [...ANSWER_FIELDS, 'experience'].map((k) => [k, str(k)]),
    ) as AnswerForm['values'];
    const group = Number.parseInt(str('group'), 10) || 0;
    const experience = values.experience === 'yes';
    const source = values.source ?? '';
    const input = {
      id: answerId(`${values.question_zh ?? ''}|${values.question_en ?? ''}`),
      question: { 'zh-CN': values.question_zh, en: values.question_en },
      answer: { 'zh-CN': values.answer_zh, en: values.answer_en },
      ...(source ? { source: { 'zh-CN': source, en: source } } : {}),
      ...(experience ? { experience: true } : {}),
    };
    const saved = await answerQuestion(c.var.deps, consoleActor(c), input);
    if (saved.ok) return c.redirect('/admin/questions?done=answered', 303);
    if (saved.status !== 400) return refusalPage(c, saved);
    const fields = Object.keys(saved.fields ?? {});
    const problems = new Set<string>();
    for (const path of fields) {
      const [head, locale] = path.split('.');
      if (head === 'question' || head === 'answer')
        problems.add(`${head}_${locale === 'en' ? 'en' : 'zh'}`);
      else problems.add('source');
    }
    const questions = await listQuestions(c.var.deps, consoleActor(c));
    if (!questions.ok) return refusalPage(c, questions);
    const view = pageView(c);
    const form: AnswerForm = { group, values, problems: [...problems] };
    return render(c, view, QuestionsPage({ view, questions: questions.value, form }), 400);
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

/** A stable snake_case id for a trainer's answer, from its question (FNV-1a). */
function answerId(question: string): string {
  let h = 0x811c9dc5;
  for (const ch of question) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `trainer_${h.toString(36)}`;
}
