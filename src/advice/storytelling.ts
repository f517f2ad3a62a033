import { foldText, mentions } from '../core/keywords';
import { LOCALES } from '../core/message';
import { STORY_ELEMENTS, type AdviceData } from './content-schema';
import { finding, stepFor, tidy, verdictOf } from './result';
import type { Finding, Step, StorytellingInput, StorytellingResult } from './schemas';

/**
 * The storytelling check: which of the seven story elements a listing has (origin, maker,
 * process, heritage, proof, customer voice, call to action), found with the patterns of
 * `content/rules/storytelling.yaml`; a score out of 7 and a step for each missing one.
 *
 * @example storytellingCheck({ text: '我们村的山核桃，爷爷传下来的手艺。' }, data).present // ['origin', 'maker', 'process', 'heritage']
 */
export function storytellingCheck(input: StorytellingInput, data: AdviceData): StorytellingResult {
  const rules = data.rules.storytelling;
  const folded = foldText(input.text);
  const locales = input.locale ? [input.locale] : LOCALES;
  const present = STORY_ELEMENTS.filter((element) =>
    locales.some((l) => rules.elements[element][l].some((p) => mentions(folded, p))),
  );
  const missing = STORY_ELEMENTS.filter((element) => !present.includes(element));
  const score = present.length;

  const severity =
    score >= rules.good_score.value ? 'info' : score <= rules.weak_score.value ? 'serious' : 'warn';
  const findings: Finding[] = [
    finding('story_score', severity, {
      score,
      max: STORY_ELEMENTS.length,
      goodScore: rules.good_score.value,
      present,
      missing,
    }),
  ];
  const steps: Step[] = [];
  for (const element of missing) {
    const f = finding(`missing_${element}`, 'info', { element });
    findings.push(f);
    steps.push(stepFor(data, f, `add_${element}`));
  }
  return tidy({ verdict: verdictOf(findings), score, present, missing, findings, steps });
}
