import type { Option } from '../lists';
import type { FormErrors, PushForm } from '../push-form';
import type { View } from '../view';
import { FieldError, Radio, Select } from './fields';

/** Props of {@link AudienceFields}. */
export interface AudienceFieldsProps {
  view: View;
  form: PushForm;
  errors: FormErrors;
  /** The catalogue's courses to pick from (the same list for every role). */
  courses: readonly Option[];
  provinces: readonly Option[];
  categories: readonly Option[];
}

/** Who receives a push or a survey invitation: everyone, a course's subscribers, or filters. */
export function AudienceFields(props: AudienceFieldsProps) {
  const { view, form, errors } = props;
  const { t } = view;
  return (
    <fieldset>
      <legend>{t('push.audience')}</legend>
      <Radio
        name="audience"
        value="all"
        checked={form.audience === 'all'}
        label={t('audience.all')}
      />
      <Radio
        name="audience"
        value="course"
        checked={form.audience === 'course'}
        label={t('push.audience_course')}
      />
      <Radio
        name="audience"
        value="filter"
        checked={form.audience === 'filter'}
        label={t('push.audience_filter')}
      />
      <FieldError view={view} errors={errors} field="audience" />
      <label for="course">{t('push.course')}</label>
      <Select
        name="course"
        value={form.course}
        any={t('push.pick_course')}
        options={props.courses}
      />
      <FieldError view={view} errors={errors} field="course" />
      <label for="locale">{t('push.language')}</label>
      <Select
        name="locale"
        value={form.locale}
        any={t('push.any')}
        options={[
          { id: 'zh-CN', label: t('languages.zh-CN') },
          { id: 'en', label: t('languages.en') },
        ]}
      />
      <label for="province">{t('push.province')}</label>
      <Select name="province" value={form.province} any={t('push.any')} options={props.provinces} />
      <label for="category">{t('push.category')}</label>
      <Select
        name="category"
        value={form.category}
        any={t('push.any')}
        options={props.categories}
      />
      <p class="muted">{t('push.audience_hint')}</p>
    </fieldset>
  );
}
