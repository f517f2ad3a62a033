import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import { seedTelegramAudience } from '../../../test/support/audience';
import { seedRecords } from '../../../test/support/survey-records';
import { content } from '../../content';
import { translate } from '../../i18n';
import { createMemoryStore } from '../../store/memory';
import { analysisModel } from '../analysis';
import { responseTable } from '../response';
import { exportStream } from './export';
import { profilesByPseudonym } from './profiles';
import { pseudonymizer } from './pseudonym';

const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;
const answered = { status: 'started', answers: { category: 'furniture' }, other: {} };

describe('survey export: profile province and category', () => {
  it('fills them for people who consented to keep their profile, and only for them', async () => {
    const store = createMemoryStore();
    // Telegram 1 and 2 consented; 3 did not (its fields must not leak into the export).
    await seedTelegramAudience(store, 3, {
      fields: (i) => ({
        province: `p${i}`,
        category: `c${i}`,
        ...(i === 3 ? { consent: false } : {}),
      }),
    });
    const pseudonym = pseudonymizer('test-secret');
    const ids = await Promise.all(
      [1, 2, 3].map((i) => pseudonym({ channel: 'telegram', userId: String(i) })),
    );
    await seedRecords(store, responseTable(survey.id, survey.version), {
      [ids[0]!]: answered,
      [ids[2]!]: answered,
      rStranger: answered,
    });
    const profiles = await profilesByPseudonym(store, pseudonym);
    expect([...profiles.keys()].sort()).toEqual([ids[0], ids[1]].sort());
    expect(await profilesByPseudonym(store, undefined)).toEqual(new Map());

    const csv = await new Response(
      exportStream(store, survey, 'csv', { t: translate, profiles }),
    ).text();
    const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
    const at = (name: string) => header!.indexOf(name);
    expect(at('profile_province')).toBeGreaterThan(at('outlook'));
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get(ids[0])?.[at('profile_province')]).toBe('p1');
    expect(byId.get(ids[0])?.[at('profile_category')]).toBe('c1');
    expect(byId.get(ids[2])?.[at('profile_province')]).toBe('');
    expect(byId.get('rStranger')?.[at('profile_category')]).toBe('');
    // The scripts read the same columns in the same places.
    const model = analysisModel(survey, 'en', translate);
    expect(model.columns.map((c) => c.column)).toEqual(header);

    const lines = (
      await new Response(exportStream(store, survey, 'jsonl', { t: translate, profiles })).text()
    )
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { respondent: string; profile: unknown });
    const json = new Map(lines.map((l) => [l.respondent, l.profile]));
    expect(json.get(ids[0]!)).toEqual({ province: 'p1', category: 'c1' });
    expect(json.get(ids[2]!)).toBeNull();
  });
});
