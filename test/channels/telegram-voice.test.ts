import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/compose';
import type { AiBinding } from '../../src/shell/speech';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import { copy } from '../support/copy';
import {
  postUpdate,
  privateChat,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';

// Speech to text for Telegram voice notes: getFile and the file download go to the fake
// Bot API (msw), the words come from a stand-in for the Workers AI binding.

const SECRET = 'voice-secret_1';
const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

const li: TestSender = { id: 4343, is_bot: false, first_name: 'Li', language_code: 'en' };
const wang: TestSender = { id: 5252, is_bot: false, first_name: '王', language_code: 'zh-hans' };
const updates = updateFactory();
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 9]);

function fakeAi(answer: { text?: string; error?: string }) {
  const audio: string[] = [];
  const ai: AiBinding = {
    run(_model, input) {
      audio.push(String(input.audio));
      return answer.error ? Promise.reject(new Error(answer.error)) : Promise.resolve(answer);
    },
  };
  return { ai, audio };
}

let store: Store;
beforeEach(() => {
  api.reset({ scripts: true });
  store = createMemoryStore();
});

function app(ai?: AiBinding) {
  const env = { ...telegramTestEnv(SECRET), ...(ai ? { AI: ai } : {}) };
  return buildApp(env, { store, log: memoryLogger() });
}

function voiceNote(from: TestSender, fileId: string, duration = 3) {
  return {
    update_id: updates.nextId(),
    message: {
      message_id: 1,
      date: 0,
      chat: privateChat(from),
      from,
      voice: { file_id: fileId, file_unique_id: `u-${fileId}`, duration, mime_type: 'audio/ogg' },
    },
  };
}

const texts = () => api.of('sendMessage').map((m) => m.text as string);

describe('Telegram voice notes with speech to text (AI binding)', () => {
  it.each([
    ['en', li, 'Hello.', 'Hello'],
    ['zh-CN', wang, '你好。', '你好'],
  ] as const)(
    'answer a transcribed note as typed text, said back first (%s)',
    async (locale, from, said, heard) => {
      const { ai, audio } = fakeAi({ text: said });
      api.files.set('f1', OGG);
      expect((await postUpdate(app(ai), voiceNote(from, 'f1'), SECRET)).status).toBe(200);
      expect(audio).toEqual([Buffer.from(OGG).toString('base64')]);
      expect(api.of('getFile')).toEqual([{ file_id: 'f1' }]);
      expect(api.of('download')).toEqual([{ bot: 'bot123456:TEST-token', name: 'f1.oga' }]);
      const [first, ...rest] = texts();
      expect(first).toBe(copy('ask.voice_heard', locale, { text: heard }));
      const stored = await store.load({ channel: 'telegram', userId: String(from.id) }, 'x');
      expect(stored.version).toBeGreaterThan(0);
      // The rest is what typing the words gets: the same person, typing, in a fresh store.
      expect(rest.length).toBeGreaterThan(0);
      api.reset();
      store = createMemoryStore();
      await postUpdate(app(), updates.text(from, heard), SECRET);
      expect(rest).toEqual(texts());
    },
  );

  it.each([
    ['the file is unknown', {}, undefined, 3],
    ['the model fails', { error: 'AiError: 3010' }, OGG, 3],
    ['the model hears nothing', { text: '' }, OGG, 3],
    ['the note is over a minute', { text: 'long' }, OGG, 61],
  ])('asks to type, in the person’s language, when %s', async (_n, answer, bytes, seconds) => {
    const { ai, audio } = fakeAi(answer);
    if (bytes) api.files.set('f2', bytes);
    await postUpdate(app(ai), voiceNote(li, 'f2', seconds), SECRET);
    await postUpdate(app(ai), voiceNote(wang, 'f2', seconds), SECRET);
    expect(texts()).toEqual([
      copy('telegram.unsupported', 'en'),
      copy('telegram.unsupported', 'zh-CN'),
    ]);
    if (seconds > 60) expect(audio).toEqual([]);
    expect((await store.load({ channel: 'telegram', userId: String(li.id) }, 'x')).version).toBe(0);
  });

  it('a re-delivered voice note runs no second turn and sends nothing again', async () => {
    const { ai } = fakeAi({ text: 'Hello' });
    api.files.set('f4', OGG);
    const note = voiceNote(li, 'f4');
    await postUpdate(app(ai), note, SECRET);
    const once = texts();
    const version = (await store.load({ channel: 'telegram', userId: String(li.id) }, 'x')).version;
    expect((await postUpdate(app(ai), note, SECRET)).status).toBe(200);
    expect(texts()).toEqual(once);
    const again = (await store.load({ channel: 'telegram', userId: String(li.id) }, 'x')).version;
    expect(again).toBe(version);
  });

  it('without the AI binding asks to type and downloads nothing', async () => {
    api.files.set('f3', OGG);
    await postUpdate(app(), voiceNote(wang, 'f3'), SECRET);
    expect(texts()).toEqual([copy('telegram.unsupported', 'zh-CN')]);
    expect(api.of('getFile')).toEqual([]);
  });
});
