import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { asker } from '../src/ask/answer';
import { evaluate, type EvalCase } from '../src/ask/evaluate';
import { content } from '../src/content';
import { summarize, type Percentiles } from './stats';

/** The ask section: quality on bench/ask-eval.yaml and the CPU of one question. */
export interface AskBenchResult {
  cases: number;
  top1: number;
  top3: number;
  falseAnswerRate: number;
  /** Milliseconds of one `ask` (routing, search, ranking), warm isolate. */
  cpuMs: Percentiles;
  /** Milliseconds to build the index from the bundle (once per isolate). */
  buildMs: number;
}

/** Run the evaluation set, then time each question `rounds` times. */
export function measureAsk(rounds = 20): AskBenchResult {
  const cases = (
    parse(readFileSync(join(import.meta.dirname, 'ask-eval.yaml'), 'utf8')) as {
      cases: EvalCase[];
    }
  ).cases;
  const started = performance.now();
  const built = asker(content.knowledge);
  const buildMs = performance.now() - started;
  const quality = evaluate(built, cases);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const c of cases) {
      const t = performance.now();
      built.ask(c.q);
      samples.push(performance.now() - t);
    }
  }
  return {
    cases: cases.length,
    top1: quality.top1,
    top3: quality.top3,
    falseAnswerRate: quality.falseAnswerRate,
    cpuMs: summarize(samples.sort((a, b) => a - b)),
    buildMs,
  };
}
