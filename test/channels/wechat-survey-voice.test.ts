import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_PSEUDONYM_SECRET } from '../../src/config';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import { surveyServices } from '../../src/surveys/io/services';
import { copy } from '../support/copy';
import { MemoryBucket } from '../support/media-bucket';
import { wechatHarness } from '../support/wechat-app';
import { FakeWechatApi, wechatApiHandlers } from '../support/wechat-api';
import { voiceSurvey } from '../media/voice-survey';

// Voice answers to a survey over WeChat: the audio comes from `GET /cgi-bin/media/get`
// (msw) at once, before the turn, and lands in a stand-in for the MEDIA bucket.

const api = new FakeWechatApi();
const server = setupServer(...wechatApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => api.reset({ all: true }));

let msgId = 26_000_000_000_000_000n;
const nextId = () => String(++msgId);
const AMR = new Uint8Array([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 7]);

function harness() {
  const store = createMemoryStore();
  const bucket = new MemoryBucket();
  const surveys = surveyServices({
    store,
    content: [voiceSurvey()],
    secret: DEV_PSEUDONYM_SECRET,
    now: Date.now,
    log: memoryLogger(),
  });
  const h = wechatHarness({ store, overrides: { surveys, media: bucket.asBucket() } });
  return { ...h, bucket };
}

const pseudonym = (openId: string) =>
  pseudonymizer(DEV_PSEUDONYM_SECRET)({ channel: 'wechat', userId: openId });

describe('voice answers to a survey over WeChat', () => {
  it('fetches the AMR audio at once and keeps it under the pseudonym', async () => {
    const { say, sender, store, bucket } = harness();
    await say(sender.text('oVoice', '/survey voice_test', nextId()));
    await say(sender.text('oVoice', copy('surveys.buttons.agree', 'zh-CN'), nextId()));
    api.media.set('m9', AMR);
    const reply = await say(
      sender.message('oVoice', { MsgType: 'voice', MediaId: 'm9', Format: 'amr' }, nextId()),
    );
    expect(reply).toContain('还有吗？');
    const key = `survey/voice_test/${await pseudonym('oVoice')}/story.amr`;
    expect(bucket.objects.get(key)).toEqual({ bytes: AMR, type: 'audio/amr' });
    expect(api.of('/cgi-bin/media/get')[0]).toMatchObject({ body: { media_id: 'm9' } });
    expect(await store.getRecord('survey:voice_test:1', await pseudonym('oVoice'))).toMatchObject({
      answers: { story: key, 'story#media': key },
    });
  });

  it('uses WeChat’s own recognition as the transcript when there is no AI binding', async () => {
    const { say, sender, store, bucket } = harness();
    await say(sender.text('oRec', '/survey voice_test', nextId()));
    await say(sender.text('oRec', copy('surveys.buttons.agree', 'zh-CN'), nextId()));
    api.media.set('m8', AMR);
    await say(
      sender.message(
        'oRec',
        { MsgType: 'voice', MediaId: 'm8', Format: 'amr', Recognition: '卖茶叶。' },
        nextId(),
      ),
    );
    const key = `survey/voice_test/${await pseudonym('oRec')}/story.amr`;
    expect(bucket.objects.has(key)).toBe(true);
    expect(await store.getRecord('survey:voice_test:1', await pseudonym('oRec'))).toMatchObject({
      answers: { story: '卖茶叶', 'story#media': key },
    });
  });

  it('asks to type at a question without allowVoice, fetching nothing', async () => {
    const { say, sender, bucket } = harness();
    await say(sender.text('oType', '/survey voice_test', nextId()));
    await say(sender.text('oType', copy('surveys.buttons.agree', 'zh-CN'), nextId()));
    await say(sender.text('oType', '卖椅子', nextId()));
    api.media.set('m7', AMR);
    const reply = await say(
      sender.message('oType', { MsgType: 'voice', MediaId: 'm7', Format: 'amr' }, nextId()),
    );
    expect(reply.startsWith(copy('surveys_voice.type_please', 'zh-CN'))).toBe(true);
    expect(bucket.objects.size).toBe(0);
    expect(api.of('/cgi-bin/media/get')).toEqual([]);
  });
});
