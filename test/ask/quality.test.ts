import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asker } from '../../src/ask/answer';
import { evaluate, type EvalCase } from '../../src/ask/evaluate';
import { content } from '../../src/content';

const cases = (
  parse(readFileSync(join(import.meta.dirname, '../../bench/ask-eval.yaml'), 'utf8')) as {
    cases: EvalCase[];
  }
).cases;

describe('ask: quality on the evaluation set (bench/ask-eval.yaml)', () => {
  it('has at least 140 questions, half in each language, some unanswerable', () => {
    const zh = cases.filter((c) => /[\u3400-\u9fff]/.test(c.q)).length;
    expect(cases.length).toBeGreaterThanOrEqual(140);
    expect(Math.abs(zh - (cases.length - zh))).toBeLessThanOrEqual(4);
    expect(cases.filter((c) => c.expect === 'none').length).toBeGreaterThanOrEqual(20);
  });

  it('keeps top-3 at 0.9 or more and false answers at 0.1 or less', () => {
    const result = evaluate(asker(content.knowledge), cases);
    expect(result.top3, JSON.stringify(result.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(result.falseAnswerRate).toBeLessThanOrEqual(0.1);
  });
});
