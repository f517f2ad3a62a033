import { describe, expect, it } from 'vitest';
import { MIN_CONFIDENCE } from './answer';
import type { Passage } from './schema';
import { KnowledgeIndex } from './search';

const lexicon = { vocabulary: [], synonyms: [], stopwords: [] };

/** One English passage per term, in this order. */
function indexOf(...terms: string[]): KnowledgeIndex {
  const passages = terms.map((term) => ({ id: term, locale: 'en', tf: { [term]: 1 } }));
  return new KnowledgeIndex({ lexicon, passages: passages as unknown as Passage[] });
}

const found = (index: KnowledgeIndex, question: string) =>
  index.search(question).map((h) => h.passage.id);

describe('a misspelt word in a question', () => {
  const index = indexOf('parcel', 'courier', 'refund', 'deposit', 'tariff');

  it('finds the term one letter wrong, missing, extra or swapped', () => {
    expect(found(index, 'parcol')).toEqual(['parcel']);
    expect(found(index, 'courer')).toEqual(['courier']);
    expect(found(index, 'refunnd')).toEqual(['refund']);
    expect(found(index, 'depsoit')).toEqual(['deposit']);
  });

  it('finds nothing two edits away', () => {
    expect(found(index, 'tarrifs')).toEqual([]);
    expect(found(index, 'dpesoti')).toEqual([]);
  });

  it('takes the first term of the index when two are one edit away', () => {
    expect(found(indexOf('parcels', 'parcel'), 'parcell')).toEqual(['parcels']);
    expect(found(indexOf('parcel', 'parcels'), 'parcell')).toEqual(['parcel']);
  });
});

describe('a misspelt word and the lexicon', () => {
  it('keeps the first letter: a word is not read as one starting otherwise', () => {
    const index = indexOf('parcel', 'stick');
    expect(found(index, 'qarcel')).toEqual([]);
    expect(found(index, 'stock')).toEqual(['stick']);
    expect(found(index, 'ztick')).toEqual([]);
  });

  it('finds a lexicon word the passages only hold as its synonym head', () => {
    const index = new KnowledgeIndex({
      lexicon: { ...lexicon, synonyms: [['平台', 'platform']] },
      passages: [{ id: 'p', locale: 'en', tf: { 平台: 1 } }] as unknown as Passage[],
    });
    expect(found(index, 'platfrom')).toEqual(['p']);
  });
});

describe('light words in a question', () => {
  const index = new KnowledgeIndex({
    lexicon: { ...lexicon, synonyms: [['platform', 'platforms']], light: ['tea', 'yunnan'] },
    passages: [
      { id: 'platform', locale: 'en', tf: { platform: 1, choos: 1 } },
      { id: 'honey', locale: 'en', tf: { honey: 1, label: 1 } },
      { id: 'tea', locale: 'en', tf: { tea: 1, label: 1 } },
      ...['deposit', 'parcel', 'photo', 'title', 'review', 'refund', 'licence'].map((term) => ({
        id: term,
        locale: 'en',
        tf: { [term]: 1 },
      })),
    ] as unknown as Passage[],
  });

  it('weigh little in its coverage, known to the shelf or not', () => {
    const [hit] = index.search('platform tea yunnan');
    expect(hit?.passage.id).toBe('platform');
    expect(hit?.coverage).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
    const [heavy] = index.search('platform weather tomorrow');
    expect(heavy?.passage.id).toBe('platform');
    expect(heavy?.coverage).toBeLessThan(MIN_CONFIDENCE);
  });

  it('weigh in full without a word of the domain: the question is about the goods', () => {
    const [hit] = index.search('choose tea yunnan');
    expect(hit?.passage.id).toBe('platform');
    expect(hit?.coverage).toBeLessThan(MIN_CONFIDENCE);
  });

  it('still tell two passages that differ only in them apart', () => {
    expect(found(index, 'tea label')[0]).toBe('tea');
  });
});
