import * as z from 'zod';
import { audienceSchema } from '../broadcast/audience';
import { jobInputSchema } from '../broadcast/job';
import { audiencePreviewInputSchema, audiencePreviewSchema } from './api-schemas';
import { auditEntrySchema, AUTH_VIAS } from './audit';
import { auditQuerySchema } from './audit-query';
import { courseStatsSchema } from './course-stats';
import { jobViewFields } from './broadcast-view';
import { jobEditSchema } from '../broadcast/edit';
import { jobDuplicateSchema } from './services/broadcast-edit';
import { trainerAnswerSchema } from '../ask/trainer-answers';
import { questionsViewSchema } from './services/questions';
import { coursesResponseSchema } from './course-summaries';
import { overviewSchema } from './overview';
import type { AdminOperation } from './operation';
import { EXPERIMENT_OPERATIONS } from './experiment-operations';
import { SURVEY_OPERATIONS } from './survey-operations';
import { LESSON_OPERATIONS } from './lesson-operations';
import { RESPONSE_OPERATIONS } from './response-operations';
import { WAVE_OPERATIONS } from './wave-operations';

export type { AdminOperation };

const count = z.number().int().min(0);

/** A broadcast job as `GET /admin/api/broadcasts/{id}` answers it. */
export const jobStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(['announcement', 'course_update', 'survey_invite']),
  status: z.enum(['scheduled', 'running', 'done', 'cancelled']),
  audience: audienceSchema,
  messages: z.object({ 'zh-CN': z.string().optional(), en: z.string().optional() }),
  counts: z.object({
    audience: count,
    sent: count,
    failed: count,
    blocked: count,
    outsideWindow: count,
    cancelled: count,
    pending: count,
  }),
  createdAt: z.string(),
  createdBy: z.string().describe('label of the token that created it'),
  sendAt: z.string().optional(),
  // trainer: what the push is, who created it, its first line, per-channel counts
  ...jobViewFields,
});

/** Who the caller is. */
export const whoamiSchema = z.object({
  label: z.string(),
  role: z.enum(['admin', 'researcher', 'trainer']),
  via: z.enum(AUTH_VIAS),
});

/** Every `/admin/api` operation; the role-matrix test checks the app has no other route. */
export const ADMIN_OPERATIONS: AdminOperation[] = [
  {
    method: 'get',
    path: '/admin/api/openapi.json',
    operationId: 'adminOpenApi',
    tag: 'console',
    summary: 'This document',
    ok: {
      status: '200',
      description: 'OpenAPI 3.1',
      schema: z.object({ openapi: z.string() }).loose(),
    },
  },
  {
    method: 'get',
    path: '/admin/api/whoami',
    operationId: 'whoami',
    tag: 'console',
    summary: 'The caller: token label, role, and how they authenticated',
    ok: { status: '200', description: 'the caller', schema: whoamiSchema },
  },
  {
    method: 'get',
    path: '/admin/api/overview',
    operationId: 'overview',
    tag: 'console',
    summary: 'Users by channel and language, active people, checks run, jobs (cached a minute)',
    ok: { status: '200', description: 'the figures', schema: overviewSchema },
  },
  {
    method: 'get',
    path: '/admin/api/audit',
    operationId: 'auditTrail',
    tag: 'console',
    summary:
      'Who did what, newest first, with a sentence in `lang`: filter by `who`, `action` (or its family) and China days `from`/`to`; `cursor` is the last `next`; `format=csv` streams every match',
    query: auditQuerySchema,
    ok: {
      status: '200',
      description: 'a page of audit entries (or the CSV file)',
      schema: z.object({
        entries: z.array(auditEntrySchema.extend({ sentence: z.string() })),
        next: z
          .string()
          .nullable()
          .describe('the cursor of the next (older) page; null at the start'),
        partial: z.boolean(),
      }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/audience/preview',
    operationId: 'previewAudience',
    tag: 'console',
    summary: 'How many people an audience reaches now (before a push or a survey send)',
    body: audiencePreviewInputSchema,
    ok: { status: '200', description: 'the size', schema: audiencePreviewSchema },
  },
  {
    method: 'get',
    path: '/admin/api/courses',
    operationId: 'listCourses',
    tag: 'courses',
    summary: 'Courses with their lessons, subscribers, and how many started and finished',
    ok: { status: '200', description: 'the catalogue', schema: coursesResponseSchema },
  },
  {
    method: 'get',
    path: '/admin/api/courses/{id}/stats',
    operationId: 'courseStats',
    tag: 'courses',
    summary:
      'A course: subscribers, and per lesson people who opened it, finished it and got its quiz right at the first answer; 404 for an unknown course',
    ok: { status: '200', description: 'the figures', schema: courseStatsSchema },
  },
  {
    method: 'get',
    path: '/admin/api/questions',
    operationId: 'listQuestions',
    tag: 'courses',
    summary:
      'Free questions we could not answer well (did not know, low confidence, "not helpful"), grouped by similarity: counts, examples, the passages shown and their votes. No person is named.',
    ok: { status: '200', description: 'the groups', schema: questionsViewSchema },
  },
  {
    method: 'post',
    path: '/admin/api/questions/answers',
    operationId: 'answerQuestion',
    tag: 'courses',
    summary:
      "Answer a sellers' question (zh and en; a dated source or `experience: true`); every problem at once; audited. It joins the answers at once in this isolate.",
    body: trainerAnswerSchema,
    ok: { status: '201', description: 'the answer id', schema: z.object({ id: z.string() }) },
  },
  {
    method: 'post',
    path: '/admin/api/broadcasts',
    operationId: 'createBroadcast',
    tag: 'broadcasts',
    summary: 'Push a message to an audience, now or at `sendAt`',
    body: jobInputSchema,
    ok: { status: '201', description: 'the job id', schema: z.object({ id: z.string() }) },
  },
  {
    method: 'get',
    path: '/admin/api/broadcasts',
    operationId: 'listBroadcasts',
    tag: 'broadcasts',
    summary: 'The 50 most recent jobs with their counters, newest first',
    ok: {
      status: '200',
      description: 'jobs',
      schema: z.object({ jobs: z.array(jobStatusSchema) }),
    },
  },
  {
    method: 'get',
    path: '/admin/api/broadcasts/{id}',
    operationId: 'getBroadcast',
    tag: 'broadcasts',
    summary: 'A job: status and counters (audience, sent, failed, blocked, outsideWindow, pending)',
    ok: { status: '200', description: 'the job', schema: jobStatusSchema },
  },
  {
    method: 'post',
    path: '/admin/api/broadcasts/{id}/cancel',
    operationId: 'cancelBroadcast',
    tag: 'broadcasts',
    summary: 'Stop a scheduled or running job; who was not reached yet counts as cancelled',
    ok: { status: '200', description: 'the job after cancelling', schema: jobStatusSchema },
  },
  // trainer: edit and copy of a push
  {
    method: 'post',
    path: '/admin/api/broadcasts/{id}/edit',
    operationId: 'editBroadcast',
    tag: 'broadcasts',
    summary:
      'Change the message, audience or time of a push that has not started; 409 once it started sending, was cancelled, or while the sender is starting it',
    body: jobEditSchema,
    ok: {
      status: '200',
      description: 'the job after the edit, and how many people it reaches now',
      schema: z.object({ job: jobStatusSchema, recipients: count, changed: z.array(z.string()) }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/broadcasts/{id}/duplicate',
    operationId: 'duplicateBroadcast',
    tag: 'broadcasts',
    summary:
      'A new push with the message and audience of this one, changed by the body; sent now unless `sendAt` is given (survey invitations: 409)',
    body: jobDuplicateSchema,
    ok: {
      status: '201',
      description: 'the new job id and how many people it reaches',
      schema: z.object({ id: z.string(), recipients: count }),
    },
  },
  ...SURVEY_OPERATIONS,
  ...LESSON_OPERATIONS,
  ...RESPONSE_OPERATIONS,
  ...WAVE_OPERATIONS,
  ...EXPERIMENT_OPERATIONS,
];
