import type { Recipient } from '../../broadcast/audience';
import type { RecipientFilter } from '../../broadcast/choices';
import type { UserRef, JobStore, SurveyStore } from '../../store/port';
import { responseTable, surveyResponseSchema } from '../response';
import { waveRecipientFilter } from './wave-filter';

/** The name survey jobs give their filter. */
export const SURVEY_FILTER = 'survey';

/** Pseudonyms of people done with a survey version (and wave): completed, declined or withdrawn. */
async function finished(
  store: JobStore & SurveyStore,
  id: string,
  version: number,
  wave = 1,
): Promise<Set<string>> {
  const done = new Set<string>();
  let cursor = '0';
  do {
    const page = await store.scanRecords(responseTable(id, version, wave), cursor, 1000);
    for (const { key, value } of page.records) {
      const record = surveyResponseSchema.safeParse(value);
      if (record.success && record.data.status !== 'started') done.add(key);
    }
    cursor = page.cursor;
  } while (cursor !== '0');
  return done;
}

/** Whether each recipient was handled by any of the jobs (one round trip per job). */
async function handledByAny(
  store: JobStore & SurveyStore,
  jobs: readonly string[],
  refs: string[],
): Promise<boolean[]> {
  const hit = refs.map(() => false);
  for (const job of jobs) {
    const flags = await store.handledRecipients(job, refs);
    flags.forEach((f, i) => (hit[i] = hit[i] || f));
  }
  return hit;
}

/**
 * The survey jobs' filter. Nobody who completed, declined or withdrew is invited or
 * reminded; an invitation skips people an earlier invitation already reached, so nobody
 * gets two and "invited" adds up; a reminder goes only to people who were invited.
 * Records are filed by pseudonym, so each recipient's pseudonym is computed to compare.
 * Within a panel wave (`params.wave`), "finished" means finished in that wave; a wave's
 * start (`mode: 'wave'`) is {@link waveRecipientFilter}'s.
 */
export function surveyRecipientFilter(
  store: JobStore & SurveyStore,
  pseudonym: ((user: UserRef) => Promise<string>) | undefined,
): RecipientFilter {
  const wave = pseudonym && waveRecipientFilter(store, pseudonym);
  return async (recipients, params) => {
    if (!pseudonym) return [];
    if (params.mode === 'wave') return wave ? wave(recipients, params) : [];
    const id = String(params.survey);
    const version = Number(params.version);
    const earlier = Array.isArray(params.invited) ? params.invited : [];
    const done = await finished(store, id, version, Number(params.wave ?? 1));
    const invited = await handledByAny(
      store,
      earlier,
      recipients.map((r) => r.ref),
    );
    const reminder = params.mode === 'reminder';
    const out: Recipient[] = [];
    for (const [i, r] of recipients.entries()) {
      if (reminder !== invited[i]) continue;
      if (done.has(await pseudonym({ channel: r.channel, userId: r.userId }))) continue;
      out.push(r);
    }
    return out;
  };
}
