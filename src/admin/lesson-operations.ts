import * as z from 'zod';
import { lessonInputSchema } from '../content/check-lesson';
import type { AdminOperation } from './operation';
import { lessonVersionsSchema } from './services/lesson-reads';
import { lessonWriteSchema } from './services/lessons';

const LESSONS = '/admin/api/courses/{id}/lessons';

/** The operations of lessons published without a deploy (see services/lessons.ts). */
export const LESSON_OPERATIONS: AdminOperation[] = [
  {
    method: 'post',
    path: LESSONS,
    operationId: 'publishLesson',
    tag: 'courses',
    summary:
      "Publish a new lesson into a course (zh and en, Markdown, sources, optional quiz), checked with the lesson files' rules: 400 with every problem in the caller's language, 404 for an unknown course, 409 for a taken id. Subscribers are told once; the same content sent again answers 200 and changes nothing. Audited.",
    body: lessonInputSchema,
    ok: { status: '201', description: 'the published version', schema: lessonWriteSchema },
  },
  {
    method: 'put',
    path: `${LESSONS}/{lessonId}`,
    operationId: 'editLesson',
    tag: 'courses',
    summary:
      'Revise a lesson (a new version in its history; the same content again is no new version). Nobody is told. Audited.',
    body: lessonInputSchema.partial({ id: true }),
    ok: { status: '200', description: 'the version now', schema: lessonWriteSchema },
  },
  {
    method: 'delete',
    path: `${LESSONS}/{lessonId}`,
    operationId: 'unpublishLesson',
    tag: 'courses',
    summary:
      'Unpublish a lesson: people no longer see it (a revised bundled lesson shows as bundled again); its history stays. Audited.',
    ok: {
      status: '200',
      description: 'whether anything changed',
      schema: z.object({ course: z.string(), lesson: z.string(), changed: z.boolean() }),
    },
  },
  {
    method: 'get',
    path: `${LESSONS}/{lessonId}/versions`,
    operationId: 'lessonVersions',
    tag: 'courses',
    summary: "A lesson's versions, oldest first (publish, edit, unpublish), and whether it is live",
    ok: { status: '200', description: 'the history', schema: lessonVersionsSchema },
  },
];
