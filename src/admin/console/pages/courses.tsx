import type { CourseSummary } from '../../course-routes';
import { BarChart } from '../charts';
import { Layout } from '../layout';
import { inLocale } from '../surveys-api';
import { formatCount, type View } from '../view';

function CourseCard({ view, course }: { view: View; course: CourseSummary }) {
  const { t } = view;
  const title = inLocale(course.title, view.locale) || course.id;
  const minutes = course.lessons.reduce((sum, l) => sum + l.minutes, 0);
  return (
    <section class="card">
      <div class="row">
        <h2 class="grow">{title}</h2>
        <a class="button" href={`/admin/broadcasts/new?course=${encodeURIComponent(course.id)}`}>
          {t('courses.push')}
        </a>
      </div>
      <p class="muted">
        <code>{course.id}</code> · {t(`levels.${course.level}`)} ·{' '}
        {course.languages.map((l) => t(`languages.${l}`)).join(' / ')} ·{' '}
        {t('courses.lessons', { count: course.lessons.length, minutes })} ·{' '}
        {inLocale(course.trainer, view.locale)}
      </p>
      <p>{inLocale(course.summary, view.locale)}</p>
      <p>
        <a href={`/admin/courses/${encodeURIComponent(course.id)}`}>{t('courses.stats.link')}</a>
      </p>
      {/* Independent counts, not a funnel: people may open lessons without subscribing. */}
      <ul class="counts" data-course-counts>
        <li>
          {t('courses.subscribers')}{' '}
          <b data-k="subscribers">{formatCount(view, course.subscribers)}</b>
        </li>
        <li>
          {t('trainer.course_counts.started')}{' '}
          <b data-k="started">{formatCount(view, course.started)}</b>
        </li>
        <li>
          {t('trainer.course_counts.completed')}{' '}
          <b data-k="completed">{formatCount(view, course.completed)}</b>
        </li>
      </ul>
      {course.started > 0 && (
        <p class="muted">
          {t('courses.completion', { pct: Math.round(course.completionRate * 100) })}
        </p>
      )}
      <p class="muted">{t('trainer.course_counts.note')}</p>
    </section>
  );
}

/** `/admin/courses`: courses with subscribers and completion, and a push per course. */
export function CoursesPage(props: { view: View; courses: readonly CourseSummary[] | undefined }) {
  const { view, courses } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t('courses.title')}>
      <h1>{t('courses.title')}</h1>
      {courses === undefined || courses.length === 0 ? (
        <section class="card">
          <p class="muted">{t(courses ? 'courses.none' : 'courses.unavailable')}</p>
        </section>
      ) : (
        <>
          <section class="card">
            <h2>{t('courses.subscribers')}</h2>
            <BarChart
              view={view}
              label={t('courses.subscribers')}
              rows={courses.map((c) => ({
                label: inLocale(c.title, view.locale) || c.id,
                value: c.subscribers,
                note: formatCount(view, c.subscribers),
              }))}
            />
          </section>
          {courses.map((course) => (
            <CourseCard view={view} course={course} />
          ))}
        </>
      )}
    </Layout>
  );
}
