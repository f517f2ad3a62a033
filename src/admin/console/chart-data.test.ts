import { describe, expect, it } from 'vitest';
import { clip, funnel, histogramBins, niceStep, percent, segments } from './chart-data';
import { markupParts } from './markup';
import { liveSignature } from './live';

describe('chart data', () => {
  it('bins few distinct integers one per value', () => {
    expect(histogramBins([1, 2, 2, 3, 3, 3])).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 2 },
      { from: 3, to: 4, count: 3 },
    ]);
  });

  it('bins a wide range in round steps, the maximum in the last bin', () => {
    const bins = histogramBins([0, 15, 99, 100, 250, 999], 10);
    expect(bins[0]).toEqual({ from: 0, to: 100, count: 3 });
    expect(bins.at(-1)).toEqual({ from: 900, to: 1000, count: 1 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(bins.length).toBeLessThanOrEqual(11);
  });

  it('bins decimals without floating-point noise, and ignores what is not a number', () => {
    const bins = histogramBins([0.1, 0.2, 0.30000000000000004, NaN, Infinity]);
    expect(bins.every((b) => String(b.from).length < 8)).toBe(true);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(histogramBins([])).toEqual([]);
    expect(histogramBins([5, 5, 5])).toEqual([{ from: 5, to: 6, count: 3 }]);
  });

  it('picks 1-2-5 steps', () => {
    expect([0.3, 1, 1.5, 3, 7, 12, 0].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 20, 1]);
  });

  it('computes funnel conversion against the step before, bars against the largest', () => {
    expect(
      funnel([
        { key: 'invited', value: 200 },
        { key: 'started', value: 50 },
        { key: 'completed', value: 40 },
      ]),
    ).toEqual([
      { key: 'invited', value: 200, width: 100, ofPrevious: undefined },
      { key: 'started', value: 50, width: 25, ofPrevious: 25 },
      { key: 'completed', value: 40, width: 20, ofPrevious: 80 },
    ]);
    // People who opened the survey by a link were never invited: no "% of 0".
    const direct = funnel([
      { key: 'invited', value: 0 },
      { key: 'started', value: 3 },
      { key: 'completed', value: 2 },
    ]);
    expect(direct.map((s) => [s.width, s.ofPrevious])).toEqual([
      [0, undefined],
      [100, undefined],
      [(100 * 2) / 3, 67],
    ]);
    // A step that is not a part of the one before (started: some came by a link) gets no
    // share of it, which could read "75% of the invited started" when two of four did.
    const mixed = funnel([
      { key: 'invited', value: 4 },
      { key: 'started', value: 3, partOfPrevious: false },
      { key: 'completed', value: 3 },
    ]);
    expect(mixed.map((s) => s.ofPrevious)).toEqual([undefined, undefined, 100]);
    expect(percent(1, 3)).toBe(33);
  });

  it('lays out a progress bar whose segments add up to the whole', () => {
    const parts = segments({ sent: 3, failed: 1, pending: 4 }, ['sent', 'failed', 'pending'], 8);
    expect(parts).toEqual([
      { key: 'sent', value: 3, x: 0, width: 37.5 },
      { key: 'failed', value: 1, x: 37.5, width: 12.5 },
      { key: 'pending', value: 4, x: 50, width: 50 },
    ]);
    expect(segments({ sent: 0 }, ['sent'], 0)).toEqual([{ key: 'sent', value: 0, x: 0, width: 0 }]);
  });

  it('clips long labels on whole characters', () => {
    expect(clip('短标签')).toBe('短标签');
    expect([...clip('很'.repeat(50), 10)]).toHaveLength(10);
    expect(clip('👨‍👩‍👧'.repeat(20), 5).endsWith('…')).toBe(true);
  });
});

describe('chat markup preview', () => {
  it('splits bold and links the way the channels render them; other text stays text', () => {
    expect(markupParts('**新课**：看 [指南](https://x.cn/a) <b>x</b>')).toEqual([
      { kind: 'bold', text: '新课' },
      { kind: 'text', text: '：看 ' },
      { kind: 'link', text: '指南', href: 'https://x.cn/a' },
      { kind: 'text', text: ' <b>x</b>' },
    ]);
    expect(markupParts('[x](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[x](javascript:alert(1))' },
    ]);
  });
});

describe('live refresh', () => {
  it('signs the counts of an answer, or the whole answer, as the page script does', () => {
    expect(liveSignature({ counts: { started: 1 }, generatedAt: 'x' })).toBe('{"started":1}');
    expect(liveSignature([{ id: 'a' }])).toBe('[{"id":"a"}]');
  });
});
