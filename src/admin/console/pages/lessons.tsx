import type { TextParams } from '../../../core/text';
import { markupParts } from '../../../core/markup';
import type { Course } from '../../../courses/schema';
import { translate } from '../../../i18n';
import type { LessonVersion } from '../../services/lesson-reads';
import { Csrf, Layout } from '../layout';
import { inLocale } from '../surveys-api';
import type { View } from '../view';
import { placeOf } from '../problem-words';
import { Confirm } from './confirm';

/** The lesson form's fields (both languages; quiz options one a line). */
export const LESSON_FIELDS = [
  'id',
  'title_zh',
  'title_en',
  'body_zh',
  'body_en',
  'minutes',
  'sources',
  'quiz_question_zh',
  'quiz_question_en',
  'quiz_options_zh',
  'quiz_options_en',
  'quiz_correct',
  'quiz_explanation_zh',
  'quiz_explanation_en',
] as const;

/** The form's values, by field. */
export type LessonFormValues = Partial<Record<(typeof LESSON_FIELDS)[number], string>>;

/** A lesson as the channels would show it: Telegram HTML, WeChat text, web chat messages. */
export interface LessonPreview {
  locale: 'zh-CN' | 'en';
  telegram: string[];
  wechat: string[];
  webchat: string[];
}

/**
 * The form field a lesson problem's path (the API's: `title.zh-CN`, `quiz.options[1].en`,
 * `sources.0`) is about, so the problem is named by the label the trainer sees.
 */
export function lessonFormField(path: string): (typeof LESSON_FIELDS)[number] | undefined {
  const lang = (l: string) => (l === 'en' ? 'en' : 'zh');
  let m = /^(title|body)\.(zh-CN|en)$/.exec(path);
  if (m) return `${m[1] as 'title' | 'body'}_${lang(m[2]!)}`;
  m = /^quiz\.(question|explanation|options)(?:\[\d+\]|\.\d+)?\.(zh-CN|en)$/.exec(path);
  if (m) return `quiz_${m[1] as 'question' | 'explanation' | 'options'}_${lang(m[2]!)}`;
  if (/^quiz\.(correct|answer)/.test(path)) return 'quiz_correct';
  if (/^sources\b/.test(path)) return 'sources';
  if (path === 'id' || path === 'minutes') return path;
  return undefined;
}

/**
 * A problem's place in words: its form field's label (and the line of a text, for a
 * problem in the text: `body.en line 3`), else the path said in words.
 */
function problemPlace(view: View, path: string): string {
  const [, at = path, line] = /^(.*?)(?: line (\d+))?$/.exec(path) ?? [];
  const field = lessonFormField(at);
  const place = field ? lt(view, `field.${field}`) : placeOf(at, view.t);
  return line ? `${place} · ${lt(view, 'line', { n: line })}` : place;
}

/** The console's lesson strings (`admin_lessons.console.*`). */
export function lt(view: View, key: string, params?: TextParams): string {
  return translate(view.locale, `admin_lessons.console.${key}`, params);
}

function WebchatText({ text }: { text: string }) {
  return (
    <>
      {markupParts(text).map((part) =>
        part.kind === 'bold' ? (
          <b>{part.text}</b>
        ) : part.kind === 'link' ? (
          <a href={part.href} rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** One language's preview, a phone column per channel. */
function Preview({ view, preview }: { view: View; preview: LessonPreview }) {
  return (
    <section class="card" data-preview={preview.locale}>
      <h2>{lt(view, 'preview_in', { locale: preview.locale })}</h2>
      <div class="phones">
        <div class="phone" data-channel="telegram">
          <h3>Telegram</h3>
          {preview.telegram.map((html) => (
            // The channel's own renderer escapes the text and keeps only <b> and <a>.
            <p class="bubble" dangerouslySetInnerHTML={{ __html: html }} />
          ))}
        </div>
        <div class="phone" data-channel="wechat">
          <h3>{lt(view, 'wechat')}</h3>
          {preview.wechat.map((text) => (
            <p class="bubble">{text}</p>
          ))}
        </div>
        <div class="phone" data-channel="webchat">
          <h3>{lt(view, 'webchat')}</h3>
          {preview.webchat.map((text) => (
            <p class="bubble">
              <WebchatText text={text} />
            </p>
          ))}
        </div>
      </div>
    </section>
  );
}

function Field(props: {
  view: View;
  name: (typeof LESSON_FIELDS)[number];
  values: LessonFormValues;
  area?: boolean;
  readonly?: boolean;
}) {
  const value = props.values[props.name] ?? '';
  return (
    <label>
      {lt(props.view, `field.${props.name}`)}
      {props.area ? (
        <textarea name={props.name} rows={props.name.startsWith('body') ? 10 : 3}>
          {value}
        </textarea>
      ) : (
        <input type="text" name={props.name} value={value} readonly={props.readonly} />
      )}
    </label>
  );
}

/** Props of {@link LessonFormPage}. */
export interface LessonFormProps {
  view: View;
  course: Course;
  /** Where the form posts: the course's lessons (new) or the lesson (edit). */
  action: string;
  values: LessonFormValues;
  editing?: { lessonId: string; published: boolean; versions: LessonVersion[] };
  problems?: { path: string; message: string }[];
  previews?: LessonPreview[];
  /** Set when the trainer asked to publish and must confirm first. */
  confirm?: { text: string; button: string };
  /** The course's published lessons and their sources, for the list. */
  lessons?: { id: string; title: string; stored: boolean; version?: number }[];
}

/**
 * `/admin/courses/:id/lessons` (write a lesson) and `/admin/courses/:id/lessons/:lessonId`
 * (revise it, its versions, unpublish): the form in both languages, its problems, a
 * preview per channel and language, and the confirmation before publishing.
 */
export function LessonFormPage(props: LessonFormProps) {
  const { view, course, values, editing } = props;
  const title = inLocale(course.title, view.locale) || course.id;
  const sources = Object.keys(course.sources).join(', ');
  return (
    <Layout view={view} title={lt(view, editing ? 'edit_title' : 'new_title')}>
      <p>
        <a href={`/admin/courses/${course.id}`}>← {title}</a>
      </p>
      <h1>{editing ? `${lt(view, 'edit_title')}: ${editing.lessonId}` : lt(view, 'new_title')}</h1>
      {props.lessons && (
        <section class="card">
          <h2>{lt(view, 'lessons')}</h2>
          <ol>
            {props.lessons.map((l) => (
              <li data-lesson={l.id}>
                <a href={`/admin/courses/${course.id}/lessons/${l.id}`}>{l.title}</a>{' '}
                <span class="muted">
                  {l.stored
                    ? lt(view, 'published_version', { version: l.version ?? 1 })
                    : lt(view, 'bundled')}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {props.problems && props.problems.length > 0 && (
        <section class="card problems" role="alert">
          <h2>{lt(view, 'problems', { count: props.problems.length })}</h2>
          <ul>
            {props.problems.map((p) => (
              <li data-path={p.path}>
                {p.path && <b>{problemPlace(view, p.path)}</b>} {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.confirm && (
        <Confirm
          view={view}
          action={props.action}
          text={props.confirm.text}
          button={props.confirm.button}
          back={props.action}
          fields={{ ...values, intent: 'publish' } as Record<string, string>}
        />
      )}
      {props.previews?.map((preview) => (
        <Preview view={view} preview={preview} />
      ))}
      <form method="post" action={props.action} class="card">
        <Csrf view={view} />
        <Field view={view} name="id" values={values} readonly={editing !== undefined} />
        <Field view={view} name="title_zh" values={values} />
        <Field view={view} name="title_en" values={values} />
        <Field view={view} name="body_zh" values={values} area />
        <Field view={view} name="body_en" values={values} area />
        <Field view={view} name="minutes" values={values} />
        <Field view={view} name="sources" values={values} />
        <p class="muted">{lt(view, 'sources_hint', { sources })}</p>
        <h2>{lt(view, 'quiz')}</h2>
        <Field view={view} name="quiz_question_zh" values={values} />
        <Field view={view} name="quiz_question_en" values={values} />
        <Field view={view} name="quiz_options_zh" values={values} area />
        <Field view={view} name="quiz_options_en" values={values} area />
        <Field view={view} name="quiz_correct" values={values} />
        <Field view={view} name="quiz_explanation_zh" values={values} area />
        <Field view={view} name="quiz_explanation_en" values={values} area />
        <div class="buttons">
          <button type="submit" name="intent" value="preview">
            {lt(view, 'preview')}
          </button>
          <button class="primary" type="submit" name="intent" value="publish">
            {lt(view, editing ? 'save' : 'publish')}
          </button>
        </div>
      </form>
      {editing && (
        <section class="card" id="versions">
          <h2>{lt(view, 'versions')}</h2>
          <ol>
            {editing.versions.map((v) => (
              <li data-version={v.version} data-action={v.action}>
                {lt(view, `action.${v.action}`, {
                  version: v.version,
                  by: v.by,
                  at: new Date(v.at).toISOString().slice(0, 16).replace('T', ' '),
                })}
              </li>
            ))}
          </ol>
          {editing.published && (
            <form method="post" action={`${props.action}/unpublish`}>
              <Csrf view={view} />
              <button class="danger" type="submit">
                {lt(view, 'unpublish')}
              </button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}

/** The confirmation before unpublishing. */
export function UnpublishConfirmPage(props: {
  view: View;
  action: string;
  back: string;
  text: string;
}) {
  const { view } = props;
  return (
    <Layout view={view} title={lt(view, 'unpublish')}>
      <Confirm
        view={view}
        action={props.action}
        text={props.text}
        button={lt(view, 'unpublish')}
        back={props.back}
        danger
      />
    </Layout>
  );
}
