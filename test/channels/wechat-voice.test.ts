import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiBinding } from '../../src/shell/speech';
import { copy, re } from '../support/copy';
import { wechatHarness } from '../support/wechat-app';
import { FakeWechatApi, wechatApiHandlers } from '../support/wechat-api';

// Speech to text for WeChat voice messages without Recognition: the audio comes from
// `GET /cgi-bin/media/get` (msw), the words from a stand-in for the Workers AI binding.

const api = new FakeWechatApi();
const server = setupServer(...wechatApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => api.reset({ all: true }));
afterEach(() => server.resetHandlers());

let msgId = 25_000_000_000_000_000n;
const nextId = () => String(++msgId);
const AMR = new Uint8Array([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 1, 2, 3]);

/** The AI binding's stand-in: answers `text` (or throws it, or waits) and records the audio. */
function fakeAi(answer: { text?: string; error?: string; delayMs?: number }) {
  const audio: string[] = [];
  const ai: AiBinding = {
    async run(_model, input) {
      audio.push(String(input.audio));
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer.error) throw new Error(answer.error);
      return { text: answer.text ?? '' };
    },
  };
  return { ai, audio };
}

function voice(sender: ReturnType<typeof wechatHarness>['sender'], openId: string, mediaId = 'm1') {
  return sender.message(openId, { MsgType: 'voice', MediaId: mediaId, Format: 'amr' }, nextId());
}

describe('WeChat voice messages with speech to text (AI binding)', () => {
  it('transcribes the audio and treats the words as typed text, said back first (zh-CN)', async () => {
    const { ai, audio } = fakeAi({ text: '中文。' });
    const { say, sender } = wechatHarness({ env: { AI: ai } });
    api.media.set('m1', AMR);
    await say(sender.event('oHeard', 'subscribe'));
    expect(await say(voice(sender, 'oHeard'))).toMatch(
      re`^${copy('ask.voice_heard', 'zh-CN', { text: '中文' })}\n\n${copy('onboarding.ask_category', 'zh-CN')}`,
    );
    expect(audio).toEqual([Buffer.from(AMR).toString('base64')]);
    const [download] = api.of('/cgi-bin/media/get');
    expect(download).toMatchObject({ accessToken: 'ACCESS_TOKEN_1', body: { media_id: 'm1' } });
  });

  it('says it back in English for a person who chose English', async () => {
    const { ai } = fakeAi({ text: 'Furniture.' });
    const { say, sender } = wechatHarness({ env: { AI: ai } });
    api.media.set('m1', AMR);
    await say(sender.event('oEn', 'subscribe'));
    await say(sender.text('oEn', '2', nextId())); // the language question: English
    const reply = await say(voice(sender, 'oEn'));
    expect(reply.startsWith(copy('ask.voice_heard', 'en', { text: 'Furniture' }))).toBe(true);
  });

  it('refreshes a rejected access token once for the download', async () => {
    const { ai } = fakeAi({ text: '你好' });
    const { say, sender } = wechatHarness({ env: { AI: ai } });
    api.media.set('m1', AMR);
    api.fail('/cgi-bin/media/get', 40001);
    const reply = await say(voice(sender, 'oToken'));
    expect(reply.startsWith(copy('ask.voice_heard', 'zh-CN', { text: '你好' }))).toBe(true);
    expect(api.of('/cgi-bin/media/get')).toHaveLength(2);
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(2);
  });

  it.each([
    ['the download fails', {}, undefined, 0],
    ['the model fails', { error: 'AiError: bad audio' }, AMR, 2],
    ['the model hears nothing', { text: ' 。' }, AMR, 2],
    ['the audio is over 1 MB', { text: 'x' }, new Uint8Array(1_000_001), 0],
  ])(
    'asks to type, in the person’s language, when %s; no turn is run',
    async (_n, answer, bytes, modelCalls) => {
      const { ai, audio } = fakeAi(answer);
      const { say, sender, store } = wechatHarness({ env: { AI: ai } });
      if (bytes) api.media.set('m1', bytes);
      expect(await say(voice(sender, 'oFail'))).toBe(copy('wechat.voice_unrecognised', 'zh-CN'));
      expect((await store.load({ channel: 'wechat', userId: 'oFail' }, 'x')).version).toBe(0);
      await say(sender.event('oFailEn', 'subscribe'));
      await say(sender.text('oFailEn', '2', nextId()));
      expect(await say(voice(sender, 'oFailEn'))).toBe(copy('wechat.voice_unrecognised', 'en'));
      expect(audio).toHaveLength(modelCalls);
    },
  );

  it('answers success when transcription outlasts the budget, then replies by customer service', async () => {
    const { ai } = fakeAi({ text: '帮助', delayMs: 300 });
    const { say, sender, ctx } = wechatHarness({ env: { AI: ai, WECHAT_REPLY_BUDGET_MS: '100' } });
    api.media.set('m1', AMR);
    expect(await say(voice(sender, 'oLate'))).toBe('success');
    await ctx.settle();
    const [first] = api.customerServiceTexts();
    expect(first?.startsWith(copy('ask.voice_heard', 'zh-CN', { text: '帮助' }))).toBe(true);
  });

  it('sends the "please type" reply by customer service when a late transcription fails', async () => {
    const { ai } = fakeAi({ error: 'AiError', delayMs: 300 });
    const { say, sender, ctx } = wechatHarness({ env: { AI: ai, WECHAT_REPLY_BUDGET_MS: '100' } });
    api.media.set('m1', AMR);
    expect(await say(voice(sender, 'oLateFail'))).toBe('success');
    await ctx.settle();
    expect(api.customerServiceTexts()).toEqual([copy('wechat.voice_unrecognised', 'zh-CN')]);
  });

  it('without the AI binding asks to type and downloads nothing', async () => {
    const { say, sender } = wechatHarness();
    api.media.set('m1', AMR);
    expect(await say(voice(sender, 'oNoAi'))).toBe(copy('wechat.voice_unrecognised', 'zh-CN'));
    expect(api.calls).toEqual([]);
  });
});
