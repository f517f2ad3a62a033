import type { Answer, StepContext, Transition } from '../../core/steps/types';
import { findOption, readYesNo } from '../answers';
import type { SurveyDefinition } from '../schema';
import { askCurrent, DONE } from './ask';
import { keepRefusal } from './keep';
import { wordSet } from './present';
import { refuse } from './progress';
import { writeRun, type Run } from './state';

/** Already completed: withdraw, or carry on. */
export function answerDone(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  input: Answer,
): Transition {
  const options = [
    {
      code: DONE.withdraw,
      labels: [
        ...wordSet(ctx, 'surveys.buttons.withdraw'),
        ...wordSet(ctx, 'surveys.words.withdraw'),
      ],
    },
    { code: DONE.ok, labels: ctx.labels('surveys.buttons.ok') },
  ];
  const picked = findOption(options, input)?.code;
  if (picked === DONE.withdraw)
    return askCurrent(ctx, survey, { ...run, mode: 'withdraw', back: 'done' });
  if (picked === DONE.ok) {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.thanks_again'));
    return { to: 'next' };
  }
  return refuse(ctx, survey, run, { reason: 'choice', params: { max: options.length } });
}

/** Confirm a withdrawal: yes keeps only the withdrawal, no goes back where it came from. */
export function answerWithdraw(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  input: Answer,
): Transition {
  const yes = readYesNo(input, { yes: ctx.labels('common.yes'), no: ctx.labels('common.no') });
  if (yes === undefined) return refuse(ctx, survey, run, { reason: 'yes_no' });
  if (yes) {
    keepRefusal(ctx, run.id, run.v, 'withdrawn', run.w);
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.withdrawn'));
    return { to: 'next' };
  }
  ctx.reply(ctx.text('surveys.withdraw_kept'));
  if (run.back === 'q') return askCurrent(ctx, survey, { ...run, mode: 'q' });
  writeRun(ctx, undefined);
  return { to: 'next' };
}
