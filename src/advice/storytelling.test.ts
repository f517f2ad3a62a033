import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { storytellingCheck } from './storytelling';

const data = content.advice;
const check = (text: string, locale?: 'zh-CN' | 'en') => storytellingCheck({ text, locale }, data);

const FULL_ZH =
  '我们的山核桃产自临安的小山村。我叫王明，和父亲一起手工挑选、慢慢炒制，这是祖辈传承下来的老手艺。' +
  '产品有检测报告。老客户说：“吃过最香的一次。”喜欢就赶紧下单吧！';
const FULL_EN =
  "Our hickory nuts come from a small village in Lin'an. I'm Wang Ming; my father and I roast every batch by hand, " +
  'a recipe handed down for three generations. Certified organic, lab tested. ' +
  'Customers say: "the best we ever had." Order now!';

describe('storytelling check', () => {
  it.each([
    ['zh-CN', FULL_ZH],
    ['en', FULL_EN],
  ])('finds all seven elements in a full %s story', (_lang, text) => {
    const result = check(text);
    expect(result.missing).toEqual([]);
    expect(result.score).toBe(7);
    expect(result.verdict).toBe('ok');
    expect(result.steps).toEqual([]);
  });

  it('reports what is missing, with a step for each, and a score out of 7', () => {
    const result = check('新鲜山核桃，来自我们村。欢迎选购！');
    expect(result.present).toEqual(['origin', 'call_to_action']);
    expect(result.missing).toEqual(['maker', 'process', 'heritage', 'proof', 'customer_voice']);
    expect(result.score).toBe(2);
    expect(result.verdict).toBe('serious');
    expect(result.steps.map((s) => s.id)).toEqual([
      'add_maker',
      'add_process',
      'add_heritage',
      'add_proof',
      'add_customer_voice',
    ]);
    expect(result.steps.every((s) => s.quickWin)).toBe(true);
  });

  it.each([
    [0, 'serious'],
    [2, 'serious'],
    [3, 'warn'],
    [4, 'warn'],
    [5, 'ok'],
  ])('a score of %d is %s', (score, verdict) => {
    const parts = ['来自我们村。', '我叫王明。', '手工制作。', '传统做法。', '有检测报告。'];
    const result = check(parts.slice(0, score).join('') || '山核桃一斤装');
    expect(result.score).toBe(score);
    expect(result.verdict).toBe(verdict);
  });

  it('matches Latin patterns at the start of a word only', () => {
    expect(check('A short history of nuts').present).not.toContain('call_to_action');
    expect(check('Certificates included').present).toContain('proof');
    expect(check('clicking').present).toContain('call_to_action');
    expect(check('reclick').present).not.toContain('call_to_action');
  });

  it('tries both languages unless told which one the text is in', () => {
    expect(check('Order now 产自临安').present).toEqual(['origin', 'call_to_action']);
    expect(check('Order now 产自临安', 'zh-CN').present).toEqual(['origin']);
    expect(check('Order now 产自临安', 'en').present).toEqual(['call_to_action']);
  });

  it('uses the patterns in content, so editors can add words', () => {
    const more = structuredClone(data);
    more.rules.storytelling.elements.heritage['zh-CN'].push('老味道');
    expect(storytellingCheck({ text: '老味道' }, more).present).toEqual(['heritage']);
    expect(check('老味道').present).toEqual([]);
  });
});
