import { describe, expect, it } from 'vitest';
import { copy } from '../../../test/support/copy';
import { buildApp } from '../../compose';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { startPayload } from './page';

const app = () => buildApp({}, { store: createMemoryStore(), log: memoryLogger() });

/** The page's boot data, as its script reads it. */
async function boot(a: ReturnType<typeof app>, query: string) {
  const res = await a.request(`/chat${query}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const json = /window\.CHAT_BOOT = (\{.*?\});<\/script>/.exec(html)?.[1];
  return { html, boot: JSON.parse(json ?? 'null') as { start: string | null; userId: string } };
}

async function say(a: ReturnType<typeof app>, userId: string, text: string, locale: string) {
  const res = await a.request('/webchat/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, text, locale, messageId: `m-${Math.random()}` }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
}

describe('/chat?start=survey_<id>', () => {
  it('accepts a deep-link payload and ignores anything else', () => {
    expect(startPayload('survey_seller_baseline')).toBe('survey_seller_baseline');
    for (const bad of ['', 'Survey_X', '<script>', 'survey x', 'a'.repeat(80), undefined])
      expect(startPayload(bad)).toBeUndefined();
  });

  it('hands the page the payload to send as /start, and nothing for a malformed one', async () => {
    const a = app();
    expect((await boot(a, '?start=survey_seller_baseline')).boot.start).toBe(
      'survey_seller_baseline',
    );
    const bad = await boot(a, '?start=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(bad.boot.start).toBeNull();
    expect(bad.html).not.toContain('<script>alert(1)');
  });

  it('starts that survey, and says an unknown one kindly in the person’s language', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const a = app();
      const { boot: b } = await boot(a, '?start=survey_seller_baseline');
      const opened = (await say(a, b.userId, `/start ${b.start}`, locale)).join('\n');
      expect(opened).toContain(copy('surveys.consent_ask', locale));
      const other = (await boot(a, '?start=survey_no_such_survey')).boot;
      const unknown = await say(a, other.userId, `/start ${other.start}`, locale);
      expect(unknown.join('\n')).toContain(
        copy('surveys.not_found', locale, { id: 'no_such_survey' }),
      );
    }
  });
});
