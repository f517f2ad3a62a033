import type { StepContext, Transition } from '../../core/steps/types';
import { turnCatalog, type SurveyEntry } from '../catalog';
import type { SurveyDefinition } from '../schema';
import { askCurrent } from './ask';
import { keepRefusal, statusIn, withdrewEarlier } from './keep';
import { newRun, readRun, surveyOf, writeRun, type Run } from './state';

/** What `/survey <id> [later|no|withdraw]` and the deep link `survey_<id>` ask for. */
export interface SurveyRequest {
  id?: string;
  action?: 'later' | 'no' | 'withdraw';
}

const ACTIONS = new Set(['later', 'no', 'withdraw']);

/**
 * Read a request: the survey id (exactly, or after a `survey_` deep-link prefix) and an
 * optional action, as the invitation's buttons send them.
 *
 * @example parseRequest('survey_baseline', ids) // { id: 'baseline' }
 * @example parseRequest('baseline later', ids) // { id: 'baseline', action: 'later' }
 */
export function parseRequest(
  raw: string | undefined,
  known: (id: string) => boolean,
): SurveyRequest {
  const [word, action] = (raw ?? '').trim().toLowerCase().split(/\s+/);
  if (!word) return {};
  const id = known(word) || !word.startsWith('survey_') ? word : word.slice('survey_'.length);
  return {
    id,
    ...(action && ACTIONS.has(action) ? { action: action as SurveyRequest['action'] } : {}),
  };
}

/** Whether the survey's closing time has passed. */
export function pastClosing(ctx: StepContext, survey: SurveyDefinition): boolean {
  return survey.closesAt !== undefined && Date.parse(survey.closesAt) <= ctx.now();
}

/** Say the survey takes no answers now and leave it. */
function refuse(ctx: StepContext, key: 'closed' | 'full', survey: SurveyDefinition): Transition {
  writeRun(ctx, undefined);
  ctx.reply(ctx.text(`surveys.${key}`, { title: ctx.text(survey.title) }));
  return { to: 'next' };
}

/**
 * Arrive at the survey step: continue a run kept from before (after an interruption or a
 * pause), or open the survey the request names, or offer the open surveys to pick from.
 */
export function enterSurvey(ctx: StepContext, raw: string | undefined): Transition {
  const request = parseRequest(raw, (id) => id in turnCatalog(ctx));
  const kept = readRun(ctx.vars);
  if (kept && kept.mode !== 'pick' && !request.action && (!request.id || request.id === kept.id)) {
    const survey = surveyOf(ctx, kept);
    if (survey) {
      ctx.reply(ctx.text('surveys.resumed', { title: ctx.text(survey.title) }));
      return askCurrent(ctx, survey, kept);
    }
  }
  if (!request.id) return offerOpen(ctx);
  return openSurvey(ctx, request.id, request.action);
}

/** List the surveys open to new respondents, to pick one. */
export function offerOpen(ctx: StepContext): Transition {
  const open = Object.values(turnCatalog(ctx)).filter((e) => e.status === 'open' && current(e));
  if (open.length === 0) {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.none_open'));
    return { to: 'next' };
  }
  writeRun(ctx, { mode: 'pick' });
  ctx.reply(
    ctx.text('surveys.pick'),
    open.map((e) => ({ id: e.id, label: ctx.text(current(e)!.title) })),
  );
  return { to: 'wait' };
}

function current(entry: SurveyEntry): SurveyDefinition | undefined {
  return entry.versions[String(entry.current)];
}

/** Open a survey by id: the checks for one response per person, closing and quota, then consent. */
export function openSurvey(
  ctx: StepContext,
  id: string,
  action?: SurveyRequest['action'],
): Transition {
  const entry = turnCatalog(ctx)[id];
  const survey = entry && current(entry);
  if (!entry || !survey) {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.not_found', { id }));
    return { to: 'next' };
  }
  const title = ctx.text(survey.title);
  const wave = entry.wave ?? 1;
  const status = statusIn(ctx, survey.id, survey.version, wave);
  const run: Run = newRun(survey, wave);
  if (action === 'later') {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.later', { id }));
    return { to: 'next' };
  }
  if (status === 'withdrawn' || (wave > 1 && withdrewEarlier(ctx, survey.id, wave))) {
    writeRun(ctx, undefined);
    ctx.reply(ctx.text('surveys.was_withdrawn', { title }));
    return { to: 'next' };
  }
  if (action === 'withdraw') {
    if (status !== 'started' && status !== 'completed') {
      writeRun(ctx, undefined);
      ctx.reply(ctx.text('surveys.nothing_to_withdraw', { title }));
      return { to: 'next' };
    }
    return askCurrent(ctx, survey, { ...run, mode: 'withdraw', back: 'done' });
  }
  if (status === 'completed') return askCurrent(ctx, survey, { ...run, mode: 'done' });
  if (action === 'no') {
    writeRun(ctx, undefined);
    // An unfinished response is not thrown away by an invitation's "No thanks".
    if (status !== 'started') keepRefusal(ctx, survey.id, survey.version, 'declined', wave);
    ctx.reply(ctx.text(status === 'started' ? 'surveys.later' : 'surveys.declined', { id }));
    return { to: 'next' };
  }
  if (entry.status === 'closed' || pastClosing(ctx, survey)) return refuse(ctx, 'closed', survey);
  if (entry.status === 'full' && status !== 'started') return refuse(ctx, 'full', survey);
  return askCurrent(ctx, survey, run);
}
