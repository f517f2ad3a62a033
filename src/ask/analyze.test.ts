import { describe, expect, it } from 'vitest';
import { analyzer } from './analyze';
import { splitClitic } from './words';

const analyze = analyzer({
  vocabulary: ['快递费'],
  synonyms: [
    ['快递', '快递费', 'ship', 'courier'],
    ['生鲜', '苹果', 'apple'],
  ],
  stopwords: ['的', '我', 'i', 'what', 'do', 'we'],
  light: ['茶叶', '山核桃', 'tea', 'Beijing', 'apple', 'hickory nut'],
});

describe('clitics', () => {
  it('splits them off, so the word meets its stop word or its stem', () => {
    expect(splitClitic("what's")).toBe('what');
    expect(splitClitic("don't")).toBe('do');
    expect(splitClitic("can't")).toBe('can');
    expect(splitClitic("we're")).toBe('we');
    expect(analyze.terms("What’s the courier's price, don't we ship?")).toEqual([
      'the',
      '快递',
      'pric',
      '快递',
    ]);
  });
});

describe('light words', () => {
  it('marks goods, places and amounts as light, after folding and stemming', () => {
    const terms = analyze.terms('my tea takes 6 days to Beijing');
    expect(terms.filter((t) => analyze.isLight(t))).toEqual(['tea', '6', 'beij']);
    expect(analyze.isLight('day')).toBe(false);
  });

  it('cuts a light Chinese word whole and treats 五天 or 一个 as amounts', () => {
    const terms = analyze.terms('我的山核桃寄到北京要五天');
    expect(terms).toContain('山核桃');
    expect(analyze.isLight('山核桃')).toBe(true);
    expect(analyze.isLight('五天')).toBe(true);
    expect(analyze.isLight('一个')).toBe(true);
    expect(analyze.isLight('快递')).toBe(false);
  });

  it('never makes a word of a synonym group light', () => {
    expect(analyze.terms('apple')).toEqual(['生鲜']);
    expect(analyze.isLight('生鲜')).toBe(false);
    expect(analyze.isLight('apple')).toBe(false);
  });

  it('tells words of the domain from goods and other words', () => {
    expect(analyze.isDomain('快递')).toBe(true);
    expect(analyze.isDomain('生鲜')).toBe(true);
    expect(analyze.isDomain('tea')).toBe(false);
    expect(analyze.isDomain('cook')).toBe(false);
  });

  it('knows the lexicon words a typo may have meant', () => {
    expect(analyze.latinWords).toContain('courier');
    expect(analyze.known('courier')).toBe('快递');
    expect(analyze.known('tea')).toBe('tea');
    expect(analyze.known('teapot')).toBeUndefined();
  });
});

describe('English phrases of a synonym group', () => {
  const phrases = analyzer({
    vocabulary: [],
    synonyms: [
      ['淘宝村', 'taobao village'],
      ['坏', 'spoil', 'go bad'],
    ],
    stopwords: ['my'],
  });

  it('are met as a whole, plural or not, and their words alone are not', () => {
    expect(phrases.terms('my kiwis go bad')).toEqual(['kiwi', '坏']);
    expect(phrases.terms('two Taobao Villages')).toEqual(['two', '淘宝村']);
    expect(phrases.terms('my village is bad')).toEqual(['villag', 'is', 'bad']);
  });
});

describe('Chinese particles', () => {
  it('drops a 了 the segmenter glued to a word', () => {
    expect(analyze.terms('快递费太贵了')).toContain('贵');
    expect(analyze.terms('快递费太贵了')).not.toContain('贵了');
  });
});

describe('place names the segmenter cuts up', () => {
  it('joins a county, town or village name and makes it light', () => {
    const terms = analyze.terms('丽水市遂昌县的');
    expect(terms).toEqual(['丽水市', '遂昌县']);
    expect(terms.every((t) => analyze.isLight(t))).toBe(true);
    expect(analyze.terms('白牛村的快递费')).toEqual(['白牛村', '快递']);
  });

  it('leaves a word that only ends like a place alone', () => {
    expect(analyze.isLight('农村')).toBe(false);
    expect(analyze.terms('农村电商').some((t) => analyze.isLight(t))).toBe(false);
  });
});
