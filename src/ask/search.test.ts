import { describe, expect, it } from 'vitest';
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
