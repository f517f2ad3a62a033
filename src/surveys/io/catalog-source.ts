import type { Logger } from '../../shell/logger';
import type { SurveyMaterial, FigureStore, SurveyStore } from '../../store/port';
import type { SurveyCatalog, SurveyEntry } from '../catalog';
import { currentVersion, currentWave, surveyMetaSchema, type SurveyMeta } from '../meta';
import { surveyCounter } from '../response';
import { surveySchema, type SurveyDefinition } from '../schema';

/** Options of {@link createSurveyCatalog}. */
export interface SurveyCatalogOptions {
  store: SurveyStore & FigureStore;
  /** Surveys from `content/surveys`, always available. */
  content: readonly SurveyDefinition[];
  now(): number;
  log: Logger;
  /** How long a catalogue is used before it is read again (a close takes effect within it). */
  ttlMs?: number;
}

/**
 * The catalogue the turns read, and a way to drop it after an admin change. A turn asks
 * {@link wanted} first and, when the cached catalogue is stale, has its own load read the
 * material and hands it to {@link accept}: the catalogue never costs a round trip of its own.
 */
export interface SurveyCatalogSource {
  /** The catalogue, read from the store on its own when stale (outside turns). */
  catalog(): Promise<SurveyCatalog>;
  /** What a turn's load should read for a fresh catalogue; undefined while it is fresh. */
  wanted(): { knownVersions: string[] } | undefined;
  /** Build (and cache) the catalogue from what a turn's load read. */
  accept(material: SurveyMaterial): SurveyCatalog;
  /** The cached catalogue, fresh or not (the content surveys before any read). */
  current(): SurveyCatalog;
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
  const fresh = () => cached !== undefined && options.now() - cached.at < ttl;
  return {
    catalog() {
      if (fresh()) return Promise.resolve(cached!.catalog);
      loading ??= refresh();
      return loading;
    },
    wanted() {
      return fresh() ? undefined : { knownVersions: [...definitions.keys()] };
    },
    accept(material) {
      const catalog = fromMaterial(options, definitions, material);
      cached = { at: options.now(), catalog };
      return catalog;
    },
    current() {
      return cached?.catalog ?? build(options.content, {}, definitions, {});
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Read the material with the store's own calls (outside a turn). */
async function load(
  options: SurveyCatalogOptions,
  definitions: Map<string, SurveyDefinition>,
): Promise<SurveyCatalog> {
  const metas = await options.store.surveyMetas();
  const refs = Object.values(metas).flatMap((raw) => {
    const meta = surveyMetaSchema.safeParse(raw);
    return meta.success
      ? meta.data.versions.map((v) => ({ id: meta.data.id, version: v.version }))
      : [];
  });
  const missing = refs.filter((r) => !definitions.has(`${r.id}@${r.version}`));
  const fetched = await options.store.surveyVersions(missing);
  const versions = Object.fromEntries(missing.map((r, i) => [`${r.id}@${r.version}`, fetched[i]]));
  const counters = await options.store.counters();
  return fromMaterial(options, definitions, { metas, versions, counters });
}

/** The catalogue from raw material; definitions read once are kept (they never change). */
function fromMaterial(
  options: SurveyCatalogOptions,
  definitions: Map<string, SurveyDefinition>,
  material: SurveyMaterial,
): SurveyCatalog {
  const metas: Record<string, SurveyMeta> = {};
  for (const [id, raw] of Object.entries(material.metas)) {
    const meta = surveyMetaSchema.safeParse(raw);
    if (meta.success) metas[id] = meta.data;
    else options.log.warn('survey_meta_unreadable', { id });
  }
  for (const [ref, raw] of Object.entries(material.versions)) {
    const definition = surveySchema.safeParse(raw);
    if (definition.success) definitions.set(ref, definition.data);
  }
  return build(options.content, metas, definitions, material.counters);
}

/** The catalogue's `wave` field: only once a later panel wave started. */
function waveOf(meta: SurveyMeta | undefined): { wave?: number } {
  const wave = currentWave(meta);
  return wave > 1 ? { wave } : {};
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
    // A quota counts wave 1's respondents: a later panel wave goes back to the same people.
    if (currentWave(meta) > 1) return 'open';
    const completed = counters[surveyCounter(current.id, current.version, 'completed')] ?? 0;
    return current.quota !== undefined && completed >= current.quota ? 'full' : 'open';
  };
  // A bundled survey's versions published from the console are stored beside its file: the
  // catalogue has both, and the highest is the current one.
  const stored = (meta: SurveyMeta | undefined) =>
    (meta?.versions ?? []).flatMap((v) => {
      const d = definitions.get(`${meta!.id}@${v.version}`);
      return d ? [[String(v.version), d] as const] : [];
    });
  for (const survey of content) {
    const versions: Record<string, SurveyDefinition> = {
      [String(survey.version)]: survey,
      ...Object.fromEntries(stored(metas[survey.id])),
    };
    const current = Object.values(versions).reduce((a, b) => (b.version > a.version ? b : a));
    entries[survey.id] = {
      id: survey.id,
      current: current.version,
      status: status(metas[survey.id], current),
      ...waveOf(metas[survey.id]),
      versions,
    };
  }
  for (const meta of Object.values(metas)) {
    const version = currentVersion(meta);
    const current = version === undefined ? undefined : definitions.get(`${meta.id}@${version}`);
    if (!current || entries[meta.id]) continue;
    entries[meta.id] = {
      id: meta.id,
      current: current.version,
      status: status(meta, current),
      ...waveOf(meta),
      versions: Object.fromEntries(stored(meta)),
    };
  }
  return entries;
}
