import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import { voiceSurvey } from '../../../test/media/voice-survey';
import { translate } from '../../i18n';
import { createMemoryStore } from '../../store/memory';
import { codebookVariables } from '../codebook';
import { isSurveyMediaKey, mediaAnswerKey, mediaKey } from '../media-keys';
import { responseTable } from '../response';
import type { WaveLayout } from '../waves-layout';
import { exportStream, type ExportOptions } from './export';

// The `<q>_media` column: a link to the admin media route for each voice answer.

const P = `r${'cd'.repeat(16)}`;
const KEY = mediaKey('voice_test', P, 'story', 'ogg');

const Q = `r${'ef'.repeat(16)}`;
const LINK = `/admin/api/surveys/voice_test/media/${encodeURIComponent(KEY)}`;
const spoken = {
  status: 'completed',
  answers: { story: '卖家具', [mediaAnswerKey('story')]: KEY, detail: 'no' },
  other: {},
};
const typed = { status: 'started', answers: { story: 'typed' }, other: {} };

/** The CSV export of `voiceSurvey` with these records, by wave (default: wave 1 only). */
async function csvOf(
  records: Record<string, unknown> | Record<number, Record<string, unknown>>,
  options: Partial<ExportOptions> = {},
) {
  const store = createMemoryStore();
  const survey = voiceSurvey();
  const byWave = options.waves
    ? (records as Record<number, Record<string, unknown>>)
    : { 1: records as Record<string, unknown> };
  let n = 0;
  for (const [wave, rows] of Object.entries(byWave))
    for (const [key, value] of Object.entries(rows))
      await store.commit(
        { channel: 'x', userId: `${key}-${wave}` },
        {
          expectedVersion: 0,
          messageId: `m-${(n += 1)}`,
          conversation: null,
          profile: null,
          replies: [],
          effects: [
            {
              kind: 'put_record',
              table: responseTable(survey.id, 1, Number(wave)),
              key,
              value,
            },
          ],
        },
      );
  const stream = exportStream(store, survey, 'csv', { t: translate, ...options });
  return parseCsv((await new Response(stream).text()).replace(/^\uFEFF/, ''));
}

const arms: ExportOptions['arms'] = {
  ids: ['nudge'],
  byRespondent: new Map([[P, { nudge: 'story_first' }]]),
};

describe('voice answers in the export', () => {
  it('adds a story_media column with the media route link; typed answers leave it empty', async () => {
    const rows = await csvOf({ [P]: spoken, [Q]: typed });
    const header = rows[0]!;
    // The response's own columns end with the voice links; the person's columns follow.
    expect(header.slice(header.indexOf('story_media'))).toEqual([
      'story_media',
      'profile_province',
      'profile_category',
    ]);
    expect(header).not.toContain('detail_media');
    const at = header.indexOf('story_media');
    const cells = new Map(rows.slice(1).map((r) => [r[0], r[at]]));
    expect(cells.get(P)).toBe(LINK);
    expect(cells.get(Q)).toBe('');
  });

  it('has a voice link per wave in both panel layouts', async () => {
    const records = { 1: { [P]: typed }, 2: { [P]: spoken } };
    const long = await csvOf(records, { waves: { waves: [1, 2], layout: 'long' } });
    const at = long[0]!.indexOf('story_media');
    expect(at).toBeGreaterThan(0);
    expect(long.slice(1).map((r) => [r[1], r[at]])).toEqual([
      ['1', ''],
      ['2', LINK],
    ]);
    const wide = await csvOf(records, { waves: { waves: [1, 2], layout: 'wide' } });
    const header = wide[0]!;
    expect(wide[1]![header.indexOf('story_media_w1')]).toBe('');
    expect(wide[1]![header.indexOf('story_media_w2')]).toBe(LINK);
  });

  it('the codebook (and so the Stata, SPSS and R scripts) lists exactly the CSV columns', async () => {
    const layouts: (WaveLayout | undefined)[] = [
      undefined,
      { waves: [1, 2], layout: 'long' },
      { waves: [1, 2], layout: 'wide' },
    ];
    for (const waves of layouts) {
      const records = waves ? { 1: { [P]: spoken }, 2: { [P]: spoken } } : { [P]: spoken };
      const [header] = await csvOf(records, { arms, ...(waves ? { waves } : {}) });
      const variables = codebookVariables(voiceSurvey(), translate, waves, arms.ids);
      expect(variables.map((v) => v.variable)).toEqual(header);
      expect(header!.at(-1)).toBe('arm_nudge');
    }
    const media = codebookVariables(voiceSurvey(), translate).find(
      (v) => v.variable === 'story_media',
    );
    expect(media?.label?.en).toContain('Tell us about your shop.');
    expect(media?.label?.['zh-CN']).toContain('说说您的店。');
  });

  it('links only keys of this survey', () => {
    expect(isSurveyMediaKey('voice_test', KEY)).toBe(true);
    expect(isSurveyMediaKey('other', KEY)).toBe(false);
    expect(isSurveyMediaKey('voice_test', `survey/voice_test/${P}/../x.ogg`)).toBe(false);
    expect(isSurveyMediaKey('voice_test', `survey/voice_test/42/story.ogg`)).toBe(false);
  });
});
