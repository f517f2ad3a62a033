import { describe, expect, it } from 'vitest';
import { adminTestApp } from '../../../test/support/admin-app';
import type { Role } from '../../config';
import { readAudit } from '../audit';
import type { Actor } from './service';
import { exportSurvey, inviteToSurvey, surveyStats } from './survey-results';
import {
  closeSurvey,
  getSurvey,
  listSurveys,
  publishSurvey,
  reopenSurvey,
  saveSurveyDraft,
  validateSurvey,
} from './surveys';

const as = (role: Role): Actor => ({ label: `${role}#1`, role, via: 'token' });
const text = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const draft = {
  id: 'market_day',
  title: text('Market day', '赶集日'),
  intro: text('One question about market days.', '关于赶集日的一个问题。'),
  consent: text('Voluntary; answers kept under a code.', '自愿参加；回答只和编号放在一起。'),
  thanks: text('Thank you!', '谢谢！'),
  questions: [{ id: 'why', type: 'text', text: text('Why?', '为什么？') }],
};

describe('survey services', () => {
  it('let a researcher draft, publish, invite, read, export and close a survey', async () => {
    const { deps, store, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
    const researcher = as('researcher');
    expect(await validateSurvey(deps, researcher, draft)).toEqual({
      ok: true,
      value: { ok: true, problems: [] },
    });
    expect(await saveSurveyDraft(deps, researcher, draft)).toEqual({
      ok: true,
      value: { id: 'market_day', version: 1, created: true },
    });
    expect(await publishSurvey(deps, researcher, 'market_day')).toEqual({
      ok: true,
      value: { id: 'market_day', version: 1, status: 'open' },
    });
    const listed = await listSurveys(deps, researcher);
    expect(listed.ok && listed.value.map((s) => s.id)).toContain('market_day');
    const detail = await getSurvey(deps, researcher, 'market_day');
    expect(detail.ok && detail.value.definition?.questions.map((q) => q.id)).toEqual(['why']);
    const sent = await inviteToSurvey(deps, researcher, {
      id: 'market_day',
      mode: 'send',
      body: { audience: { all: true } },
    });
    if (!sent.ok) throw new Error(sent.error);
    const stats = await surveyStats(deps, researcher, { id: 'market_day', query: {} });
    expect(stats).toMatchObject({ ok: true, value: { id: 'market_day', version: 1 } });
    const answers = await surveyStats(deps, researcher, {
      id: 'market_day',
      query: { question: 'why' },
    });
    expect(answers).toMatchObject({ ok: true, value: { question: 'why', answers: [] } });
    const exported = await exportSurvey(deps, researcher, {
      id: 'market_day',
      query: { format: 'jsonl' },
    });
    expect(exported.ok && exported.value.name).toBe('market_day-v1.jsonl');
    const closed = await closeSurvey(deps, researcher, 'market_day');
    expect(closed.ok && closed.value?.status).toBe('closed');
    const trail = (await readAudit(store)).reverse();
    expect(trail.map((e) => [e.via, e.action, e.target?.id, e.details])).toEqual([
      ['token', 'survey.validate', 'market_day', undefined],
      ['token', 'survey.save', 'market_day', { version: 1, created: true }],
      ['token', 'survey.publish', 'market_day', { version: 1 }],
      ['token', 'survey.invite', 'market_day', { recipients: 2, version: 1, job: sent.value.id }],
      ['token', 'survey.export', 'market_day', { format: 'jsonl', lang: 'zh-CN', version: 1 }],
      ['token', 'survey.close', 'market_day', undefined],
    ]);
    // The survey's title travels with every entry, for sentences in either language.
    for (const e of trail) expect(e.target?.title).toMatchObject({ en: expect.any(String) });
  });

  it('list every problem of a definition, and what does not exist', async () => {
    const { deps } = adminTestApp();
    const researcher = as('researcher');
    const bad = await saveSurveyDraft(deps, researcher, { ...draft, questions: [] });
    expect(bad).toMatchObject({ ok: false, status: 400, error: 'invalid_survey' });
    expect(!bad.ok && bad.problems?.length).toBeGreaterThan(0);
    expect(await saveSurveyDraft(deps, researcher, undefined)).toMatchObject({
      status: 400,
      problems: [{ path: '', message: 'send a JSON object' }],
    });
    expect(await getSurvey(deps, researcher, 'nope')).toMatchObject({ status: 404 });
    expect(await surveyStats(deps, researcher, { id: 'nope', query: {} })).toMatchObject({
      status: 404,
    });
  });

  it('refuse a trainer every survey operation, changing and recording nothing', async () => {
    const { deps, store } = adminTestApp();
    const trainer = as('trainer');
    const id = 'market_day';
    for (const outcome of [
      await listSurveys(deps, trainer),
      await getSurvey(deps, trainer, id),
      await saveSurveyDraft(deps, trainer, draft),
      await validateSurvey(deps, trainer, draft),
      await publishSurvey(deps, trainer, id),
      await closeSurvey(deps, trainer, id),
      await reopenSurvey(deps, trainer, id),
      await inviteToSurvey(deps, trainer, { id, mode: 'send', body: { audience: { all: true } } }),
      await inviteToSurvey(deps, trainer, { id, mode: 'remind', body: {} }),
      await surveyStats(deps, trainer, { id, query: {} }),
      await exportSurvey(deps, trainer, { id, query: {} }),
    ])
      expect(outcome).toEqual({ ok: false, status: 403, error: 'forbidden' });
    expect(await store.surveyMeta(id)).toBeFalsy();
    expect(await readAudit(store)).toEqual([]);
  });
});
