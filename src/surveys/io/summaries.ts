import { latestVersion, nextVersion, surveyMetaSchema, type SurveyMeta } from '../meta';
import { surveySchema, type SurveyDefinition } from '../schema';
import { contentSurvey, stateOf, type RegistryDeps, type SurveyState } from './registry';
import { surveyCounts, type SurveyCounts } from './stats';

/** A survey as the list and the console show it. */
export interface SurveySummary {
  id: string;
  /** The version new respondents get; null while only a draft exists. */
  version: number | null;
  status: SurveyState;
  title: SurveyDefinition['title'] | null;
  /** `content` (a YAML file in the repository) or `api` (drafted through the admin API). */
  source: 'content' | 'api';
  versions: number[];
  /** The version the draft becomes when published, when there is a draft. */
  draftVersion: number | null;
  closesAt: string | null;
  quota: number | null;
  counts: SurveyCounts;
}

async function summarise(
  deps: RegistryDeps,
  id: string,
  meta: SurveyMeta | undefined,
  current: SurveyDefinition | undefined,
  counters: Readonly<Record<string, number>>,
): Promise<SurveySummary> {
  const draft = surveySchema.safeParse(meta?.draft);
  const version = current?.version ?? null;
  const empty = { invited: 0, started: 0, completed: 0, partial: 0, declined: 0, withdrawn: 0 };
  return {
    id,
    version,
    status: stateOf(deps, meta, current, counters),
    title: current?.title ?? (draft.success ? draft.data.title : null),
    source: contentSurvey(deps, id) ? 'content' : 'api',
    versions: [
      ...new Set([
        ...(contentSurvey(deps, id) ? [contentSurvey(deps, id)!.version] : []),
        ...(meta?.versions ?? []).map((v) => v.version),
      ]),
    ].sort((a, b) => a - b),
    draftVersion: draft.success && meta ? nextVersion(meta, contentSurvey(deps, id)) : null,
    closesAt: current?.closesAt ?? null,
    quota: current?.quota ?? null,
    counts: version === null ? empty : await surveyCounts(deps.store, id, version, meta),
  };
}

/** Every survey: those in content and those drafted or published through the API. */
export async function listSurveys(deps: RegistryDeps): Promise<SurveySummary[]> {
  const metas: Record<string, SurveyMeta> = {};
  for (const [id, raw] of Object.entries(await deps.store.surveyMetas())) {
    const meta = surveyMetaSchema.safeParse(raw);
    if (meta.success) metas[id] = meta.data;
  }
  const ids = [
    ...new Set([...deps.surveys.content.map((s) => s.id), ...Object.keys(metas)]),
  ].sort();
  const refs = ids.flatMap((id) => {
    const version = latestVersion(metas[id], contentSurvey(deps, id));
    const stored = metas[id]?.versions.some((v) => v.version === version);
    return version === undefined || !stored ? [] : [{ id, version }];
  });
  const fetched = await deps.store.surveyVersions(refs);
  const stored = new Map(refs.map((r, i) => [r.id, surveySchema.safeParse(fetched[i])]));
  const counters = await deps.store.counters();
  return Promise.all(
    ids.map((id) => {
      const parsed = stored.get(id);
      // A version published from the console wins over the bundled file it follows.
      const current = parsed?.success ? parsed.data : contentSurvey(deps, id);
      return summarise(deps, id, metas[id], current, counters);
    }),
  );
}

/** One survey's summary, or undefined when there is no such survey. */
export async function surveySummary(
  deps: RegistryDeps,
  id: string,
): Promise<SurveySummary | undefined> {
  return (await listSurveys(deps)).find((s) => s.id === id);
}
