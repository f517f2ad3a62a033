import { describe, expect, it } from 'vitest';
import { citedIds, numberCitations, uncitedLines } from './citations';

describe('source markers in lesson bodies', () => {
  it('lists the cited ids once each, in the order they first appear', () => {
    expect(citedIds('A.[^b] B.[^a]\nC.[^b]')).toEqual(['b', 'a']);
    expect(citedIds('No markers, and [a link](https://x.cn).')).toEqual([]);
  });

  it('finds lines with a figure and no marker, list numbers aside', () => {
    const body = [
      'In 2009 there were 3.',
      '1. Ask your county.',
      '2. In 2013 Bainiu sold nuts.[^bainiu]',
      '全国有１２个。',
      'No figures here.',
    ].join('\n');
    expect(uncitedLines(body)).toEqual([
      { line: 1, text: 'In 2009 there were 3.' },
      { line: 4, text: '全国有１２个。' },
    ]);
  });

  it('numbers markers in order and lists the sources under them', () => {
    const labels: Record<string, string> = { counts: 'Xinhua, 2019-08-02', ours: 'Ours' };
    expect(
      numberCitations(
        '3 in 2009.[^counts]\nAsk.[^ours] Again.[^counts] X.[^gone]',
        (id) => labels[id],
      ),
    ).toEqual({
      text: '3 in 2009.[1]\nAsk.[2] Again.[1] X.',
      sources: ['[1] Xinhua, 2019-08-02', '[2] Ours'],
    });
  });
});
