import { emptyPushForm, type PushForm } from './push-form';

/** The parts of a job the push form shows. */
export interface JobForForm {
  audience: unknown;
  messages: { 'zh-CN'?: string; en?: string };
  sendAt?: string;
}

/** `YYYY-MM-DDTHH:MM` in China time, as the form's datetime-local input takes it. */
function chinaLocal(iso: string): string {
  const offsetMs = 8 * 3600_000;
  return new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 16);
}

/**
 * The push form filled from an existing job: to edit a scheduled push (its time kept) or
 * to start a new one from an old one (`keepTime` false: sent now unless changed).
 */
export function pushFormFromJob(job: JobForForm, keepTime: boolean): PushForm {
  const form = emptyPushForm();
  form.messageZh = job.messages['zh-CN'] ?? '';
  form.messageEn = job.messages.en ?? '';
  const a = (job.audience ?? {}) as Record<string, unknown>;
  if (a.all === true) form.audience = 'all';
  else if (typeof a.course === 'string') {
    form.audience = 'course';
    form.course = a.course;
  } else {
    form.audience = 'filter';
    form.locale = typeof a.locale === 'string' ? a.locale : '';
    form.province = typeof a.province === 'string' ? a.province : '';
    form.category = typeof a.category === 'string' ? a.category : '';
  }
  if (keepTime && job.sendAt) {
    form.when = 'later';
    form.sendAt = chinaLocal(job.sendAt);
  }
  return form;
}
