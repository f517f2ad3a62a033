import { LOCALES, type Choice } from '../../core/message';
import type { StepContext, Transition } from '../../core/steps/types';
import type { SurveyDefinition } from '../schema';
import { questionChoices, questionText } from './present';
import { writeRun, type Run } from './state';

/** Button ids of the consent question. */
export const CONSENT = { agree: 'agree', decline: 'decline', language: 'language' } as const;
/** Button ids of the "already answered" question. */
export const DONE = { withdraw: '_withdraw', ok: 'ok' } as const;

/** The other language, offered on the consent question to someone we do not know yet. */
export function otherLocale(ctx: StepContext) {
  return LOCALES.find((l) => l !== ctx.locale) ?? ctx.locale;
}

/**
 * Ask what the run is waiting for (consent, a question, "please specify", a withdrawal
 * confirmation) and keep the run. The last reply carries the buttons, so it is the open
 * question the engine tracks.
 */
export function askCurrent(ctx: StepContext, survey: SurveyDefinition, run: Run): Transition {
  writeRun(ctx, run);
  const title = ctx.text(survey.title);
  switch (run.mode) {
    case 'consent': {
      ctx.reply(`**${title}**\n\n${ctx.text(survey.intro)}`);
      const choices: Choice[] = [
        { id: CONSENT.agree, label: ctx.text('surveys.buttons.agree') },
        { id: CONSENT.decline, label: ctx.text('surveys.buttons.decline') },
      ];
      if (!ctx.profile.locale)
        choices.push({ id: CONSENT.language, label: ctx.text('surveys.buttons.switch_language') });
      ctx.reply(
        `${ctx.text(survey.consent)}\n\n${ctx.text('surveys.controls')}\n\n${ctx.text('surveys.consent_ask')}`,
        choices,
      );
      return { to: 'wait' };
    }
    case 'q': {
      const q = survey.questions[run.q]!;
      ctx.reply(questionText(ctx, survey, run, q), questionChoices(ctx, survey, run, q));
      return { to: 'wait' };
    }
    case 'other': {
      const q = survey.questions[run.q]!;
      ctx.reply(ctx.text('surveys.other_ask', { question: ctx.text(q.text) }), [
        { id: '_back', label: ctx.text('surveys.buttons.back') },
      ]);
      return { to: 'wait' };
    }
    case 'done':
      ctx.reply(ctx.text('surveys.already', { title }), [
        { id: DONE.withdraw, label: ctx.text('surveys.buttons.withdraw') },
        { id: DONE.ok, label: ctx.text('surveys.buttons.ok') },
      ]);
      return { to: 'wait' };
    case 'withdraw':
      ctx.reply(ctx.text('surveys.withdraw_confirm', { title }), [
        { id: 'yes', label: ctx.text('common.yes') },
        { id: 'no', label: ctx.text('common.no') },
      ]);
      return { to: 'wait' };
  }
}
