import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { withOverlay } from '../content/overlay';
import { liveAsker } from './actions';

describe('trainers answers merged from the content overlay', () => {
  it('adds them to a copy of the knowledge base, replacing a bundled FAQ of the same id', () => {
    const bundled = content.knowledge.passages.find((p) => p.link.kind === 'faq')!;
    const before = content.knowledge.passages.length;
    const entry = {
      id: bundled.link.id,
      question: {
        'zh-CN': '蜂蜜用玻璃瓶寄会不会碎？',
        en: 'Will honey in glass jars break in the post?',
      },
      answer: { 'zh-CN': '玻璃瓶要用气泡膜包好。', en: 'Wrap each glass jar in bubble wrap.' },
      experience: true,
    };
    const merged = withOverlay(content, { faq: { [entry.id]: entry, broken: { id: 1 } } });
    expect(content.knowledge.passages).toHaveLength(before);
    const ids = merged.knowledge.passages.map((p) => p.id);
    expect(ids).toContain(`trainer:${entry.id}:en`);
    expect(ids).not.toContain(bundled.id);
    expect(
      JSON.stringify(liveAsker(merged.knowledge).ask('honey glass jars break').passages),
    ).toContain('bubble wrap');
    expect(
      JSON.stringify(liveAsker(content.knowledge).ask('honey glass jars break').passages),
    ).not.toContain('bubble wrap');
  });
});
