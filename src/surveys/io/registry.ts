import type { CoordinationStore, Store, SurveyStore } from '../../store/port';
import {
  currentVersion,
  currentWave,
  latestVersion,
  nextVersion,
  surveyMetaSchema,
  type SurveyMeta,
} from '../meta';
import { surveyCounter } from '../response';
import { surveySchema, type SurveyDefinition } from '../schema';
import { validateSurvey, type SurveyProblem } from '../validate';
import type { SurveyServices } from './services';

/** What the survey admin functions need. */
export interface RegistryDeps {
  store: Store;
  surveys: SurveyServices;
  now(): number;
  newId(): string;
}

/** Why the survey registry, invitations or waves refuse: each has words for the console. */
export const SURVEY_REFUSAL_CODES = [
  'invalid_survey',
  'not_found',
  'busy',
  'no_draft',
  'version_exists',
  'not_published',
  'not_closed',
  'survey_not_open',
  'invitation_running',
  'not_invited_yet',
  'audience_required',
  'audience_empty',
  'all_invited',
  'nobody_to_remind',
  'no_respondents',
  'wave_not_next',
] as const;

/** One of {@link SURVEY_REFUSAL_CODES}. */
export type SurveyRefusalCode = (typeof SURVEY_REFUSAL_CODES)[number];

/** An outcome the API turns into a status: the value, or why not. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; error: SurveyRefusalCode; problems?: SurveyProblem[] };

/** A refusal. */
export function refuse(
  status: 400 | 404 | 409,
  error: SurveyRefusalCode,
  problems?: SurveyProblem[],
): Outcome<never> {
  return { ok: false, status, error, ...(problems ? { problems } : {}) };
}

/** A survey's stored metadata, if any. */
export async function readMeta(
  store: SurveyStore & CoordinationStore,
  id: string,
): Promise<SurveyMeta | undefined> {
  const parsed = surveyMetaSchema.safeParse(await store.surveyMeta(id));
  return parsed.success ? parsed.data : undefined;
}

/** A survey from `content/surveys`, if the id is one. */
export function contentSurvey(deps: RegistryDeps, id: string): SurveyDefinition | undefined {
  return deps.surveys.content.find((s) => s.id === id);
}

/**
 * Change a survey's metadata while holding its claim, so two admin requests cannot lose
 * each other's change. `change` returns the metadata to save (if any) and the outcome.
 */
export async function withSurvey<T>(
  deps: RegistryDeps,
  id: string,
  change: (meta: SurveyMeta | undefined) => Promise<{ save?: SurveyMeta; outcome: Outcome<T> }>,
): Promise<Outcome<T>> {
  const holder = deps.newId();
  const claim = await deps.store.claim(`survey:${id}`, holder, 60);
  if (!claim.won) return refuse(409, 'busy');
  try {
    const { save, outcome } = await change(await readMeta(deps.store, id));
    if (save) {
      await deps.store.saveSurveyMeta(id, save);
      deps.surveys.catalog.invalidate();
    }
    return outcome;
  } finally {
    await deps.store.release(`survey:${id}`, holder);
  }
}

/**
 * The definition of a version (the current one by default): a version published from the
 * console is read from the store, a bundled survey's own version from content/surveys.
 */
export async function definitionAt(
  deps: RegistryDeps,
  id: string,
  version?: number,
): Promise<SurveyDefinition | undefined> {
  const content = contentSurvey(deps, id);
  const meta = await readMeta(deps.store, id);
  const wanted = version ?? latestVersion(meta, content);
  if (wanted === undefined) return undefined;
  if (meta?.versions.some((v) => v.version === wanted)) {
    const [raw] = await deps.store.surveyVersions([{ id, version: wanted }]);
    const parsed = surveySchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
  return content?.version === wanted ? content : undefined;
}

/** Where a survey stands for the list: draft, open, full (quota reached) or closed. */
export type SurveyState = 'draft' | 'open' | 'full' | 'closed';

/** A survey's state now, from its metadata, closing time, quota and counters. */
export function stateOf(
  deps: RegistryDeps,
  meta: SurveyMeta | undefined,
  current: SurveyDefinition | undefined,
  counters: Readonly<Record<string, number>>,
): SurveyState {
  if (!current) return 'draft';
  if (meta?.status === 'closed') return 'closed';
  if (current.closesAt !== undefined && Date.parse(current.closesAt) <= deps.now()) return 'closed';
  // A quota counts wave 1's respondents: a later panel wave goes back to the same people.
  if (currentWave(meta) > 1) return 'open';
  const completed = counters[surveyCounter(current.id, current.version, 'completed')] ?? 0;
  return current.quota !== undefined && completed >= current.quota ? 'full' : 'open';
}

/**
 * Create or update a survey's draft from a JSON definition. Every problem comes back at
 * once. The version is assigned: a draft becomes the next version when published.
 */
export async function saveDraft(
  deps: RegistryDeps,
  raw: unknown,
  by: string,
): Promise<Outcome<{ id: string; version: number; created: boolean }>> {
  const body =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : undefined;
  if (!body)
    return refuse(400, 'invalid_survey', [
      { path: '', message: 'send the survey definition as a JSON object', key: 'notObject' },
    ]);
  const id = typeof body.id === 'string' ? body.id : '';
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(id)) {
    const checked = validateSurvey({ version: 1, ...body });
    return refuse(400, 'invalid_survey', checked.ok ? [] : checked.problems);
  }
  const content = contentSurvey(deps, id);
  return withSurvey(deps, id, async (meta) => {
    const next = nextVersion(meta, content);
    const problems: SurveyProblem[] = [];
    if (body.version !== undefined && body.version !== next)
      problems.push({
        path: 'version',
        message: `this draft becomes version ${next}: leave version out or set it to ${next}`,
        key: 'draftVersion',
        params: { next },
      });
    const checked = validateSurvey({ ...body, version: next });
    if (!checked.ok) problems.push(...checked.problems);
    if (problems.length > 0 || !checked.ok)
      return { outcome: refuse(400, 'invalid_survey', problems) };
    const save: SurveyMeta = {
      ...(meta ?? { id, status: content ? 'open' : 'draft', versions: [], invitations: [] }),
      draft: checked.survey,
      draftUpdatedAt: deps.now(),
      draftUpdatedBy: by,
    };
    return {
      save,
      outcome: { ok: true, value: { id, version: next, created: meta === undefined } },
    };
  });
}

/** Freeze the draft as the next version; the survey opens (again) with it. */
export async function publishDraft(
  deps: RegistryDeps,
  id: string,
  by: string,
): Promise<Outcome<{ id: string; version: number }>> {
  const content = contentSurvey(deps, id);
  return withSurvey(deps, id, async (meta) => {
    if (!meta) return { outcome: refuse(content ? 409 : 404, content ? 'no_draft' : 'not_found') };
    const draft = surveySchema.safeParse(meta.draft);
    if (!draft.success) return { outcome: refuse(409, 'no_draft') };
    const version = nextVersion(meta, content);
    const definition = { ...draft.data, version };
    if (!(await deps.store.addSurveyVersion(id, version, definition)))
      return { outcome: refuse(409, 'version_exists') };
    const { draft: _d, draftUpdatedAt: _a, draftUpdatedBy: _b, closedAt: _c, ...rest } = meta;
    const save: SurveyMeta = {
      ...rest,
      status: 'open',
      versions: [...meta.versions, { version, publishedAt: deps.now(), by }],
    };
    return { save, outcome: { ok: true, value: { id, version } } };
  });
}

/** Close a survey: it takes no more answers (content surveys too). */
export async function closeSurvey(
  deps: RegistryDeps,
  id: string,
): Promise<Outcome<{ id: string }>> {
  return withSurvey(deps, id, async (meta) => {
    const published =
      contentSurvey(deps, id) !== undefined || (meta && currentVersion(meta) !== undefined);
    if (!published)
      return { outcome: meta ? refuse(409, 'not_published') : refuse(404, 'not_found') };
    const base = meta ?? { id, status: 'open' as const, versions: [], invitations: [] };
    return {
      save: { ...base, status: 'closed', closedAt: deps.now() },
      outcome: { ok: true, value: { id } },
    };
  });
}

/** Take answers again after a close: 409 `not_closed` unless the survey was closed. */
export async function reopenSurvey(
  deps: RegistryDeps,
  id: string,
): Promise<Outcome<{ id: string }>> {
  return withSurvey(deps, id, async (meta) => {
    if (!meta || meta.status !== 'closed') return { outcome: refuse(409, 'not_closed') };
    const { closedAt: _closedAt, ...open } = meta;
    return { save: { ...open, status: 'open' }, outcome: { ok: true, value: { id } } };
  });
}
