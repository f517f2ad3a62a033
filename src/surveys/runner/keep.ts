import type { StepContext } from '../../core/steps/types';
import { responseEvents } from '../record';
import {
  parseSurveyKey,
  shownAnswers,
  surveyKey,
  type SurveyRecord,
  type SurveyStatus,
} from '../response';
import type { SurveyDefinition } from '../schema';
import type { Run } from './state';

/** The person's status in a survey version (and panel wave), from their profile. */
export function statusIn(
  ctx: StepContext,
  id: string,
  version: number,
  wave = 1,
): SurveyStatus | undefined {
  return ctx.profile.surveys?.[surveyKey(id, version, wave)];
}

/** Whether the person withdrew from a panel wave before `wave` of the survey (any version). */
export function withdrewEarlier(ctx: StepContext, id: string, wave: number): boolean {
  return Object.entries(ctx.profile.surveys ?? {}).some(([key, status]) => {
    const met = status === 'withdrawn' ? parseSurveyKey(key) : undefined;
    return met !== undefined && met.id === id && met.wave < wave;
  });
}

/**
 * Write the person's record for a survey version (null deletes it), move the counters and
 * note the status in their profile: all of it lands in the turn's one commit.
 */
export function keep(
  ctx: StepContext,
  id: string,
  version: number,
  response: SurveyRecord | null,
  wave = 1,
): void {
  const from = statusIn(ctx, id, version, wave);
  for (const event of responseEvents(id, version, from, response, wave)) ctx.emit(event);
  const to = response?.status;
  if (to === from) return;
  const key = surveyKey(id, version, wave);
  const { [key]: _old, ...others } = ctx.profile.surveys ?? {};
  ctx.patchProfile({ surveys: to ? { ...others, [key]: to } : others });
}

/** Keep the answers so far (a partial response) or, with `completed`, the finished one. */
export function keepAnswers(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  completed = false,
): void {
  const answers = shownAnswers(survey, run.answers, ctx.profile);
  const other = Object.fromEntries(Object.entries(run.other).filter(([id]) => id in answers));
  const now = ctx.now();
  keep(
    ctx,
    run.id,
    run.v,
    {
      status: completed ? 'completed' : 'started',
      locale: ctx.locale,
      channel: ctx.channel,
      ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
      updatedAt: now,
      ...(completed ? { completedAt: now } : {}),
      answers,
      other,
    },
    run.w,
  );
}

/** Keep only that the person declined or withdrew, and when: no answers. */
export function keepRefusal(
  ctx: StepContext,
  id: string,
  version: number,
  status: 'declined' | 'withdrawn',
  wave = 1,
): void {
  keep(ctx, id, version, { status, at: ctx.now() }, wave);
}
