import { Layout } from '../layout';
import { formatTime, type View } from '../view';

/** One typed answer as the answers page lists it. */
export interface TypedAnswer {
  text: string;
  at: number | null;
}

/** `/admin/surveys/{id}/answers/{question}`: typed answers, a page at a time. */
export function AnswersPage(props: {
  view: View;
  surveyId: string;
  surveyTitle: string;
  question: string;
  answers: readonly TypedAnswer[];
  /** The cursor of the next page; absent on the last page. */
  next?: string;
}) {
  const { view, surveyId } = props;
  const { t } = view;
  const base = `/admin/surveys/${encodeURIComponent(surveyId)}`;
  return (
    <Layout view={view} title={props.question}>
      <p>
        <a href={base}>← {props.surveyTitle}</a>
      </p>
      <h1>{props.question}</h1>
      <section class="card">
        {props.answers.length === 0 ? (
          <p class="muted">{t('surveys.no_answers')}</p>
        ) : (
          <ul class="answers">
            {props.answers.map((a) => (
              <li>
                {a.text}
                {a.at !== null && <span class="muted"> · {formatTime(view, a.at)}</span>}
              </li>
            ))}
          </ul>
        )}
        {props.next && (
          <p>
            <a href={`?cursor=${encodeURIComponent(props.next)}`}>{t('surveys.more_answers')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
