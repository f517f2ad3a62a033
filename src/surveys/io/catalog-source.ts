import type { Logger } from '../../shell/logger';
import type { Store } from '../../store/port';
import type { SurveyCatalog, SurveyEntry } from '../catalog';
import { currentVersion, surveyMetaSchema, type SurveyMeta } from '../meta';
import { surveyCounter } from '../response';
import { surveySchema, type SurveyDefinition } from '../schema';

/** Options of {@link createSurveyCatalog}. */
export interface SurveyCatalogOptions {
  store: Store;
  /** Surveys from `content/surveys`, always available. */
  content: readonly SurveyDefinition[];
  now(): number;
  log: Logger;
  /** How long a catalogue is used before it is read again (a close takes effect within it). */
  ttlMs?: number;
}

/** The catalogue the turns read, and a way to drop it after an admin change. */
export interface SurveyCatalogSource {
  catalog(): Promise<SurveyCatalog>;
  invalidate(): void;
}

/**
 * The surveys turns can run: content surveys plus those published through the admin API,
 * with their open/closed/full state. Read from the store at most once per `ttlMs` per
 * isolate (published versions, which never change, are kept for good); a store failure
 * keeps the last catalogue (or the content surveys) rather than failing the turn.
 */
export function createSurveyCatalog(options: SurveyCatalogOptions): SurveyCatalogSource {
  const ttl = options.ttlMs ?? 30_000;
  const definitions = new Map<string, SurveyDefinition>();
  let cached: { at: number; catalog: SurveyCatalog } | undefined;
  let loading: Promise<SurveyCatalog> | undefined;

  const refresh = async (): Promise<SurveyCatalog> => {
    try {
      const catalog = await load(options, definitions);
      cached = { at: options.now(), catalog };
      return catalog;
    } catch (error) {
      options.log.warn('survey_catalog_stale', { message: String(error) });
      return cached?.catalog ?? build(options.content, {}, definitions, {});
    } finally {
      loading = undefined;
    }
  };
  return {
    catalog() {
      if (cached && options.now() - cached.at < ttl) return Promise.resolve(cached.catalog);
      loading ??= refresh();
      return loading;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

async function load(
  options: SurveyCatalogOptions,
  definitions: Map<string, SurveyDefinition>,
): Promise<SurveyCatalog> {
  const metas: Record<string, SurveyMeta> = {};
  for (const [id, raw] of Object.entries(await options.store.surveyMetas())) {
    const meta = surveyMetaSchema.safeParse(raw);
    if (meta.success) metas[id] = meta.data;
    else options.log.warn('survey_meta_unreadable', { id });
  }
  const wanted = Object.values(metas).flatMap((m) =>
    m.versions.map((v) => ({ id: m.id, version: v.version })),
  );
  const missing = wanted.filter((r) => !definitions.has(`${r.id}@${r.version}`));
  const fetched = await options.store.surveyVersions(missing);
  missing.forEach((ref, i) => {
    const definition = surveySchema.safeParse(fetched[i]);
    if (definition.success) definitions.set(`${ref.id}@${ref.version}`, definition.data);
  });
  const quotas = [...options.content, ...definitions.values()].some((s) => s.quota !== undefined);
  const counters = quotas ? await options.store.counters() : {};
  return build(options.content, metas, definitions, counters);
}

function build(
  content: readonly SurveyDefinition[],
  metas: Readonly<Record<string, SurveyMeta>>,
  definitions: ReadonlyMap<string, SurveyDefinition>,
  counters: Readonly<Record<string, number>>,
): SurveyCatalog {
  const entries: Record<string, SurveyEntry> = {};
  const status = (
    meta: SurveyMeta | undefined,
    current: SurveyDefinition,
  ): SurveyEntry['status'] => {
    if (meta?.status === 'closed') return 'closed';
    const completed = counters[surveyCounter(current.id, current.version, 'completed')] ?? 0;
    return current.quota !== undefined && completed >= current.quota ? 'full' : 'open';
  };
  for (const survey of content) {
    entries[survey.id] = {
      id: survey.id,
      current: survey.version,
      status: status(metas[survey.id], survey),
      versions: { [String(survey.version)]: survey },
    };
  }
  for (const meta of Object.values(metas)) {
    const version = currentVersion(meta);
    const current = version === undefined ? undefined : definitions.get(`${meta.id}@${version}`);
    if (!current || entries[meta.id]) continue;
    const versions = Object.fromEntries(
      meta.versions.flatMap((v) => {
        const d = definitions.get(`${meta.id}@${v.version}`);
        return d ? [[String(v.version), d]] : [];
      }),
    );
    entries[meta.id] = {
      id: meta.id,
      current: current.version,
      status: status(meta, current),
      versions,
    };
  }
  return entries;
}
