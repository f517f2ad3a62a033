import { describe, expect, it } from 'vitest';
import { toWechatInbound, wechatMessageId } from './inbound';

const base = { ToUserName: 'gh_1', FromUserName: 'oUser', CreateTime: '1700000000' };
const text = (Content: string) => ({
  ...base,
  MsgType: 'text',
  Content,
  MsgId: '987654321098765432',
});
const event = (Event: string, EventKey?: string) => ({
  ...base,
  MsgType: 'event',
  Event,
  ...(EventKey === undefined ? {} : { EventKey }),
});

describe('toWechatInbound', () => {
  it('maps text, commands and /start with a payload, keyed by MsgId, with no locale hint', () => {
    expect(toWechatInbound(text(' 浙江省 '), 5)).toMatchObject({
      kind: 'turn',
      inbound: {
        channel: 'wechat',
        userId: 'oUser',
        messageId: '987654321098765432',
        receivedAt: 5,
        kind: 'text',
        text: '浙江省',
      },
    });
    expect(toWechatInbound(text('/lang'), 0)).toMatchObject({
      inbound: { kind: 'command', command: 'lang' },
    });
    expect(toWechatInbound(text('/start survey_a'), 0)).toMatchObject({
      inbound: { kind: 'start', args: 'survey_a' },
    });
    const mapped = toWechatInbound(text('hi'), 0);
    expect(mapped.kind === 'turn' ? mapped.inbound.localeHint : 'not a turn').toBeUndefined();
  });
  it('uses voice recognition when present and asks to type otherwise', () => {
    const voice = { ...base, MsgType: 'voice', MsgId: '1', MediaId: 'm' };
    expect(toWechatInbound({ ...voice, Recognition: '家具。' }, 0)).toMatchObject({
      inbound: { kind: 'text', text: '家具' },
      heard: '家具',
    });
    expect(toWechatInbound({ ...voice, Recognition: '。' }, 0)).toMatchObject({
      kind: 'unsupported',
      reason: 'voice',
    });
    // The media id lets speech to text fetch the audio, when it is configured.
    expect(toWechatInbound(voice, 0)).toMatchObject({
      kind: 'unsupported',
      reason: 'voice',
      mediaId: 'm',
    });
  });
  it('answers images, video, locations and links politely', () => {
    for (const MsgType of ['image', 'video', 'shortvideo', 'location', 'link', 'file']) {
      expect(toWechatInbound({ ...base, MsgType, MsgId: '2' }, 0)).toMatchObject({
        kind: 'unsupported',
        reason: 'media',
      });
    }
  });
  it('maps subscribe (with a QR scene as deep link), SCAN, unsubscribe and menu clicks', () => {
    expect(toWechatInbound(event('subscribe'), 0)).toMatchObject({
      inbound: { kind: 'start', messageId: 'event:1700000000:subscribe:' },
    });
    const scene = toWechatInbound(event('subscribe', 'qrscene_course_shipping'), 0);
    expect(scene).toMatchObject({ inbound: { kind: 'start', args: 'course_shipping' } });
    expect(toWechatInbound(event('SCAN', 'survey_a'), 0)).toMatchObject({
      inbound: { kind: 'start', args: 'survey_a' },
    });
    expect(toWechatInbound(event('unsubscribe'), 0)).toMatchObject({ inbound: { kind: 'stop' } });
    expect(toWechatInbound(event('CLICK', 'cmd:help'), 0)).toMatchObject({
      inbound: { kind: 'command', command: 'help' },
    });
    expect(toWechatInbound(event('CLICK', 'cmd:start'), 0)).toMatchObject({
      inbound: { kind: 'start' },
    });
  });
  it('ignores what needs no answer and what is not a message', () => {
    expect(toWechatInbound(event('VIEW', 'https://x.cn'), 0)).toMatchObject({ kind: 'ignore' });
    expect(toWechatInbound(event('LOCATION'), 0)).toMatchObject({ kind: 'ignore' });
    expect(toWechatInbound(event('CLICK', 'other-key'), 0)).toMatchObject({ kind: 'ignore' });
    expect(toWechatInbound({ MsgType: 'text' }, 0)).toMatchObject({ kind: 'ignore' });
    expect(toWechatInbound({ ...base, CreateTime: 'soon', MsgType: 'text' }, 0)).toMatchObject({
      kind: 'ignore',
    });
  });
});

describe('wechatMessageId', () => {
  it('is the MsgId, or user-scoped CreateTime plus the event for events', () => {
    const msg = { ...base, MsgType: 'event', Event: 'CLICK', EventKey: 'cmd:help' };
    expect(wechatMessageId(msg)).toBe('event:1700000000:CLICK:cmd:help');
    expect(wechatMessageId({ ...msg, EventKey: 'cmd:lang' })).not.toBe(wechatMessageId(msg));
    expect(wechatMessageId({ ...base, MsgType: 'text', MsgId: '42' })).toBe('42');
  });
});
