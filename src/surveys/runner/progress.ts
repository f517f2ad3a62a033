import type { Value } from '../../core/conditions';
import type { StepContext, Transition } from '../../core/steps/types';
import type { AnswerError } from '../answers';
import { mediaAnswerKey } from '../media-keys';
import { OTHER_CODE, type Question, type SurveyDefinition } from '../schema';
import { askCurrent } from './ask';
import { keepAnswers } from './keep';
import { nextShown } from './present';
import { writeRun, type Run } from './state';

/** Say what was wrong (the question's own message when it has one), then ask again. */
export function refuse(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  error: AnswerError,
): Transition {
  // Only a question's own answers use its messages (consent and withdrawal have none).
  const q = run.mode === 'q' || run.mode === 'other' ? survey.questions[run.q] : undefined;
  const custom =
    error.reason === 'required'
      ? q?.requiredMessage
      : error.constraint
        ? q?.constraintMessage
        : undefined;
  ctx.emit({
    type: 'input_rejected',
    flow: ctx.flowId,
    // The question's id (a survey runs in one node), or the stage: consent, done, withdraw.
    node: q?.id ?? run.mode,
    reason: error.reason,
  });
  ctx.reply(custom ? ctx.text(custom) : ctx.text(`surveys.errors.${error.reason}`, error.params));
  return askCurrent(ctx, survey, run);
}

/** Keep an answer (with `extra` entries beside it) and go on: to "please specify" after "Other", else to the next question. */
export function save(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
  value: Value,
  extra: Readonly<Record<string, Value>> = {},
): Transition {
  const { [q.id]: _old, ...other } = run.other;
  // A new answer replaces an earlier voice answer's media key (`extra` brings a new one).
  const { [mediaAnswerKey(q.id)]: _media, ...answers } = run.answers;
  const answered: Run = {
    ...run,
    sel: undefined,
    answers: { ...answers, [q.id]: value, ...extra },
    other,
  };
  const needsOther = value === OTHER_CODE || (Array.isArray(value) && value.includes(OTHER_CODE));
  if (needsOther) {
    const specifying: Run = { ...answered, mode: 'other' };
    keepAnswers(ctx, survey, specifying);
    return askCurrent(ctx, survey, specifying);
  }
  return advance(ctx, survey, answered);
}

/** Go to the next question shown, or finish when there is none. */
export function advance(ctx: StepContext, survey: SurveyDefinition, run: Run): Transition {
  const next = nextShown(ctx, survey, run.answers, run.q);
  if (next === undefined) return complete(ctx, survey, run);
  const asking: Run = { ...run, mode: 'q', q: next, sel: undefined };
  keepAnswers(ctx, survey, asking);
  return askCurrent(ctx, survey, asking);
}

/** Keep the completed response, thank the person and leave the survey. */
export function complete(ctx: StepContext, survey: SurveyDefinition, run: Run): Transition {
  keepAnswers(ctx, survey, run, true);
  writeRun(ctx, undefined);
  ctx.reply(
    `${ctx.text(survey.thanks)}\n\n${ctx.text('surveys.withdraw_hint', { id: survey.id })}`,
  );
  return { to: 'next' };
}
