import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import { voiceSurvey } from '../../../test/media/voice-survey';
import { translate } from '../../i18n';
import { createMemoryStore } from '../../store/memory';
import { isSurveyMediaKey, mediaAnswerKey, mediaKey } from '../media-keys';
import { responseTable } from '../response';
import { exportStream } from './export';

// The `<q>_media` column: a link to the admin media route for each voice answer.

const P = `r${'cd'.repeat(16)}`;
const KEY = mediaKey('voice_test', P, 'story', 'ogg');

async function csvOf(records: Record<string, unknown>) {
  const store = createMemoryStore();
  const survey = voiceSurvey();
  for (const [key, value] of Object.entries(records))
    await store.commit(
      { channel: 'x', userId: key },
      {
        expectedVersion: 0,
        messageId: `m-${key}`,
        conversation: null,
        profile: null,
        replies: [],
        effects: [{ kind: 'put_record', table: responseTable(survey.id, 1), key, value }],
      },
    );
  const stream = exportStream(store, survey, 'csv', { t: translate });
  return parseCsv((await new Response(stream).text()).replace(/^\uFEFF/, ''));
}

describe('voice answers in the export', () => {
  it('adds a story_media column with the media route link; typed answers leave it empty', async () => {
    const rows = await csvOf({
      [P]: {
        status: 'completed',
        answers: { story: '卖家具', [mediaAnswerKey('story')]: KEY, detail: 'no' },
        other: {},
      },
      [`r${'ef'.repeat(16)}`]: { status: 'started', answers: { story: 'typed' }, other: {} },
    });
    const header = rows[0]!;
    expect(header.at(-1)).toBe('story_media');
    expect(header).not.toContain('detail_media');
    const cells = rows.slice(1).map((r) => r.at(-1));
    expect(cells).toContain(`/admin/api/surveys/voice_test/media/${encodeURIComponent(KEY)}`);
    expect(cells).toContain('');
  });

  it('links only keys of this survey', () => {
    expect(isSurveyMediaKey('voice_test', KEY)).toBe(true);
    expect(isSurveyMediaKey('other', KEY)).toBe(false);
    expect(isSurveyMediaKey('voice_test', `survey/voice_test/${P}/../x.ogg`)).toBe(false);
    expect(isSurveyMediaKey('voice_test', `survey/voice_test/42/story.ogg`)).toBe(false);
  });
});
