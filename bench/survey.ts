import { buildProgram } from '../src/compose';
import type { Program } from '../src/core/engine';
import { flowSchema, type Flow } from '../src/core/flow';
import type { ResolvedTurn } from './transcript';

/**
 * A long survey for the flatness and peer measurements, generated with the engine's own
 * step types (ask_choice, ask_number, ask_text, ask_yes_no in turn). When the survey runner
 * lands, these give way to a real survey from content (see bench/README.md).
 */
export type QuestionKind = 'choice' | 'number' | 'text' | 'yes_no';

/** One generated question, as both implementations (ours and the peer) ask it. */
export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  text: { 'zh-CN': string; en: string };
  choices?: { id: string; label: { 'zh-CN': string; en: string } }[];
  min?: number;
  max?: number;
  maxLength?: number;
}

/**
 * The survey lengths the bench generates, each a flow `survey_<n>` with a `/survey_<n>`
 * command: 30 for CPU per update, 61 for flatness (question 60 is answered with the survey
 * still open; after the last answer both implementations drop the conversation).
 */
export const SURVEY_LENGTHS = [30, 61] as const;

const KINDS: readonly QuestionKind[] = ['choice', 'number', 'text', 'yes_no'];
const CHOICES = ['a', 'b', 'c', 'd'].map((id, i) => ({
  id,
  label: { 'zh-CN': `选项 ${i + 1}`, en: `Option ${i + 1}` },
}));

/** The survey's id for a length. */
export function surveyId(length: number): string {
  return `survey_${length}`;
}

/** The questions whose cost is compared: N = 1, 10, 30, 60. */
export const CHECKPOINTS = [1, 10, 30, 60] as const;

/**
 * `n` questions cycling through the four kinds, except that the checkpoints are all
 * multiple choice, so step N and step 1 do the same work (a tap costs more than a typed
 * number on Telegram: the button is acknowledged and removed).
 */
export function surveyQuestions(n: number): SurveyQuestion[] {
  const checkpoints: readonly number[] = CHECKPOINTS;
  return Array.from({ length: n }, (_, i): SurveyQuestion => {
    const kind = checkpoints.includes(i + 1) ? 'choice' : KINDS[i % KINDS.length]!;
    const text = {
      'zh-CN': `第 ${i + 1} 题：您的网店去年在这方面做得怎么样？`,
      en: `Question ${i + 1}: how did your shop do on this last year?`,
    };
    const base = { id: `q${i + 1}`, kind, text };
    if (kind === 'choice') return { ...base, choices: CHOICES };
    if (kind === 'number') return { ...base, min: 0, max: 100_000 };
    if (kind === 'text') return { ...base, maxLength: 500 };
    return base;
  });
}

/** What the simulated respondent answers to question number `index` (from 0). */
export function answerFor(question: SurveyQuestion, index: number): ResolvedTurn {
  switch (question.kind) {
    case 'choice': {
      const pick = index % CHOICES.length;
      return { tap: CHOICES[pick]!.id, index: pick + 1 };
    }
    case 'number':
      return { user: String(120 + index) };
    case 'text':
      return { user: '我们村主要卖山核桃和笋干，去年开始做直播，销量比前年多了三成。' };
    case 'yes_no':
      return index % 2 ? { tap: 'no', index: 2 } : { tap: 'yes', index: 1 };
  }
}

const THANKS = { 'zh-CN': '谢谢您完成问卷！', en: 'Thank you for completing the survey!' };

/** The survey as a flow of our engine, validated by the same schema content is. */
export function surveyFlow(id: string, questions: readonly SurveyQuestion[]): Flow {
  const nodes = questions.map((q) => {
    const common = { id: q.id, text: q.text, save: q.id };
    switch (q.kind) {
      case 'choice':
        return { ...common, type: 'ask_choice', choices: q.choices };
      case 'number':
        return { ...common, type: 'ask_number', min: q.min, max: q.max };
      case 'text':
        return { ...common, type: 'ask_text', maxLength: q.maxLength };
      case 'yes_no':
        return { ...common, type: 'ask_yes_no' };
    }
  });
  return flowSchema.parse({ id, nodes: [...nodes, { id: 'thanks', type: 'end', text: THANKS }] });
}

/** The thank-you text, which the peer sends too. */
export const SURVEY_THANKS = THANKS;

/**
 * The program every bench app runs: the bundled content plus the generated surveys,
 * injected the way `buildDeps(env, { program })` allows.
 */
export function benchProgram(): Program {
  const base = buildProgram();
  const surveys = Object.fromEntries(
    SURVEY_LENGTHS.map((n) => [surveyId(n), surveyFlow(surveyId(n), surveyQuestions(n))]),
  );
  const commands = Object.fromEntries(SURVEY_LENGTHS.map((n) => [surveyId(n), surveyId(n)]));
  return {
    ...base,
    flows: { ...base.flows, ...surveys },
    commands: { ...base.commands, ...commands },
  };
}
