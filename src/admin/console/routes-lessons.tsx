import type { Context, Hono } from 'hono';
import { renderTelegram } from '../../channels/telegram/render';
import { renderWebchat } from '../../channels/webchat/render';
import { renderWechat } from '../../channels/wechat/render';
import { checkLessonInput } from '../../content/check-lesson';
import type { Outbound } from '../../core/message';
import { renderLesson, renderQuiz } from '../../courses/render';
import type { Course, Lesson } from '../../courses/schema';
import type { AppEnv } from '../../http/types';
import { translate } from '../../i18n';
import { lessonVersions, liveCourse } from '../services/lesson-reads';
import { courseAudience, editLesson, publishLesson, unpublishLesson } from '../services/lessons';
import { consoleActor, formBody, message, page, pageView, refusalPage, render } from './page-kit';
import { problemsOf } from './problem-words';
import {
  LESSON_FIELDS,
  LessonFormPage,
  UnpublishConfirmPage,
  lt,
  type LessonFormProps,
  type LessonFormValues,
  type LessonPreview,
} from './pages/lessons';

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form's values as the lesson API takes them (empty quiz fields: no quiz). */
export function lessonInputOf(v: LessonFormValues): Record<string, unknown> {
  const both = (zh: string | undefined, en: string | undefined) => ({
    'zh-CN': zh ?? '',
    en: en ?? '',
  });
  const hasQuiz = [v.quiz_question_zh, v.quiz_question_en, v.quiz_options_zh].some(
    (x) => (x ?? '').trim() !== '',
  );
  const zhOptions = lines(v.quiz_options_zh);
  const enOptions = lines(v.quiz_options_en);
  const minutes = Number.parseInt(v.minutes ?? '', 10);
  return {
    id: (v.id ?? '').trim(),
    title: both(v.title_zh?.trim(), v.title_en?.trim()),
    body: both(v.body_zh, v.body_en),
    ...(Number.isFinite(minutes) ? { minutes } : {}),
    sources: (v.sources ?? '')
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    ...(hasQuiz && {
      quiz: {
        question: both(v.quiz_question_zh?.trim(), v.quiz_question_en?.trim()),
        options: zhOptions.map((zh, i) => both(zh, enOptions[i])),
        correct: Number.parseInt(v.quiz_correct ?? '', 10) || 0,
        explanation: both(v.quiz_explanation_zh?.trim(), v.quiz_explanation_en?.trim()),
      },
    }),
  };
}

/** A lesson as the form shows it. */
export function lessonValuesOf(lesson: Lesson): LessonFormValues {
  const { quiz } = lesson;
  return {
    id: lesson.id,
    title_zh: lesson.title['zh-CN'] ?? '',
    title_en: lesson.title.en ?? '',
    body_zh: lesson.body['zh-CN'] ?? '',
    body_en: lesson.body.en ?? '',
    minutes: String(lesson.minutes),
    sources: lesson.sources.join(', '),
    ...(quiz && {
      quiz_question_zh: quiz.question['zh-CN'] ?? '',
      quiz_question_en: quiz.question.en ?? '',
      quiz_options_zh: quiz.options.map((o) => o['zh-CN'] ?? '').join('\n'),
      quiz_options_en: quiz.options.map((o) => o.en ?? '').join('\n'),
      quiz_correct: String(quiz.correct + 1),
      quiz_explanation_zh: quiz.explanation['zh-CN'] ?? '',
      quiz_explanation_en: quiz.explanation.en ?? '',
    }),
  };
}

/** The lesson (and its quiz) as each channel's own renderer shows it, per language. */
export function lessonPreviews(course: Course, lesson: Lesson): LessonPreview[] {
  const placed = {
    ...course,
    lessons: [...course.lessons.filter((l) => l.id !== lesson.id), lesson].sort(
      (a, b) => a.order - b.order,
    ),
  };
  return course.languages.map((locale) => {
    const ctx = { locale, t: translate };
    const quiz = renderQuiz(ctx, placed, lesson);
    const replies: Outbound[] = [renderLesson(ctx, placed, lesson), ...(quiz ? [quiz] : [])];
    return {
      locale,
      telegram: renderTelegram(replies).map((m) => m.text),
      wechat: renderWechat(replies, locale, translate),
      webchat: renderWebchat(replies).messages.map((m) =>
        m.choices ? `${m.text}\n${m.choices.map((c) => `[ ${c.label} ]`).join(' ')}` : m.text,
      ),
    };
  });
}

async function formValues(c: Context<AppEnv>) {
  const body = await formBody(c);
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const values = Object.fromEntries(LESSON_FIELDS.map((k) => [k, str(k)])) as LessonFormValues;
  return { values, intent: str('intent'), confirmed: str('confirmed') === 'yes' };
}

/**
 * The console's lesson pages: write a lesson into a course, preview it per channel and
 * language, publish it (after a confirmation saying who is told), revise it, see its
 * versions, unpublish it. Every change goes through services/lessons.ts (so it is audited).
 */
export function lessonPages(app: Hono<AppEnv>): void {
  const show = (
    c: Context<AppEnv>,
    props: Omit<LessonFormProps, 'view'>,
    status: 200 | 400 = 200,
  ) => {
    const view = pageView(c);
    return render(c, view, LessonFormPage({ view, ...props }), status);
  };
  const notFound = (c: Context<AppEnv>) => message(c, 404, 'not_found.title', 'not_found.text');

  const listOf = (
    course: Course,
    stored: { lesson: { id: string }; version: number }[],
    c: Context<AppEnv>,
  ) => {
    const locale = pageView(c).locale;
    return course.lessons.map((l) => {
      const s = stored.find((x) => x.lesson.id === l.id);
      return {
        id: l.id,
        title: l.title[locale] ?? l.id,
        stored: s !== undefined,
        ...(s ? { version: s.version } : {}),
      };
    });
  };

  app.get('/admin/courses/:id/lessons', page('publishLesson'), async (c) => {
    const found = await liveCourse(c.var.deps, c.req.param('id'));
    if (!found) return notFound(c);
    return show(c, {
      course: found.bundled,
      action: `/admin/courses/${found.bundled.id}/lessons`,
      values: { sources: 'ours' },
      lessons: listOf(found.live, found.stored, c),
    });
  });

  app.post('/admin/courses/:id/lessons', page('publishLesson'), async (c) => {
    const found = await liveCourse(c.var.deps, c.req.param('id'));
    if (!found) return notFound(c);
    const { values, intent, confirmed } = await formValues(c);
    const course = found.bundled;
    const action = `/admin/courses/${course.id}/lessons`;
    const input = lessonInputOf(values);
    const view = pageView(c);
    if (intent === 'publish' && confirmed) {
      const out = await publishLesson(c.var.deps, consoleActor(c), course.id, input, view.locale);
      if (out.ok) return c.redirect(`${action}/${out.value.lesson}?done=published`, 303);
      if (out.status !== 400 && out.status !== 409) return refusalPage(c, out);
      // A 409 (the id is taken) is about the id field.
      const problems = problemsOf(out, view.t, view.locale, true).map((p) =>
        p.path === '' ? { ...p, path: 'id' } : p,
      );
      return show(c, { course, action, values, problems }, 400);
    }
    const order = Math.max(0, ...found.live.lessons.map((l) => l.order)) + 1;
    const checked = checkLessonInput(input, course, order);
    if (!checked.ok) {
      const problems = checked.problems.map((p) => ({
        path: p.path,
        message: translate(view.locale, `admin_lessons.problems.${p.key}`, {
          ...p.params,
          defaultValue: p.message,
        }),
      }));
      return show(c, { course, action, values, problems }, 400);
    }
    const previews = lessonPreviews(found.live, checked.lesson);
    const confirm =
      intent === 'publish'
        ? {
            text: lt(view, 'confirm_publish', {
              count: await courseAudience(c.var.deps, course.id),
            }),
            button: lt(view, 'publish'),
          }
        : undefined;
    return show(c, { course, action, values, previews, ...(confirm ? { confirm } : {}) });
  });

  app.get('/admin/courses/:id/lessons/:lessonId', page('lessonVersions'), async (c) => {
    const lessonId = c.req.param('lessonId');
    const found = await liveCourse(c.var.deps, c.req.param('id'));
    if (!found) return notFound(c);
    const history = await lessonVersions(c.var.deps, consoleActor(c), found.bundled.id, lessonId);
    if (!history.ok) return refusalPage(c, history);
    const lesson = found.live.lessons.find((l) => l.id === lessonId);
    const latest = [...history.value.versions].reverse().find((v) => v.lesson !== undefined);
    const values = lesson
      ? lessonValuesOf(lesson)
      : latest
        ? lessonValuesOf(latest.lesson as Lesson)
        : { id: lessonId };
    return show(c, {
      course: found.bundled,
      action: `/admin/courses/${found.bundled.id}/lessons/${lessonId}`,
      values,
      editing: { lessonId, published: history.value.published, versions: history.value.versions },
    });
  });

  app.post('/admin/courses/:id/lessons/:lessonId', page('editLesson'), async (c) => {
    const lessonId = c.req.param('lessonId');
    const found = await liveCourse(c.var.deps, c.req.param('id'));
    if (!found) return notFound(c);
    const course = found.bundled;
    const action = `/admin/courses/${course.id}/lessons/${lessonId}`;
    const { values, intent } = await formValues(c);
    const view = pageView(c);
    const input = { ...lessonInputOf(values), id: lessonId };
    const history = await lessonVersions(c.var.deps, consoleActor(c), course.id, lessonId);
    const editing = history.ok
      ? { lessonId, published: history.value.published, versions: history.value.versions }
      : { lessonId, published: false, versions: [] };
    if (intent === 'publish') {
      const out = await editLesson(
        c.var.deps,
        consoleActor(c),
        course.id,
        lessonId,
        input,
        view.locale,
      );
      if (out.ok) return c.redirect(`${action}?done=saved`, 303);
      if (out.status !== 400) return refusalPage(c, out);
      const problems = problemsOf(out, view.t, view.locale, true);
      return show(c, { course, action, values, editing, problems }, 400);
    }
    const existing = found.live.lessons.find((l) => l.id === lessonId);
    const checked = checkLessonInput(input, course, existing?.order ?? 1);
    if (!checked.ok) {
      const problems = checked.problems.map((p) => ({
        path: p.path,
        message: translate(view.locale, `admin_lessons.problems.${p.key}`, {
          ...p.params,
          defaultValue: p.message,
        }),
      }));
      return show(c, { course, action, values, editing, problems }, 400);
    }
    const previews = lessonPreviews(found.live, checked.lesson);
    return show(c, { course, action, values, editing, previews });
  });

  app.post('/admin/courses/:id/lessons/:lessonId/unpublish', page('unpublishLesson'), async (c) => {
    const courseId = c.req.param('id');
    const lessonId = c.req.param('lessonId');
    const found = await liveCourse(c.var.deps, courseId);
    if (!found) return notFound(c);
    const back = `/admin/courses/${courseId}/lessons/${lessonId}`;
    const { confirmed } = await formValues(c);
    if (!confirmed) {
      const view = pageView(c);
      const text = lt(view, 'confirm_unpublish', { id: lessonId });
      return render(
        c,
        view,
        UnpublishConfirmPage({ view, action: `${back}/unpublish`, back, text }),
      );
    }
    const out = await unpublishLesson(c.var.deps, consoleActor(c), courseId, lessonId);
    if (!out.ok) return refusalPage(c, out);
    return c.redirect(`/admin/courses/${courseId}/lessons?done=unpublished`, 303);
  });
}
