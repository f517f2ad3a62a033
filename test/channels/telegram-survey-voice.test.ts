import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/compose';
import { DEV_PSEUDONYM_SECRET } from '../../src/config';
import type { AiBinding } from '../../src/shell/speech';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import { surveyServices } from '../../src/surveys/io/services';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import { copy } from '../support/copy';
import { MemoryBucket } from '../support/media-bucket';
import {
  postUpdate,
  privateChat,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';
import { voiceSurvey } from '../media/voice-survey';

// Voice answers to a survey over Telegram: getFile and the download go to the fake Bot API
// (msw); the audio lands in an in-memory stand-in for the MEDIA bucket.

const SECRET = 'media-secret_1';
const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const li: TestSender = { id: 6161, is_bot: false, first_name: 'Li', language_code: 'en' };
const wang: TestSender = { id: 6262, is_bot: false, first_name: '王', language_code: 'zh-hans' };
const updates = updateFactory();
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 9]);

let store: Store;
let bucket: MemoryBucket;
beforeEach(() => {
  api.reset({ scripts: true });
  store = createMemoryStore();
  bucket = new MemoryBucket();
});

function app(ai?: AiBinding) {
  const log = memoryLogger();
  const env = { ...telegramTestEnv(SECRET), ...(ai ? { AI: ai } : {}) };
  const surveys = surveyServices({
    store,
    content: [voiceSurvey()],
    secret: DEV_PSEUDONYM_SECRET,
    now: Date.now,
    log,
  });
  return buildApp(env, { store, log, surveys, media: bucket.asBucket() });
}

function voiceNote(from: TestSender, fileId: string) {
  return {
    update_id: updates.nextId(),
    message: {
      message_id: updates.nextId(),
      date: 0,
      chat: privateChat(from),
      from,
      voice: { file_id: fileId, file_unique_id: `u-${fileId}`, duration: 3 },
    },
  };
}

const texts = () => api.of('sendMessage').map((m) => m.text as string);
const pseudonym = (from: TestSender) =>
  pseudonymizer(DEV_PSEUDONYM_SECRET)({ channel: 'telegram', userId: String(from.id) });

async function post(a: ReturnType<typeof app>, body: unknown) {
  api.reset();
  expect((await postUpdate(a, body, SECRET)).status).toBe(200);
  return texts();
}

/** Start the survey and agree: the first question (`story`) is open. */
async function atStory(a: ReturnType<typeof app>, from: TestSender) {
  await post(a, updates.text(from, '/survey voice_test'));
  const agree = copy('surveys.buttons.agree', from.language_code === 'en' ? 'en' : 'zh-CN');
  await post(a, updates.text(from, agree));
}

describe('voice answers to a survey over Telegram', () => {
  it('keeps the note under the pseudonym, never the user id, and records its key', async () => {
    const a = app();
    await atStory(a, li);
    api.files.set('v1', OGG);
    const replies = await post(a, voiceNote(li, 'v1'));
    expect(replies.join('\n')).toContain('Anything else?');
    const key = `survey/voice_test/${await pseudonym(li)}/story.ogg`;
    expect([...bucket.objects.keys()]).toEqual([key]);
    expect(bucket.objects.get(key)!.bytes).toEqual(OGG);
    expect(bucket.objects.get(key)!.type).toBe('audio/ogg');
    expect(key).not.toContain(String(li.id));
    const record = await store.getRecord('survey:voice_test:1', await pseudonym(li));
    expect(record).toMatchObject({ answers: { story: key, 'story#media': key } });
  });

  it('a re-delivered voice note fetches nothing again and is not refused', async () => {
    const a = app();
    await atStory(a, li);
    api.files.set('r1', OGG);
    const update = voiceNote(li, 'r1');
    await post(a, update);
    const again = await post(a, update);
    expect(api.calls.some((c) => c.method === 'getFile')).toBe(false);
    expect(again).not.toContain(copy('telegram.unsupported', 'en'));
    expect(again).not.toContain(copy('surveys_voice.type_please', 'en'));
    expect(bucket.objects.size).toBe(1);
  });

  it('a typed answer after going back replaces the voice answer and its media key', async () => {
    const a = app();
    await atStory(a, li);
    api.files.set('b1', OGG);
    await post(a, voiceNote(li, 'b1'));
    await post(a, updates.text(li, 'back'));
    await post(a, updates.text(li, 'I sell chairs'));
    const record = (await store.getRecord('survey:voice_test:1', await pseudonym(li))) as {
      answers: Record<string, unknown>;
    };
    expect(record.answers).toEqual({ story: 'I sell chairs' });
  });

  it('keeps the transcript beside the audio and uses it as the answer where AI is bound', async () => {
    const ai: AiBinding = { run: () => Promise.resolve({ text: '卖木头家具。' }) };
    const a = app(ai);
    await atStory(a, wang);
    api.files.set('v2', OGG);
    await post(a, voiceNote(wang, 'v2'));
    const base = `survey/voice_test/${await pseudonym(wang)}/story`;
    expect(new TextDecoder().decode(bucket.objects.get(`${base}.txt`)!.bytes)).toBe('卖木头家具');
    const record = await store.getRecord('survey:voice_test:1', await pseudonym(wang));
    expect(record).toMatchObject({
      answers: { story: '卖木头家具', 'story#media': `${base}.ogg` },
    });
  });

  it.each([
    ['en', li],
    ['zh-CN', wang],
  ] as const)(
    'asks to type at a text question without allowVoice, keeping nothing (%s)',
    async (locale, from) => {
      const a = app();
      await atStory(a, from);
      await post(a, updates.text(from, 'I sell chairs'));
      api.files.set('v3', OGG);
      const replies = await post(a, voiceNote(from, 'v3'));
      expect(replies[0]).toBe(copy('surveys_voice.type_please', locale));
      expect(bucket.objects.size).toBe(0);
      expect(api.calls.some((c) => c.method === 'getFile')).toBe(false);
    },
  );

  it('withdrawal deletes the person’s media; another person’s stays', async () => {
    const a = app();
    for (const [from, file] of [
      [li, 'w1'],
      [wang, 'w2'],
    ] as const) {
      await atStory(a, from);
      api.files.set(file, OGG);
      await post(a, voiceNote(from, file));
    }
    expect(bucket.objects.size).toBe(2);
    await post(a, updates.text(li, 'withdraw'));
    await post(a, updates.text(li, 'yes'));
    expect(await store.getRecord('survey:voice_test:1', await pseudonym(li))).toMatchObject({
      status: 'withdrawn',
    });
    expect([...bucket.objects.keys()]).toEqual([
      `survey/voice_test/${await pseudonym(wang)}/story.ogg`,
    ]);
  });

  it('/delete_me deletes the person’s media', async () => {
    const a = app();
    await atStory(a, li);
    api.files.set('d1', OGG);
    await post(a, voiceNote(li, 'd1'));
    expect(bucket.objects.size).toBe(1);
    await post(a, updates.text(li, '/delete_me'));
    await post(a, updates.text(li, copy('common.yes', 'en')));
    expect(await store.getRecord('survey:voice_test:1', await pseudonym(li))).toBeNull();
    expect(bucket.objects.size).toBe(0);
  });
});
