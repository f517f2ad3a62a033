import { turnCatalog } from '../catalog';
import type { Answer, StepContext, Transition } from '../../core/steps/types';
import { findOption, parseAnswer } from '../answers';
import type { Question, SurveyDefinition } from '../schema';
import { askCurrent } from './ask';
import { answerConsent } from './consent';
import { navOf, offeredOptions, previousShown, questionChoices, type Nav } from './present';
import { advance, refuse, save } from './progress';
import { offerOpen, openSurvey, pastClosing } from './start';
import { readRun, surveyOf, writeRun, type Run } from './state';
import { answerVoice } from './voice';
import { answerDone, answerWithdraw } from './withdraw';

/** The longest "Other, please specify" text kept. */
export const OTHER_MAX_LENGTH = 200;

/** Handle what the person sent while a survey run waits for them. */
export function answerSurvey(ctx: StepContext, input: Answer): Transition {
  const run = readRun(ctx.vars);
  if (!run) return offerOpen(ctx);
  if (run.mode === 'pick') return answerPick(ctx, input);
  const survey = surveyOf(ctx, run);
  if (!survey) {
    // The version is gone (content changed): its partial response stays in the records.
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.changed', { id: run.id }));
    return { to: 'next' };
  }
  const closed = turnCatalog(ctx)[run.id]?.status === 'closed' || pastClosing(ctx, survey);
  if (closed && run.mode !== 'done' && run.mode !== 'withdraw') {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.closed', { title: ctx.text(survey.title) }));
    return { to: 'next' };
  }
  switch (run.mode) {
    case 'consent':
      return answerConsent(ctx, survey, run, input);
    case 'q':
      return answerQuestion(ctx, survey, run, input);
    case 'other':
      return answerOther(ctx, survey, run, input);
    case 'done':
      return answerDone(ctx, survey, run, input);
    case 'withdraw':
      return answerWithdraw(ctx, survey, run, input);
  }
}

function answerPick(ctx: StepContext, input: Answer): Transition {
  const open = Object.values(turnCatalog(ctx)).filter((e) => e.status === 'open');
  const options = open.map((e) => {
    const title = e.versions[String(e.current)]?.title ?? e.id;
    return { code: e.id, labels: ctx.labels(title) };
  });
  const picked = findOption(options, input);
  if (picked) return openSurvey(ctx, picked.code);
  ctx.reply(ctx.text('surveys.errors.choice', { max: options.length }));
  return offerOpen(ctx);
}

function answerQuestion(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  input: Answer,
): Transition {
  const q = survey.questions[run.q]!;
  if (input.voice) return answerVoice(ctx, survey, run, q, input.voice);
  const options = offeredOptions(ctx, q);
  const option = options.length > 0 ? findOption(options, input) : undefined;
  const nav = option ? undefined : navOf(ctx, input, questionChoices(ctx, survey, run, q));
  if (nav) return move(ctx, survey, run, q, nav);
  if (q.type === 'multiple_choice') {
    if (option && input.choiceId !== undefined) {
      const sel = run.sel ?? [];
      const next = sel.includes(option.code)
        ? sel.filter((c) => c !== option.code)
        : [...sel, option.code];
      return askCurrent(ctx, survey, { ...run, sel: next });
    }
  }
  const words = { yes: ctx.labels('common.yes'), no: ctx.labels('common.no') };
  const parsed = parseAnswer(q, input, options, words);
  if (!parsed.ok) return refuse(ctx, survey, run, parsed.error);
  if (q.type === 'multiple_choice')
    return finishSelection(ctx, survey, run, q, parsed.value as string[]);
  return save(ctx, survey, run, q, parsed.value);
}

/** Back, skip, done, later, withdraw. */
function move(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
  nav: Nav,
): Transition {
  switch (nav) {
    case 'back': {
      const previous = previousShown(ctx, survey, run, run.q);
      if (previous === undefined) {
        ctx.reply(ctx.text('surveys.first_question'));
        return askCurrent(ctx, survey, run);
      }
      return askCurrent(ctx, survey, { ...run, q: previous, mode: 'q', sel: undefined });
    }
    case 'skip':
      if (q.required) return refuse(ctx, survey, run, { reason: 'required' });
      return save(ctx, survey, run, q, null);
    case 'done':
      return finishSelection(ctx, survey, run, q, run.sel ?? []);
    case 'later':
      writeRun(ctx, run);
      ctx.reply(ctx.text('surveys.later', { id: run.id }));
      return { to: 'pause' };
    case 'withdraw':
      return askCurrent(ctx, survey, { ...run, mode: 'withdraw', back: 'q' });
  }
}

function finishSelection(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
  codes: string[],
): Transition {
  if (q.type !== 'multiple_choice') return askCurrent(ctx, survey, run);
  if (codes.length === 0) {
    if (q.required) return refuse(ctx, survey, run, { reason: 'required' });
    return save(ctx, survey, run, q, null);
  }
  const kept = { ...run, sel: codes };
  if (q.minSelected !== undefined && codes.length < q.minSelected)
    return refuse(ctx, survey, kept, {
      reason: 'too_few',
      params: { min: q.minSelected },
      constraint: true,
    });
  if (q.maxSelected !== undefined && codes.length > q.maxSelected)
    return refuse(ctx, survey, kept, {
      reason: 'too_many',
      params: { max: q.maxSelected },
      constraint: true,
    });
  return save(ctx, survey, run, q, codes);
}

function answerOther(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  input: Answer,
): Transition {
  const q = survey.questions[run.q]!;
  const nav = navOf(ctx, input, [{ id: '_back', label: ctx.text('surveys.buttons.back') }]);
  if (nav === 'back') return askCurrent(ctx, survey, { ...run, mode: 'q' });
  if (nav === 'later') return move(ctx, survey, run, q, 'later');
  const text = (input.text ?? '').trim();
  if (text === '') return refuse(ctx, survey, run, { reason: 'text_empty' });
  const length = [...text].length;
  if (length > OTHER_MAX_LENGTH)
    return refuse(ctx, survey, run, {
      reason: 'text_long',
      params: { length, max: OTHER_MAX_LENGTH },
    });
  return advance(ctx, survey, { ...run, mode: 'q', other: { ...run.other, [q.id]: text } });
}
