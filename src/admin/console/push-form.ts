import { TIME_ZONE } from '../../time-zone';

/** The push form's fields as typed, kept to fill the form again after a preview or an error. */
export interface PushForm {
  messageZh: string;
  messageEn: string;
  audience: 'all' | 'course' | 'filter';
  course: string;
  locale: string;
  province: string;
  category: string;
  when: 'now' | 'later';
  /** `YYYY-MM-DDTHH:MM` in China time (UTC+8), as a datetime-local input gives it. */
  sendAt: string;
}

/** Problems by form field, shown beside the fields. */
export type FormErrors = Partial<Record<keyof PushForm, string[]>>;

/** An empty form; `course` preselects a course's subscribers. */
export function emptyPushForm(course?: string): PushForm {
  return {
    messageZh: '',
    messageEn: '',
    audience: course ? 'course' : 'all',
    course: course ?? '',
    locale: '',
    province: '',
    category: '',
    when: 'now',
    sendAt: '',
  };
}

const text = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, 10_000) : '';
};

/** Read the form from a parsed form body; unknown values fall back to the defaults. */
export function readPushForm(body: Record<string, unknown>): PushForm {
  const audience = text(body, 'audience');
  return {
    messageZh: text(body, 'message_zh'),
    messageEn: text(body, 'message_en'),
    audience: audience === 'course' || audience === 'filter' ? audience : 'all',
    course: text(body, 'course').trim(),
    locale: text(body, 'locale'),
    province: text(body, 'province'),
    category: text(body, 'category'),
    when: text(body, 'when') === 'later' ? 'later' : 'now',
    sendAt: text(body, 'send_at').trim(),
  };
}

/** The audience the form describes, in the API's shape (DESIGN.md section 10). */
export function formAudience(form: PushForm): Record<string, unknown> {
  if (form.audience === 'all') return { all: true };
  if (form.audience === 'course') return { course: form.course };
  const filter: Record<string, string> = {};
  if (form.locale) filter.locale = form.locale;
  if (form.province) filter.province = form.province;
  if (form.category) filter.category = form.category;
  return filter;
}

/** China time, which the form's date and time are read in. */
export const FORM_TIME_OFFSET = TIME_ZONE.isoOffset;

/**
 * The body of `POST /admin/api/broadcasts` for the form. The API validates it; the checks
 * here are the ones it cannot make: "later" needs a readable time, and one still to come.
 */
export function pushBody(
  form: PushForm,
  now: number,
): { body: Record<string, unknown>; errors: FormErrors } {
  const messages: Record<string, string> = {};
  if (form.messageZh.trim()) messages['zh-CN'] = form.messageZh;
  if (form.messageEn.trim()) messages.en = form.messageEn;
  const errors: FormErrors = {};
  let sendAt: string | undefined;
  if (form.when === 'later') {
    const iso = `${form.sendAt}:00${FORM_TIME_OFFSET}`;
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.sendAt) ? Date.parse(iso) : NaN;
    if (Number.isNaN(at)) errors.sendAt = ['time'];
    else if (at <= now) errors.sendAt = ['past'];
    else sendAt = iso;
  }
  return {
    body: {
      audience: formAudience(form),
      messages,
      kind: form.audience === 'course' ? 'course_update' : 'announcement',
      ...(sendAt ? { sendAt } : {}),
    },
    errors,
  };
}

/** Map the API's field errors (`messages`, `audience.course`, `sendAt`) onto form fields. */
export function formErrorsFromApi(fields: Readonly<Record<string, string[]>>): FormErrors {
  const out: FormErrors = {};
  const add = (field: keyof PushForm, messages: string[]) => {
    out[field] = [...(out[field] ?? []), ...messages];
  };
  for (const [path, messages] of Object.entries(fields)) {
    if (path === 'messages.zh-CN') add('messageZh', messages);
    else if (path === 'messages.en') add('messageEn', messages);
    else if (path.startsWith('messages')) add('messageZh', messages);
    else if (path.startsWith('audience'))
      add(path === 'audience.course' ? 'course' : 'audience', messages);
    else if (path.startsWith('sendAt')) add('sendAt', messages);
    else add('audience', messages);
  }
  return out;
}
