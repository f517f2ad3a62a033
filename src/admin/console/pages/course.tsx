import type { CourseStats, LessonStats } from '../../course-stats';
import type { SomeLanguages } from '../../../courses/schema';
import { clip, percent } from '../chart-data';
import { BarChart } from '../charts';
import { Layout } from '../layout';
import { inLocale } from '../surveys-api';
import { formatCount, type View } from '../view';
import { translate } from '../../../i18n';

const ROW = 54;

/**
 * Per lesson, two bars: people who opened it (light) and who finished it (dark), both
 * against the largest "opened" of the course, with their counts. No step-to-step
 * percentages: each lesson's counts stand on their own.
 */
export function LessonProgressChart(props: {
  view: View;
  lessons: readonly LessonStats[];
  label: string;
}) {
  const { view, lessons } = props;
  const { t } = view;
  const max = Math.max(0, ...lessons.flatMap((l) => [l.opened, l.finished]));
  const width = (n: number) => `${max > 0 ? (100 * n) / max : 0}%`;
  const line = (l: LessonStats) =>
    `${t('courses.stats.opened')} ${l.opened}, ${t('courses.stats.finished')} ${l.finished}`;
  const summary = lessons.map((l, i) => `${i + 1}. ${line(l)}`).join('; ');
  return (
    <svg height={lessons.length * ROW} role="img" aria-label={`${props.label}. ${summary}`}>
      {lessons.map((lesson, i) => {
        const y = i * ROW;
        const title = inLocale(lesson.title, view.locale) || lesson.id;
        return (
          <g>
            <title>{`${i + 1}. ${title}: ${line(lesson)}`}</title>
            <text x="0" y={y + 14}>
              {`${i + 1}. ${clip(title, 34)}`}
            </text>
            <text class="v" x="100%" y={y + 14} text-anchor="end">
              {`${t('courses.stats.opened')} ${formatCount(view, lesson.opened)} · ${t('courses.stats.finished')} ${formatCount(view, lesson.finished)}`}
            </text>
            <rect class="c-track" x="0" y={y + 20} width="100%" height="10" rx="3" />
            <rect
              class="c-opened"
              x="0"
              y={y + 20}
              width={width(lesson.opened)}
              height="10"
              rx="3"
            />
            <rect class="c-track" x="0" y={y + 33} width="100%" height="10" rx="3" />
            <rect
              class="c-bar"
              x="0"
              y={y + 33}
              width={width(lesson.finished)}
              height="10"
              rx="3"
            />
          </g>
        );
      })}
    </svg>
  );
}

function QuizCell({ view, quiz }: { view: View; quiz: LessonStats['quiz'] }) {
  const { t } = view;
  if (!quiz) return <td class="muted">{t('courses.stats.no_quiz')}</td>;
  if (quiz.answered === 0) return <td class="muted">{t('courses.stats.no_answers')}</td>;
  return (
    <td>
      {t('courses.stats.share_right', {
        pct: percent(quiz.right, quiz.answered),
        right: formatCount(view, quiz.right),
        answered: formatCount(view, quiz.answered),
      })}
    </td>
  );
}

/** `/admin/courses/:id`: one course's subscribers and, per lesson, opened, finished, quiz. */
export function CoursePage(props: { view: View; title: SomeLanguages; stats: CourseStats }) {
  const { view, stats } = props;
  const { t } = view;
  const title = inLocale(props.title, view.locale) || stats.id;
  const quizzes = stats.lessons
    .map((lesson, i) => ({ lesson, n: i + 1 }))
    .filter(({ lesson }) => lesson.quiz !== undefined);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/admin/courses">← {t('courses.stats.back')}</a>
      </p>
      <h1>{title}</h1>
      {/* Lessons published without a deploy (routes-lessons.tsx). */}
      <p>
        <a class="button" href={`/admin/courses/${stats.id}/lessons`} data-k="write-lesson">
          {translate(view.locale, 'admin_lessons.console.write')}
        </a>
      </p>
      <section class="card">
        <ul class="counts">
          <li>
            {t('courses.subscribers')}{' '}
            <b data-k="subscribers">{formatCount(view, stats.subscribers)}</b>
          </li>
        </ul>
        <p class="muted">{t('courses.stats.note')}</p>
      </section>
      <section class="card scroll">
        <h2>{t('courses.stats.lessons')}</h2>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('courses.stats.lesson')}</th>
              <th>{t('courses.stats.opened')}</th>
              <th>{t('courses.stats.finished')}</th>
              <th>{t('courses.stats.quiz')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.lessons.map((lesson, i) => (
              <tr data-lesson={lesson.id}>
                <td>{String(i + 1)}</td>
                <td class="wide">{inLocale(lesson.title, view.locale) || lesson.id}</td>
                <td data-k="opened">{formatCount(view, lesson.opened)}</td>
                <td data-k="finished">{formatCount(view, lesson.finished)}</td>
                <QuizCell view={view} quiz={lesson.quiz} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t('courses.stats.chart_progress')}</h2>
        <ul class="counts">
          <li>
            <i class="c-opened" />
            {t('courses.stats.opened')}
          </li>
          <li>
            <i class="c-sent" />
            {t('courses.stats.finished')}
          </li>
        </ul>
        <LessonProgressChart
          view={view}
          lessons={stats.lessons}
          label={t('courses.stats.chart_progress')}
        />
      </section>
      {quizzes.length > 0 && (
        <section class="card">
          <h2>{t('courses.stats.chart_quiz')}</h2>
          <BarChart
            view={view}
            label={t('courses.stats.chart_quiz')}
            max={100}
            rows={quizzes.map(({ lesson, n }) => {
              const quiz = lesson.quiz!;
              const pct = percent(quiz.right, quiz.answered);
              return {
                label: `${n}. ${inLocale(lesson.title, view.locale) || lesson.id}`,
                value: quiz.answered > 0 ? pct : 0,
                note:
                  quiz.answered > 0
                    ? t('courses.stats.share_right', {
                        pct,
                        right: formatCount(view, quiz.right),
                        answered: formatCount(view, quiz.answered),
                      })
                    : t('courses.stats.no_answers'),
              };
            })}
          />
        </section>
      )}
    </Layout>
  );
}
