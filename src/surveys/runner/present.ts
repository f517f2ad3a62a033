import type { Value } from '../../core/conditions';
import type { Choice } from '../../core/message';
import { normalizeInput } from '../../core/parse';
import type { StepContext } from '../../core/steps/types';
import type { Text } from '../../core/text';
import type { OfferedOption, SurveyInput } from '../answers';
import { isShown } from '../response';
import { OTHER_CODE, type Question, type SurveyDefinition } from '../schema';
import type { Run } from './state';

/** Moves a person can make besides answering. Their button ids cannot clash with option codes. */
export type Nav = 'back' | 'skip' | 'done' | 'later' | 'withdraw';

const NAV_IDS: Record<Nav, string> = {
  back: '_back',
  skip: '_skip',
  done: '_done',
  later: '_later',
  withdraw: '_withdraw',
};

/** The options of a choice question as offered (with "Other" last when it is on). */
export function offeredOptions(
  ctx: StepContext,
  q: Question,
): (OfferedOption & { label: string })[] {
  if (q.type !== 'single_choice' && q.type !== 'multiple_choice') return [];
  const offer = (code: string, label: Text) => ({
    code,
    label: ctx.text(label),
    labels: ctx.labels(label),
  });
  const options = q.options.map((o) => offer(o.code, o.label));
  return q.other ? [...options, offer(OTHER_CODE, 'surveys.other')] : options;
}

/** The question shown before `index`, given the answers; undefined at the first one. */
export function previousShown(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  index: number,
): number | undefined {
  for (let i = index - 1; i >= 0; i--) {
    if (isShown(survey.questions[i]!, run.answers, ctx.profile)) return i;
  }
  return undefined;
}

/** The next question to show after `index`, given the answers; undefined after the last. */
export function nextShown(
  ctx: StepContext,
  survey: SurveyDefinition,
  answers: Readonly<Record<string, Value>>,
  index: number,
): number | undefined {
  for (let i = index + 1; i < survey.questions.length; i++) {
    if (isShown(survey.questions[i]!, answers, ctx.profile)) return i;
  }
  return undefined;
}

/** Buttons for a question: its options, then Done / Back / Skip where they apply. */
export function questionChoices(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
): Choice[] {
  const picked = new Set(run.sel ?? []);
  const options: Choice[] = offeredOptions(ctx, q).map((o) => ({
    id: o.code,
    label: `${picked.has(o.code) ? '✓ ' : ''}${o.label}`,
  }));
  if (q.type === 'yes_no') {
    options.push({ id: 'yes', label: ctx.text('common.yes') });
    options.push({ id: 'no', label: ctx.text('common.no') });
  }
  if (q.type === 'likert')
    for (let i = 1; i <= q.points; i++) options.push({ id: String(i), label: String(i) });
  if (options.length === 0) return [];
  const nav: Nav[] = [];
  if (q.type === 'multiple_choice') nav.push('done');
  if (previousShown(ctx, survey, run, run.q) !== undefined) nav.push('back');
  if (!q.required) nav.push('skip');
  return [
    ...options,
    ...nav.map((n) => ({ id: NAV_IDS[n], label: ctx.text(`surveys.buttons.${n}`) })),
  ];
}

/**
 * Which move the input is, if it is not an answer: a nav button, its number among the
 * buttons, or one of the words for it in either language (`返回`, `skip`, `稍后`...).
 */
export function navOf(
  ctx: StepContext,
  input: SurveyInput,
  choices: readonly Choice[],
): Nav | undefined {
  const byId = (id: string | undefined) =>
    (Object.keys(NAV_IDS) as Nav[]).find((n) => NAV_IDS[n] === id);
  if (input.choiceId !== undefined) return byId(input.choiceId);
  const typed = normalizeInput(input.text ?? '').toLowerCase();
  if (/^\d+$/.test(typed)) return byId(choices[Number(typed) - 1]?.id);
  return (Object.keys(NAV_IDS) as Nav[]).find(
    (n) =>
      wordSet(ctx, `surveys.buttons.${n}`).has(typed) ||
      wordSet(ctx, `surveys.words.${n}`).has(typed),
  );
}

const normalised = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * The words of an i18n key in every language (`|` separates several), normalised as typed
 * text is, to match against. Cached per catalogue: the context hands out the same labels.
 */
export function wordSet(ctx: StepContext, key: string): ReadonlySet<string> {
  const labels = ctx.labels(key);
  let words = normalised.get(labels);
  if (!words) {
    words = new Set(
      labels.flatMap((l) => l.split('|')).map((w) => normalizeInput(w).toLowerCase()),
    );
    normalised.set(labels, words);
  }
  return words;
}

/** An answer as the person would say it: labels for codes, yes/no, a dash when skipped. */
export function formatAnswer(ctx: StepContext, q: Question, value: Value, other?: string): string {
  if (value === null) return ctx.text('surveys.skipped');
  const label = (code: string) => {
    const option = offeredOptions(ctx, q).find((o) => o.code === code);
    const text = option?.label ?? code;
    return code === OTHER_CODE && other ? `${text}: ${other}` : text;
  };
  if (Array.isArray(value)) return value.map(label).join(ctx.text('surveys.list_separator'));
  if (typeof value === 'boolean') return ctx.text(value ? 'common.yes' : 'common.no');
  if (q.type === 'single_choice') return label(String(value));
  return String(value);
}

/** The question's text: progress, the question, its hint and how to answer it. */
export function questionText(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
): string {
  const progress = ctx.text('surveys.progress', { n: run.q + 1, total: survey.questions.length });
  const lines = [`${progress} · ${ctx.text(q.text)}`];
  if (q.hint) lines.push(ctx.text(q.hint));
  if (q.type === 'likert')
    lines.push(
      ctx.text('surveys.scale', { points: q.points, low: ctx.text(q.low), high: ctx.text(q.high) }),
    );
  if (q.type === 'multiple_choice') lines.push(ctx.text('surveys.multiple_hint'));
  const typed =
    q.type === 'integer' || q.type === 'decimal' || q.type === 'text' || q.type === 'date';
  if (q.type === 'date') lines.push(ctx.text('surveys.date_hint'));
  if (typed) {
    const first = previousShown(ctx, survey, run, run.q) === undefined;
    const key = q.required ? (first ? undefined : 'back') : first ? 'skip' : 'skip_back';
    if (key) lines.push(ctx.text(`surveys.typed_hint.${key}`));
  }
  if (run.sel && run.sel.length > 0) {
    lines.push(ctx.text('surveys.selected', { list: formatAnswer(ctx, q, run.sel) }));
  } else if (q.id in run.answers) {
    const earlier = formatAnswer(ctx, q, run.answers[q.id]!, run.other[q.id]);
    lines.push(ctx.text('surveys.earlier_answer', { answer: earlier }));
  }
  return lines.join('\n');
}
