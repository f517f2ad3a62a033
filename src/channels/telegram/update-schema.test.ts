import { describe, expect, it } from 'vitest';
import { capText, checkUpdate, MAX_TEXT_CHARS } from './update-schema';

const chat = { id: 7, type: 'private' };
const from = { id: 7, is_bot: false, first_name: 'A' };

describe('checkUpdate', () => {
  it('passes what we handle through, unknown fields included', () => {
    const body = {
      update_id: 1,
      message: { message_id: 2, date: 0, chat, from, text: 'hi', x: 1 },
    };
    expect(checkUpdate(body)).toEqual({ ok: true, update: body });
  });

  it('drops a language code that is not a string instead of refusing the message', () => {
    const body = {
      update_id: 1,
      message: { message_id: 2, chat, from: { ...from, language_code: 5 }, text: 'hi' },
    };
    const checked = checkUpdate(body);
    expect(checked.ok && checked.update.message).toMatchObject({ from: { id: 7 }, text: 'hi' });
    expect(JSON.stringify(checked)).not.toContain('language_code');
  });

  it('names the problem without the content of a malformed update', () => {
    const checked = checkUpdate({ update_id: 3, message: { message_id: 1, chat: { id: 7 } } });
    expect(checked).toEqual({
      ok: false,
      event: 'telegram_invalid_update',
      fields: { updateId: 3, problems: ['message.chat.type: invalid_type'] },
    });
  });

  it('tells apart update kinds we do not handle', () => {
    expect(checkUpdate({ update_id: 4, poll: {} })).toMatchObject({
      ok: false,
      event: 'telegram_unhandled_update',
      fields: { kinds: ['poll'] },
    });
  });

  it('cuts a text over 4096 characters and says how long it was', () => {
    const checked = checkUpdate({
      update_id: 5,
      message: { message_id: 1, chat, from, text: 'x'.repeat(5000) },
    });
    expect(checked.ok && checked.truncatedFrom).toBe(5000);
    const text = checked.ok ? (checked.update.message as { text: string }).text : '';
    expect(text).toHaveLength(MAX_TEXT_CHARS);
  });
});

describe('capText', () => {
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_TEXT_CHARS - 1)}😀tail`;
    expect(capText(text)).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
    expect(capText('short')).toBe('short');
  });
});
