import type { QuestionsView } from '../../services/questions';
import { translate } from '../../../i18n';
import { Layout } from '../layout';
import { formatCount, type View } from '../view';

/** The answer form's fields (one form per group). */
export const ANSWER_FIELDS = [
  'question_zh',
  'question_en',
  'answer_zh',
  'answer_en',
  'source',
] as const;

/** What a trainer typed into one group's answer form, and the fields with a problem. */
export interface AnswerForm {
  group: number;
  values: Partial<Record<(typeof ANSWER_FIELDS)[number] | 'experience', string>>;
  problems: readonly string[];
}

/**
 * `/admin/questions`: free questions we could not answer well, grouped by similarity, the
 * biggest group first: how often, why (did not know, low confidence, "not helpful"), how
 * people worded it and the passages shown with their votes. No person is named.
 */
export function QuestionsPage(props: {
  view: View;
  questions: QuestionsView;
  form?: AnswerForm;
  done?: boolean;
}) {
  const { view, questions, form } = props;
  const q = (key: string, params?: Record<string, string | number>) =>
    translate(view.locale, `ask.console.${key}`, params);
  return (
    <Layout view={view} title={q('title')}>
      <h1>{q('title')}</h1>
      <p class="muted">{q('intro', { total: formatCount(view, questions.total) })}</p>
      {props.done && (
        <p class="ok" role="status">
          {q('answer.done')}
        </p>
      )}
      {questions.groups.length === 0 ? (
        <section class="card">
          <p class="muted">{q('none')}</p>
        </section>
      ) : (
        questions.groups.map((g, i) => (
          <section class="card">
            <h2>{g.question}</h2>
            <p class="muted">
              {q('count', { count: formatCount(view, g.count) })} · {g.locale} ·{' '}
              {Object.entries(g.reasons)
                .map(([reason, n]) => `${q(`reasons.${reason}`)} ${formatCount(view, n)}`)
                .join(' · ')}
            </p>
            {g.examples.length > 1 && (
              <ul>
                {g.examples.map((e) => (
                  <li>{e}</li>
                ))}
              </ul>
            )}
            {g.shown.length > 0 && (
              <p class="muted">
                {q('shown')}{' '}
                {g.shown
                  .map((id) => {
                    const v = g.votes[id];
                    return `${id} (👍 ${v?.helpful ?? 0} · 👎 ${v?.notHelpful ?? 0})`;
                  })
                  .join(', ')}
              </p>
            )}
            <AnswerFormView
              view={view}
              group={i}
              question={g.question}
              locale={g.locale}
              {...(form?.group === i ? { form } : {})}
            />
          </section>
        ))
      )}
    </Layout>
  );
}

function AnswerFormView(props: {
  view: View;
  group: number;
  question: string;
  locale: string;
  form?: AnswerForm;
}) {
  const { view, form } = props;
  const q = (key: string) => translate(view.locale, `ask.console.answer.${key}`);
  const values = form?.values ?? {
    [props.locale === 'en' ? 'question_en' : 'question_zh']: props.question,
  };
  const problems = new Set(form?.problems ?? []);
  const field = (name: (typeof ANSWER_FIELDS)[number], long: boolean) => (
    <div>
      <label for={`${name}_${props.group}`}>{q(name)}</label>
      {long ? (
        <textarea id={`${name}_${props.group}`} name={name} rows={3}>
          {values[name] ?? ''}
        </textarea>
      ) : (
        <input id={`${name}_${props.group}`} name={name} value={values[name] ?? ''} />
      )}
      {problems.has(name) && <p class="field-error">{q(`errors.${name}`)}</p>}
    </div>
  );
  return (
    <form method="post" action="/admin/questions/answers">
      <fieldset>
        <legend>{q('legend')}</legend>
        <input type="hidden" name="_csrf" value={view.csrf} />
        <input type="hidden" name="group" value={String(props.group)} />
        {field('question_zh', false)}
        {field('question_en', false)}
        {field('answer_zh', true)}
        {field('answer_en', true)}
        {field('source', false)}
        <p>
          <label class="inline">
            <input
              type="checkbox"
              name="experience"
              value="yes"
              checked={values.experience === 'yes'}
            />{' '}
            {q('experience')}
          </label>
        </p>
        <button type="submit">{q('submit')}</button>
      </fieldset>
    </form>
  );
}
