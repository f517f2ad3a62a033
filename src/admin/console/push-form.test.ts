import { describe, expect, it } from 'vitest';
import { formErrorsFromApi, pushBody, readPushForm } from './push-form';

const NOW = Date.parse('2026-05-01T00:00:00Z');

describe('push form', () => {
  it('turns the form into the broadcast API body, with China time for later sends', () => {
    const form = readPushForm({
      message_zh: '**新课**',
      message_en: '  ',
      audience: 'filter',
      locale: 'zh-CN',
      province: 'zhejiang',
      category: '',
      when: 'later',
      send_at: '2026-05-02T09:30',
    });
    expect(pushBody(form, NOW)).toEqual({
      body: {
        audience: { locale: 'zh-CN', province: 'zhejiang' },
        messages: { 'zh-CN': '**新课**' },
        kind: 'announcement',
        sendAt: '2026-05-02T09:30:00+08:00',
      },
      errors: {},
    });
  });

  it('marks a course push as a course update', () => {
    const form = readPushForm({
      message_en: 'New lesson',
      audience: 'course',
      course: ' shipping ',
    });
    expect(pushBody(form, NOW).body).toMatchObject({
      audience: { course: 'shipping' },
      kind: 'course_update',
    });
  });

  it('refuses a later send without a time or with a time that has passed', () => {
    const later = (send_at: string) =>
      pushBody(readPushForm({ when: 'later', send_at }), NOW).errors;
    expect(later('')).toEqual({ sendAt: ['time'] });
    expect(later('tomorrow')).toEqual({ sendAt: ['time'] });
    expect(later('2026-04-30T23:00')).toEqual({ sendAt: ['past'] });
    expect(later('2026-05-01T09:00')).toEqual({});
  });

  it('falls back to safe defaults for odd values', () => {
    const form = readPushForm({ audience: 'everyone!', when: 'sometime', message_zh: 42 });
    expect(form).toMatchObject({ audience: 'all', when: 'now', messageZh: '' });
  });

  it('maps the API field errors onto the form fields', () => {
    expect(
      formErrorsFromApi({
        messages: ['give a message in zh-CN, en or both'],
        'messages.en': ['Too big'],
        'audience.course': ['Too small'],
        audience: ['Invalid input'],
        sendAt: ['Invalid ISO datetime'],
      }),
    ).toEqual({
      messageZh: ['give a message in zh-CN, en or both'],
      messageEn: ['Too big'],
      course: ['Too small'],
      audience: ['Invalid input'],
      sendAt: ['Invalid ISO datetime'],
    });
  });
});
