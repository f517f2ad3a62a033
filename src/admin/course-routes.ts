import { Hono } from 'hono';
import { content } from '../content';
import type { Course } from '../courses/schema';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { courseStats, listCourses } from './services/figures';
import { answerQuestion, listQuestions } from './services/questions';

export * from './course-stats';
export * from './course-summaries';

/**
 * `/admin/api/courses` (trainer role): the courses with subscribers and completion rates;
 * `/admin/api/courses/:id/stats`: one course's figures per lesson; `/admin/api/questions`
 * (trainer role): the free questions we could not answer well, grouped by similarity.
 */
export function courseRoutes(courses: readonly Course[] = content.courses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/courses', requireOperation('listCourses'), async (c) => {
    const actor = await apiActor(c);
    const listed = await listCourses(c.var.deps, actor, courses);
    return listed.ok ? c.json({ courses: listed.value }) : refusalJson(c, listed, actor);
  });
  app.get('/courses/:id/stats', requireOperation('courseStats'), async (c) => {
    const actor = await apiActor(c);
    const stats = await courseStats(c.var.deps, actor, c.req.param('id'), courses);
    return stats.ok ? c.json(stats.value) : refusalJson(c, stats, actor);
  });
  app.get('/questions', requireOperation('listQuestions'), async (c) => {
    const actor = await apiActor(c);
    const listed = await listQuestions(c.var.deps, actor);
    return listed.ok ? c.json(listed.value) : refusalJson(c, listed, actor);
  });
  app.post('/questions/answers', requireOperation('answerQuestion'), async (c) => {
    const actor = await apiActor(c);
    const body: unknown = await c.req.json().catch(() => undefined);
    const answered = await answerQuestion(c.var.deps, actor, body);
    return answered.ok ? c.json(answered.value, 201) : refusalJson(c, answered, actor);
  });
  return app;
}
