import { plainText } from '../../../channels/wechat/render';
import type { AudiencePreview } from '../../api-schemas';
import { Csrf, Layout } from '../layout';
import type { Option } from '../lists';
import type { FormErrors, PushForm } from '../push-form';
import { formatCount, type View } from '../view';
import { AudienceFields } from './audience-fields';
import { ChatText } from './broadcasts';
import { FieldError, Radio } from './fields';

/** What the push page shows besides the form. */
export interface PushPageProps {
  view: View;
  form: PushForm;
  errors: FormErrors;
  /** Present after "Preview": the audience's size now. */
  preview?: AudiencePreview;
  /** Courses to pick from, when the courses API answers; otherwise a course id is typed. */
  courses: readonly Option[];
  provinces: readonly Option[];
  categories: readonly Option[];
  /** Editing a scheduled push: where the form posts, and the job's id. */
  editing?: string;
}

function Preview({
  view,
  form,
  preview,
}: {
  view: View;
  form: PushForm;
  preview: AudiencePreview;
}) {
  const { t } = view;
  const channels = Object.entries(preview.byChannel)
    .map(([channel, n]) => `${t(`channels.${channel}`)} ${formatCount(view, n)}`)
    .join(' · ');
  const messages = [
    { locale: 'zh-CN', text: form.messageZh },
    { locale: 'en', text: form.messageEn },
  ].filter((m) => m.text.trim() !== '');
  return (
    <section class="card" id="preview">
      <h2>{t('push.preview')}</h2>
      <p>
        <b>{t('push.reaches', { count: formatCount(view, preview.size) })}</b>
        {channels && <span class="muted"> ({channels})</span>}
      </p>
      <p class="muted">
        {form.when === 'later'
          ? t('push.when_later_at', { time: form.sendAt.replace('T', ' ') })
          : t('push.when_now')}
      </p>
      <div class="grid">
        {messages.map((m) => (
          <div>
            <h3>{t(`languages.${m.locale}`)}</h3>
            <div class="chat">
              <div class="bubble">
                <ChatText text={m.text} />
              </div>
            </div>
            {plainText(m.text) !== m.text && (
              <p class="muted">{t('push.wechat_shows', { text: plainText(m.text) })}</p>
            )}
          </div>
        ))}
      </div>
      {messages.length === 1 && <p class="muted">{t('push.one_language')}</p>}
    </section>
  );
}

/** `/admin/broadcasts/new`: the push form, with a preview of the message and audience. */
export function PushPage(props: PushPageProps) {
  const { view, form, errors } = props;
  const { t } = view;
  const failed = Object.keys(errors).length > 0;
  const editing = props.editing;
  const title = editing ? t('trainer.edit.title') : t('push.title');
  const action = editing
    ? `/admin/broadcasts/${encodeURIComponent(editing)}/edit`
    : '/admin/broadcasts/new';
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/admin/broadcasts">← {t('jobs.title')}</a>
      </p>
      <h1>{title}</h1>
      {failed && (
        <p class="error" role="alert">
          {t('push.fix_errors')}
        </p>
      )}
      <form class="card" method="post" action={action}>
        <Csrf view={view} />
        <fieldset>
          <legend>{t('push.message')}</legend>
          <label for="message_zh">{t('languages.zh-CN')}</label>
          <textarea id="message_zh" name="message_zh" maxlength={3500} lang="zh-CN">
            {form.messageZh}
          </textarea>
          <FieldError view={view} errors={errors} field="messageZh" />
          <label for="message_en">{t('languages.en')}</label>
          <textarea id="message_en" name="message_en" maxlength={3500} lang="en">
            {form.messageEn}
          </textarea>
          <FieldError view={view} errors={errors} field="messageEn" />
          <p class="muted">{t('push.markup_hint')}</p>
        </fieldset>
        <AudienceFields
          view={view}
          form={form}
          errors={errors}
          courses={props.courses}
          provinces={props.provinces}
          categories={props.categories}
        />
        <fieldset>
          <legend>{t('push.when')}</legend>
          <Radio name="when" value="now" checked={form.when === 'now'} label={t('push.now')} />
          <Radio
            name="when"
            value="later"
            checked={form.when === 'later'}
            label={t('push.later')}
          />
          <label for="send_at">{t('push.time')}</label>
          <input type="datetime-local" id="send_at" name="send_at" value={form.sendAt} />
          <FieldError view={view} errors={errors} field="sendAt" />
        </fieldset>
        {/* The preview sits right above Send, so on a phone Send follows what was checked. */}
        {props.preview && !failed && <Preview view={view} form={form} preview={props.preview} />}
        <div class="buttons">
          <button type="submit" name="intent" value="preview">
            {t('push.preview_button')}
          </button>
          {/* After a preview, Send has the focus, which brings it (under the preview) on screen. */}
          <button
            class="primary"
            type="submit"
            name="intent"
            value="send"
            autofocus={Boolean(props.preview && !failed)}
          >
            {editing ? t('trainer.edit.save_button') : t('push.send_button')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
