import type { QuestionsView } from '../../services/questions';
import { translate } from '../../../i18n';
import { Layout } from '../layout';
import { formatCount, type View } from '../view';

/**
 * `/admin/questions`: free questions we could not answer well, grouped by similarity, the
 * biggest group first: how often, why (did not know, low confidence, "not helpful"), how
 * people worded it and the passages shown with their votes. No person is named.
 */
export function QuestionsPage(props: { view: View; questions: QuestionsView }) {
  const { view, questions } = props;
  const q = (key: string, params?: Record<string, string | number>) =>
    translate(view.locale, `ask.console.${key}`, params);
  return (
    <Layout view={view} title={q('title')}>
      <h1>{q('title')}</h1>
      <p class="muted">{q('intro', { total: formatCount(view, questions.total) })}</p>
      {questions.groups.length === 0 ? (
        <section class="card">
          <p class="muted">{q('none')}</p>
        </section>
      ) : (
        questions.groups.map((g) => (
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
          </section>
        ))
      )}
    </Layout>
  );
}
