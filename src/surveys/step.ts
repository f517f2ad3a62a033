import * as z from 'zod';
import { noRefs, type StepType } from '../core/steps/types';
import type { SurveyCatalog } from './catalog';
import { answerSurvey } from './runner/answer';
import { enterSurvey } from './runner/start';
import { SURVEY_TEXT_KEYS } from './runner/texts';
import { surveyIdSchema } from './schema';

/**
 * Run a whole survey from `Program.surveys` in one node: consent, one question at a time
 * with progress, back and skip, validation in the person's language, "Other, please
 * specify", then thanks. Its place in the survey is one flow variable, so answering
 * question N costs what answering question 1 does. Each answer is recorded with the turn.
 * `survey` names a fixed survey; `from` reads the id from a variable (`args` of
 * `/survey <id>` or the deep link `survey_<id>`); with neither, it offers the open ones.
 *
 * @example { "id": "run", "type": "survey", "from": "args" }
 */
export const surveyStepSchema = z
  .object({
    id: z.string(),
    type: z.literal('survey'),
    survey: surveyIdSchema.optional(),
    from: z.string().optional(),
    next: z.string().optional(),
  })
  .strict()
  .refine((n) => n.survey === undefined || n.from === undefined, {
    message: 'give at most one of "survey" and "from"',
  });

/** A `survey` node. */
export type SurveyStepNode = z.infer<typeof surveyStepSchema>;

/** The `survey` step type. */
export const surveyStep: StepType<SurveyStepNode> = {
  type: 'survey',
  schema: surveyStepSchema,
  enter(node, ctx) {
    const requested = node.survey ?? ctx.vars[node.from ?? ''];
    const transition = enterSurvey(ctx, typeof requested === 'string' ? requested : undefined);
    return transition.to === 'next' ? { to: 'next', node: node.next } : transition;
  },
  answer(node, answer, ctx) {
    const transition = answerSurvey(ctx, answer);
    return transition.to === 'next' ? { to: 'next', node: node.next } : transition;
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: node.next ? [node.next] : [],
    reads: node.from ? [node.from] : [],
    texts: [...SURVEY_TEXT_KEYS],
  }),
};

declare module '../core/steps' {
  interface StepNodes {
    survey: SurveyStepNode;
  }
}

declare module '../core/steps/types' {
  interface ProgramExtensions {
    /**
     * Surveys the `survey` step can run: those in content and those published through the
     * admin API (the shell adds these per turn from a cached catalogue).
     */
    surveys?: SurveyCatalog;
  }
}
