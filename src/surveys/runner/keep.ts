import type { StepContext } from '../../core/steps/types';
import { responseEvents } from '../record';
import { shownAnswers, surveyKey, type SurveyRecord, type SurveyStatus } from '../response';
import type { SurveyDefinition } from '../schema';
import type { Run } from './state';

/** The person's status in a survey version, from their profile. */
export function statusIn(ctx: StepContext, id: string, version: number): SurveyStatus | undefined {
  return ctx.profile.surveys?.[surveyKey(id, version)];
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
): void {
  const from = statusIn(ctx, id, version);
  for (const event of responseEvents(id, version, from, response)) ctx.emit(event);
  const to = response?.status;
  if (to === from) return;
  const { [surveyKey(id, version)]: _old, ...others } = ctx.profile.surveys ?? {};
  ctx.patchProfile({ surveys: to ? { ...others, [surveyKey(id, version)]: to } : others });
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
  keep(ctx, run.id, run.v, {
    status: completed ? 'completed' : 'started',
    locale: ctx.locale,
    channel: ctx.channel,
    ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
    updatedAt: now,
    ...(completed ? { completedAt: now } : {}),
    answers,
    other,
  });
}

/** Keep only that the person declined or withdrew, and when: no answers. */
export function keepRefusal(
  ctx: StepContext,
  id: string,
  version: number,
  status: 'declined' | 'withdrawn',
): void {
  keep(ctx, id, version, { status, at: ctx.now() });
}
