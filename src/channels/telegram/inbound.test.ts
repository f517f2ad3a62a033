import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { toTelegramInbound } from './inbound';

const from = { id: 7, is_bot: false, first_name: 'A', language_code: 'zh-hans' };
const chat = { id: 7, type: 'private' as const, first_name: 'A' };
const message = (extra: object): Update =>
  ({ update_id: 9, message: { message_id: 1, date: 0, chat, from, ...extra } }) as Update;

describe('toTelegramInbound', () => {
  it('maps /start with its deep-link payload', () => {
    expect(toTelegramInbound(message({ text: '/start course_shipping' }), 5)).toEqual({
      kind: 'turn',
      chatId: 7,
      inbound: {
        channel: 'telegram',
        userId: '7',
        messageId: '9',
        receivedAt: 5,
        localeHint: 'zh-hans',
        kind: 'start',
        args: 'course_shipping',
      },
    });
  });
  it('maps a voice note to its file, length and sender; an edited one is unreadable', () => {
    const voice = { file_id: 'f', file_unique_id: 'u', duration: 4, file_size: 900 };
    expect(toTelegramInbound(message({ voice }), 5)).toEqual({
      kind: 'voice',
      chatId: 7,
      from: {
        channel: 'telegram',
        userId: '7',
        messageId: '9',
        receivedAt: 5,
        localeHint: 'zh-hans',
      },
      voice: { fileId: 'f', seconds: 4, bytes: 900 },
    });
    const edited = {
      update_id: 9,
      edited_message: { message_id: 1, date: 0, edit_date: 1, chat, from, voice },
    };
    expect(toTelegramInbound(edited as Update, 0)).toMatchObject({ kind: 'unsupported' });
  });
  it('maps commands with a bot mention and plain text', () => {
    expect(toTelegramInbound(message({ text: '/lang@village_bot' }), 0)).toMatchObject({
      inbound: { kind: 'command', command: 'lang' },
    });
    expect(toTelegramInbound(message({ text: '浙江' }), 0)).toMatchObject({
      inbound: { kind: 'text', text: '浙江' },
    });
  });
  it('runs a broadcast button that carries a command (a survey invitation) as typed', () => {
    const press = (data: string) =>
      ({
        update_id: 4,
        callback_query: {
          id: 'q',
          from,
          chat_instance: 'c',
          data,
          message: { message_id: 50, date: 0, chat, text: 'invite' },
        },
      }) as Update;
    expect(toTelegramInbound(press('/survey seller_baseline later'), 0)).toMatchObject({
      kind: 'turn',
      callback: { id: 'q', messageId: 50 },
      inbound: { kind: 'command', command: 'survey', args: 'seller_baseline later' },
    });
    expect(toTelegramInbound(press('/start survey_x'), 0)).toMatchObject({
      inbound: { kind: 'start', args: 'survey_x' },
    });
  });
  it('maps a button press with its question ref', () => {
    const update = {
      update_id: 3,
      callback_query: {
        id: 'q',
        from,
        chat_instance: 'c',
        data: '4|yes',
        message: { message_id: 8, date: 0, chat },
      },
    } as Update;
    expect(toTelegramInbound(update, 0)).toMatchObject({
      kind: 'turn',
      callback: { id: 'q', messageId: 8 },
      inbound: { kind: 'choice', choiceId: 'yes', ref: '4' },
    });
  });
  it('ignores bots and other chats, and answers what it cannot read', () => {
    expect(
      toTelegramInbound(message({ text: 'x', from: { ...from, is_bot: true } }), 0),
    ).toMatchObject({ kind: 'ignore' });
    expect(
      toTelegramInbound(
        message({ text: 'x', chat: { id: -1, type: 'supergroup', title: 't' } }),
        0,
      ),
    ).toMatchObject({ kind: 'ignore' });
    expect(toTelegramInbound(message({ location: { latitude: 1, longitude: 2 } }), 0)).toEqual({
      kind: 'unsupported',
      chatId: 7,
      localeHint: 'zh-hans',
    });
    expect(
      toTelegramInbound({ update_id: 1, poll: { id: 'p' } } as unknown as Update, 0),
    ).toMatchObject({ kind: 'ignore' });
  });
});
