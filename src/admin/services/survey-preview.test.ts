import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, botApiHandlers } from '../../../test/support/bot-api';
import { adminTestApp } from '../../../test/support/admin-app';
import type { Actor } from './service';
import { inviteToSurvey, previewSurveyInvitation, surveyDeliveries } from './survey-results';
import { publishSurvey, saveSurveyDraft } from './surveys';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const researcher: Actor = { label: 'li', role: 'researcher', via: 'token' };
const text = (en: string) => ({ 'zh-CN': en, en });
const draft = {
  id: 'market_day',
  title: text('Market day'),
  intro: text('One question.'),
  consent: text('Voluntary.'),
  thanks: text('Thanks!'),
  questions: [{ id: 'why', type: 'text', text: text('Why?') }],
};

describe('an invitation preview', () => {
  it('counts exactly who the job reaches, and a job reaching nobody is refused with why', async () => {
    const { deps, store, seedUsers, drain } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }, { id: 13, channel: 'wechat' }]);
    await saveSurveyDraft(deps, researcher, draft);
    await publishSurvey(deps, researcher, 'market_day');
    const send = { id: 'market_day', mode: 'send' as const, body: { audience: { all: true } } };

    const first = await previewSurveyInvitation(deps, researcher, send);
    expect(first).toEqual({
      ok: true,
      value: { size: 3, byChannel: { telegram: 2, wechat: 1 }, byLocale: { 'zh-CN': 2, en: 1 } },
    });
    const sent = await inviteToSurvey(deps, researcher, send);
    expect(sent.ok && sent.value.audience).toBe(3);
    await drain();
    // The researcher sees their invitation go out, with who sent it and its counters.
    const deliveries = await surveyDeliveries(deps, researcher, 'market_day');
    expect(deliveries.ok && deliveries.value).toMatchObject([
      {
        kind: 'invite',
        version: 1,
        job: { createdBy: 'li', status: 'done', counts: { audience: 3, sent: 2, pending: 0 } },
      },
    ]);

    // Everyone was invited: the same audience again previews 0, says why, and is refused.
    await seedUsers([{ id: 14, locale: 'en' }]);
    const again = await previewSurveyInvitation(deps, researcher, send);
    expect(again).toMatchObject({ ok: true, value: { size: 1, byLocale: { en: 1 } } });
    const english = { ...send, body: { audience: { locale: 'zh-CN' } } };
    const none = await previewSurveyInvitation(deps, researcher, english);
    expect(none).toEqual({
      ok: true,
      value: { size: 0, byChannel: {}, byLocale: {}, nobody: 'all_invited' },
    });
    const jobsBefore = await store.listJobs(50);
    expect(await inviteToSurvey(deps, researcher, english)).toMatchObject({
      ok: false,
      status: 409,
      error: 'all_invited',
    });
    expect(await store.listJobs(50)).toEqual(jobsBefore);
    const nobodyThere = { ...send, body: { audience: { province: 'xizang' } } };
    expect(await previewSurveyInvitation(deps, researcher, nobodyThere)).toMatchObject({
      ok: true,
      value: { size: 0, nobody: 'audience_empty' },
    });
  });
});
