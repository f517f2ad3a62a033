import type { Logger } from '../../shell/logger';
import type { UserRef, FigureStore, SurveyStore } from '../../store/port';
import type { SurveyDefinition } from '../schema';
import { createSurveyCatalog, type SurveyCatalogSource } from './catalog-source';
import { pseudonymizer } from './pseudonym';

/** What the chat turns and the admin API share about surveys. */
export interface SurveyServices {
  catalog: SurveyCatalogSource;
  /** Undefined when no pseudonym secret is configured: then surveys are off. */
  pseudonym: ((user: UserRef) => Promise<string>) | undefined;
  /** Surveys from `content/surveys`. */
  content: readonly SurveyDefinition[];
}

/**
 * Build the survey services. Without a secret (production with no PSEUDONYM_SECRET) the
 * catalogue is empty, so no survey runs and nothing is recorded under a guessable key.
 */
export function surveyServices(options: {
  store: SurveyStore & FigureStore;
  content: readonly SurveyDefinition[];
  secret: string | undefined;
  now(): number;
  log: Logger;
}): SurveyServices {
  const { store, content, secret, now, log } = options;
  if (!secret) {
    log.warn('surveys_off', { message: 'PSEUDONYM_SECRET is not set: surveys are off' });
    const empty = {
      catalog: async () => ({}),
      wanted: () => undefined,
      accept: () => ({}),
      current: () => ({}),
      invalidate: () => undefined,
    };
    return { catalog: empty, pseudonym: undefined, content };
  }
  return {
    catalog: createSurveyCatalog({ store, content, now, log }),
    pseudonym: pseudonymizer(secret),
    content,
  };
}
