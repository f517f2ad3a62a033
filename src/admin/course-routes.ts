import { Hono } from 'hono';
import { content } from '../content';
import type { Course } from '../courses/schema';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { listCourses } from './services/figures';

export * from './course-summaries';

/** `/admin/api/courses` (trainer role): the courses with subscribers and completion rates. */
export function courseRoutes(courses: readonly Course[] = content.courses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/courses', requireOperation('listCourses'), async (c) => {
    const actor = await apiActor(c);
    const listed = await listCourses(c.var.deps, actor, courses);
    return listed.ok ? c.json({ courses: listed.value }) : refusalJson(c, listed, actor);
  });
  return app;
}
