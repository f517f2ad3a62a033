import { describe, expect, it } from 'vitest';
import { erasureEvents } from './record';
import { parseSurveyKey, responseTable, surveyKey } from './response';
import { longHeader, wideCells, wideHeader } from './waves-layout';

describe('panel waves in the response layout', () => {
  it('keeps wave 1 where it always was and later waves apart', () => {
    expect(responseTable('s', 2)).toBe('survey:s:2');
    expect(responseTable('s', 2, 3)).toBe('survey:s:2:w3');
    expect(parseSurveyKey(surveyKey('s', 2, 3))).toEqual({ id: 's', version: 2, wave: 3 });
    expect(parseSurveyKey('s@2')).toEqual({ id: 's', version: 2, wave: 1 });
  });

  it('erasing a person deletes their record in every wave', () => {
    const tables = erasureEvents({ 's@1': 'completed', 's@1:w2': 'started' }).flatMap((e) =>
      e.type === 'record_set' ? [e.table] : [],
    );
    expect(tables).toEqual(['survey:s:1', 'survey:s:1:w2']);
  });

  it('lays columns out long and wide', () => {
    expect(longHeader(['respondent', 'status', 'q'])).toEqual([
      'respondent',
      'wave',
      'status',
      'q',
    ]);
    expect(wideHeader(['respondent', 'status', 'q'], [1, 2])).toEqual([
      'respondent',
      'status_w1',
      'q_w1',
      'status_w2',
      'q_w2',
    ]);
    expect(wideCells('r1', [undefined, ['r1', 'completed', 4]], 3)).toEqual([
      'r1',
      undefined,
      undefined,
      'completed',
      4,
    ]);
  });
});
