import * as z from 'zod';
import type { JobStatus } from '../broadcast/planner';
import { content } from '../content';
import { someLanguagesSchema } from '../courses/schema';
import { announcedLesson } from '../courses/shell/announce';
import { definitionAt, type RegistryDeps } from '../surveys/io/registry';

const count = z.number().int().min(0);

/** What a push is about, when it is about something: a survey, a new lesson or a course. */
export const jobSubjectSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('survey'),
    id: z.string(),
    mode: z.enum(['invite', 'reminder']),
    title: someLanguagesSchema.optional().describe('absent when the survey is gone'),
  }),
  z.object({
    kind: z.literal('lesson'),
    course: z.string(),
    lesson: z.string(),
    title: someLanguagesSchema.optional(),
    courseTitle: someLanguagesSchema.optional(),
  }),
  z.object({
    kind: z.literal('course'),
    id: z.string(),
    title: someLanguagesSchema.optional().describe('absent for a course the catalogue lacks'),
  }),
]);

/** See {@link jobSubjectSchema}. */
export type JobSubject = z.infer<typeof jobSubjectSchema>;

/**
 * Who created a push: a console or API user (their label), a trainer through Telegram
 * `/push` (their Telegram id), or the bot itself (the new-lesson announcements).
 */
export const jobCreatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('console'), label: z.string() }),
  z.object({ kind: z.literal('telegram'), userId: z.string() }),
  z.object({ kind: z.literal('system'), name: z.string() }),
]);

/** See {@link jobCreatorSchema}. */
export type JobCreator = z.infer<typeof jobCreatorSchema>;

/** One channel's outcomes so far. */
export const channelCountsSchema = z.object({
  sent: count,
  failed: count,
  blocked: count,
  outsideWindow: count,
  cancelled: count,
});

/** The fields a push list adds to a job: what it is, who made it, its message, per channel. */
export const jobViewFields = {
  subject: jobSubjectSchema.optional().describe('absent for a plain announcement'),
  creator: jobCreatorSchema.optional(),
  firstLine: z
    .object({ 'zh-CN': z.string().optional(), en: z.string().optional() })
    .optional()
    .describe("the message's first line, trimmed to 80 characters, per language"),
  channels: z
    .record(z.string(), channelCountsSchema)
    .optional()
    .describe('outcomes by channel (telegram, wechat, webchat); jobs before these counts: {}'),
};

/** Longest first line the list shows. */
const FIRST_LINE = 80;

/** The first non-empty line of a message, whitespace folded, cut at 80 characters. */
export function firstLine(text: string): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/\s+/g, ' ').trim();
  return line.length > FIRST_LINE ? `${line.slice(0, FIRST_LINE - 1)}…` : line;
}

/** Who created a job, from the label stored with it. */
export function jobCreator(createdBy: string): JobCreator {
  const telegram = /^telegram:(.+)$/.exec(createdBy);
  if (telegram) return { kind: 'telegram', userId: telegram[1]! };
  // The new-lesson announcements are created by the course schedule as "courses".
  if (createdBy === 'courses') return { kind: 'system', name: createdBy };
  return { kind: 'console', label: createdBy };
}

/** Survey titles already looked up during one list, by id. */
export type SurveyTitles = Map<string, Promise<JobSubject | undefined>>;

/** What a job is about, from its filter (surveys), its id (lesson notices) or its audience. */
export async function jobSubject(
  deps: RegistryDeps,
  job: JobStatus,
  titles: SurveyTitles = new Map(),
): Promise<JobSubject | undefined> {
  const survey = job.filter?.params.survey;
  if (job.kind === 'survey_invite' && typeof survey === 'string') {
    const mode = job.filter?.params.mode === 'reminder' ? 'reminder' : 'invite';
    const key = `${survey}\n${mode}`;
    if (!titles.has(key))
      titles.set(
        key,
        definitionAt(deps, survey).then((d) => ({
          kind: 'survey' as const,
          id: survey,
          mode,
          ...(d ? { title: d.title } : {}),
        })),
      );
    return titles.get(key);
  }
  // A new lesson's notice names its lesson in its id (courses/shell/announce.ts); a lesson
  // published from the console is not in the bundle, so it is named by its id.
  const announced = announcedLesson(job.id);
  if (announced) {
    const course = content.courses.find((c) => c.id === announced.course);
    const lesson = course?.lessons.find((l) => l.id === announced.lesson);
    return {
      kind: 'lesson',
      course: announced.course,
      lesson: announced.lesson,
      ...(lesson ? { title: lesson.title } : {}),
      ...(course ? { courseTitle: course.title } : {}),
    };
  }
  const courseId = (job.audience as { course?: unknown }).course;
  if (typeof courseId === 'string') {
    const course = content.courses.find((c) => c.id === courseId);
    return { kind: 'course', id: courseId, ...(course ? { title: course.title } : {}) };
  }
  return undefined;
}

/** A job as the push list and the API show it: the job, what it is, who, its message. */
export async function broadcastView(
  deps: RegistryDeps,
  job: JobStatus,
  titles?: SurveyTitles,
): Promise<
  Omit<JobStatus, 'filter'> & {
    subject?: JobSubject;
    creator: JobCreator;
    firstLine: { 'zh-CN'?: string; en?: string };
  }
> {
  const { filter: _filter, ...status } = job;
  const subject = await jobSubject(deps, job, titles);
  const lines = Object.fromEntries(
    Object.entries(job.messages).map(([locale, text]) => [locale, firstLine(text ?? '')]),
  );
  return {
    ...status,
    ...(subject ? { subject } : {}),
    creator: jobCreator(job.createdBy),
    firstLine: lines,
  };
}
