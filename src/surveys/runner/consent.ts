import { turnCatalog } from '../catalog';
import type { Answer, StepContext, Transition } from '../../core/steps/types';
import { findOption, readYesNo } from '../answers';
import type { SurveyDefinition } from '../schema';
import { askCurrent, CONSENT, otherLocale } from './ask';
import { keepAnswers, keepRefusal, statusIn } from './keep';
import { nextShown } from './present';
import { complete, refuse } from './progress';
import { writeRun, type Run } from './state';

/** Consent: agree (the first question), decline (keep only that), or the other language. */
export function answerConsent(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  input: Answer,
): Transition {
  const words = { yes: ctx.labels('common.yes'), no: ctx.labels('common.no') };
  const options = [CONSENT.agree, CONSENT.decline, CONSENT.language].map((code) => ({
    code,
    labels: ctx.labels(
      code === CONSENT.language ? 'surveys.buttons.switch_language' : `surveys.buttons.${code}`,
    ),
  }));
  const yesNo = input.choiceId === undefined ? readYesNo(input, words) : undefined;
  const choice =
    findOption(options, input)?.code ??
    (yesNo === undefined ? undefined : yesNo ? CONSENT.agree : CONSENT.decline);
  if (choice === CONSENT.language) {
    ctx.setProfile('locale', otherLocale(ctx));
    return askCurrent(ctx, survey, run);
  }
  const status = statusIn(ctx, survey.id, survey.version, run.w);
  if (choice === CONSENT.decline) {
    keepRefusal(ctx, survey.id, survey.version, 'declined', run.w);
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.declined', { id: survey.id }));
    return { to: 'next' };
  }
  if (choice !== CONSENT.agree) return refuse(ctx, survey, run, { reason: 'consent' });
  if (turnCatalog(ctx)[survey.id]?.status === 'full' && status !== 'started') {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.full', { title: ctx.text(survey.title) }));
    return { to: 'next' };
  }
  const started: Run = { ...run, startedAt: ctx.now() };
  const first = nextShown(ctx, survey, started.answers, -1);
  if (first === undefined) return complete(ctx, survey, started);
  const asking: Run = { ...started, mode: 'q', q: first };
  // A restart after a lost run leaves the earlier partial response until a new answer comes.
  if (status !== 'started') keepAnswers(ctx, survey, asking);
  return askCurrent(ctx, survey, asking);
}
