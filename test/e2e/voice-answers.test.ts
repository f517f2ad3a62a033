import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, startBotApiServer } from '../support/bot-api.js';
import { copy } from '../support/copy.js';
import { parseCsv } from '../support/csv.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';
import { voiceSurvey } from '../media/voice-survey.js';
import { telegramTestEnv } from '../support/telegram-updates';

// Voice answers in workerd: a researcher publishes a survey with an allowVoice question,
// a person answers by voice note (the stand-in Bot API on loopback serves the file), the
// audio lands in Miniflare's local R2 bucket (MEDIA), and the export's link serves it.

const SECRET = 'e2e-voice-secret';
const RESEARCHER = 'research-e2e-token-0123456789';
const api = new FakeBotApi();
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 7, 7]);
let bot: Awaited<ReturnType<typeof startBotApiServer>>;
let worker: WranglerDev;
let updateId = 900;
const from = { id: 9191, is_bot: false, first_name: 'Ana', language_code: 'en' };
const chat = { id: 9191, type: 'private', first_name: 'Ana' };

beforeAll(async () => {
  bot = await startBotApiServer(api);
  worker = await startWranglerDev({
    vars: telegramTestEnv(SECRET, {
      TELEGRAM_API_ROOT: bot.url,
      ADMIN_TOKENS: `researcher:${RESEARCHER}`,
    }),
  });
});
afterAll(async () => {
  await worker?.stop();
  await bot?.close();
});

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${worker.url}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${RESEARCHER}`,
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

async function deliver(message: Record<string, unknown>) {
  const res = await fetch(`${worker.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
    body: JSON.stringify({
      update_id: ++updateId,
      message: { message_id: updateId, date: 0, chat, from, ...message },
    }),
  });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
}

describe('voice answers in workerd with the MEDIA bucket', () => {
  it('keeps a voice note in R2 and serves it by the export link, to a researcher', async () => {
    const { id, ...definition } = { ...voiceSurvey(), id: 'voice_e2e' };
    const saved = await admin('/admin/api/surveys', {
      method: 'POST',
      body: JSON.stringify({ id, ...definition }),
    });
    expect(saved.status, await saved.clone().text()).toBeLessThan(300);
    expect((await admin(`/admin/api/surveys/${id}/publish`, { method: 'POST' })).status).toBe(200);

    await deliver({ text: `/survey ${id}` });
    await deliver({ text: copy('surveys.buttons.agree', 'en') });
    api.files.set('e2e-voice', OGG);
    await deliver({ voice: { file_id: 'e2e-voice', file_unique_id: 'u', duration: 2 } });
    const sent = api.of('sendMessage').map((m) => String(m.text));
    expect(sent.at(-1)).toContain('Anything else?');

    const csv = await admin(`/admin/api/surveys/${id}/export?format=csv`);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    const column = rows[0]!.indexOf('story_media');
    const link = rows[1]![column]!;
    expect(link).toMatch(
      /^\/admin\/api\/surveys\/voice_e2e\/media\/survey%2Fvoice_e2e%2Fr[0-9a-f]{32}%2Fstory\.ogg$/,
    );
    const audio = await admin(link);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('Content-Type')).toBe('audio/ogg');
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(OGG);
    expect((await fetch(`${worker.url}${link}`)).status).toBe(401);
  });
});
