import type { FigureStore, JobStore, SurveyStore } from '../../store/port';
import type { SurveyMeta } from '../meta';
import { responseTable, surveyCounter, surveyResponseSchema } from '../response';
import type { Question, SurveyDefinition } from '../schema';
import { StatsAccumulator, type QuestionStats, type TextAnswer } from '../stats-calc';

/** The response funnel of a survey version. */
export interface SurveyCounts {
  /** People an invitation reached (sent), over every invitation of this version. */
  invited: number;
  /** People who consented and began (completed ones included), minus withdrawals. */
  started: number;
  completed: number;
  /** Started, not finished. */
  partial: number;
  declined: number;
  withdrawn: number;
}

/** Live counts from the counters the turns keep, and the invitation jobs' sends (of one panel wave). */
export async function surveyCounts(
  store: SurveyStore & FigureStore & JobStore,
  id: string,
  version: number,
  meta: SurveyMeta | undefined,
  wave = 1,
): Promise<SurveyCounts> {
  const counters = await store.counters();
  const get = (s: 'started' | 'completed' | 'declined' | 'withdrawn') =>
    Math.max(0, counters[surveyCounter(id, version, s, wave)] ?? 0);
  const invites = (meta?.invitations ?? []).filter(
    (i) => i.kind === 'invite' && i.version === version && (i.wave ?? 1) === wave,
  );
  const sent = await Promise.all(
    invites.map(async (i) => (await store.jobCounts(i.jobId)).sent ?? 0),
  );
  const started = get('started');
  const completed = get('completed');
  return {
    invited: sent.reduce((a, b) => a + b, 0),
    started,
    completed,
    partial: Math.max(0, started - completed),
    declined: get('declined'),
    withdrawn: get('withdrawn'),
  };
}

/** Per-question statistics, from one scan of the responses (a page at a time). */
export async function questionStats(
  store: SurveyStore & FigureStore & JobStore,
  survey: SurveyDefinition,
): Promise<QuestionStats[]> {
  const stats = new StatsAccumulator(survey);
  let cursor = '0';
  do {
    const page = await store.scanRecords(responseTable(survey.id, survey.version), cursor, 1000);
    for (const { key, value } of page.records) {
      const record = surveyResponseSchema.safeParse(value);
      if (
        record.success &&
        (record.data.status === 'started' || record.data.status === 'completed')
      )
        stats.add(key, record.data);
    }
    cursor = page.cursor;
  } while (cursor !== '0');
  return stats.result();
}

/**
 * One page of a text question's answers: those among the next `limit` respondents of the
 * scan (so a page may hold fewer, even none, with more to come). Follow `cursor` until '0'.
 */
export async function textAnswers(
  store: SurveyStore & FigureStore & JobStore,
  survey: SurveyDefinition,
  question: Question,
  cursor: string,
  limit: number,
): Promise<{ answers: TextAnswer[]; cursor: string }> {
  const page = await store.scanRecords(responseTable(survey.id, survey.version), cursor, limit);
  const answers: TextAnswer[] = [];
  for (const { key, value } of page.records) {
    const record = surveyResponseSchema.safeParse(value);
    if (!record.success) continue;
    // A text question's answer, or what was typed for "Other" on a choice question.
    const text =
      question.type === 'text' ? record.data.answers[question.id] : record.data.other[question.id];
    if (typeof text === 'string')
      answers.push({ respondent: key, text, at: record.data.updatedAt ?? null });
  }
  return { answers, cursor: page.cursor };
}
