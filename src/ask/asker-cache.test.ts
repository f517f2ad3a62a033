import { describe, expect, it } from 'vitest';
import { askerFor, liveAsker } from './actions';
import type { Knowledge } from './schema';

const knowledge = {
  lexicon: { vocabulary: [], synonyms: [], stopwords: [] },
  passages: [],
  routes: [],
  negations: [],
  experience: {},
} as unknown as Knowledge;

describe('the asker cache', () => {
  it('builds the index once per knowledge base, not once per question', () => {
    const first = liveAsker(knowledge);
    expect(liveAsker(knowledge)).toBe(first);
    expect(askerFor(knowledge)).toBe(first);
  });

  it('builds again for another knowledge base or other trainer passages', () => {
    const first = askerFor(knowledge);
    expect(askerFor({ ...knowledge })).not.toBe(first);
    expect(askerFor(knowledge, [])).not.toBe(first);
  });
});
