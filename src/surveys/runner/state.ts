import type { Value } from '../../core/conditions';
import type { StepContext } from '../../core/steps/types';
import { definitionOf, turnCatalog } from '../catalog';
import type { SurveyDefinition } from '../schema';

/** The flow variable holding a survey run (one JSON string, so a new run replaces it whole). */
export const RUN_VAR = '_survey';

/** What a run is waiting for: consent, question `q`, "please specify" for `q`, an offer
 * to withdraw (already completed), or the withdrawal's confirmation. */
export type RunMode = 'consent' | 'q' | 'other' | 'done' | 'withdraw';

const MODES: ReadonlySet<unknown> = new Set<RunMode>(['consent', 'q', 'other', 'done', 'withdraw']);

/** A survey being answered, kept in the conversation between turns. */
export interface Run {
  id: string;
  v: number;
  /** The panel wave answered; absent for wave 1 (runs from before waves). */
  w?: number;
  mode: RunMode;
  q: number;
  /** Options ticked so far on a multiple-choice question. */
  sel?: string[];
  /** Where a "no" to the withdrawal question returns to. */
  back?: 'q' | 'done';
  startedAt?: number;
  answers: Record<string, Value>;
  other: Record<string, string>;
}

/** Choosing which survey to take (the menu's "Surveys" with no survey named). */
export interface Picking {
  mode: 'pick';
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Whether stored JSON is a run. The run is our own data, read every turn, so the check is
 * structural (cheap) rather than a schema walk over every answer: answering question N
 * must cost what answering question 1 does.
 */
function isRun(x: unknown): x is Run | Picking {
  if (!isRecord(x)) return false;
  if (x.mode === 'pick') return true;
  return (
    typeof x.id === 'string' &&
    typeof x.v === 'number' &&
    MODES.has(x.mode) &&
    typeof x.q === 'number' &&
    (x.w === undefined || typeof x.w === 'number') &&
    isRecord(x.answers) &&
    isRecord(x.other) &&
    (x.sel === undefined || Array.isArray(x.sel))
  );
}

/** The run kept in the flow's variables, if any (an unreadable one counts as none). */
export function readRun(vars: Readonly<Record<string, Value>>): Run | Picking | undefined {
  const raw = vars[RUN_VAR];
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRun(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Keep the run for the next turn; undefined clears it. */
export function writeRun(ctx: StepContext, run: Run | Picking | undefined): void {
  ctx.setVar(RUN_VAR, run === undefined ? null : JSON.stringify(run));
}

/** A fresh run of a survey version (in a panel wave after the first), at the consent question. */
export function newRun(survey: SurveyDefinition, wave = 1): Run {
  return {
    id: survey.id,
    v: survey.version,
    ...(wave > 1 ? { w: wave } : {}),
    mode: 'consent',
    q: 0,
    answers: {},
    other: {},
  };
}

/** The definition a run answers, if the catalogue still has that version. */
export function surveyOf(ctx: StepContext, run: Run): SurveyDefinition | undefined {
  return definitionOf(turnCatalog(ctx), run.id, run.v);
}
