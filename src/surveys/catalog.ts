import type { SurveyDefinition } from './schema';

/**
 * A survey as the engine runs it: the version new respondents get, whether it takes
 * responses, and every version people may still be answering. `full` lets those who
 * started finish but takes no one new; `closed` takes nothing.
 */
export interface SurveyEntry {
  id: string;
  current: number;
  status: 'open' | 'closed' | 'full';
  /** The panel wave new runs answer (absent: wave 1, the survey sent once). */
  wave?: number;
  /** Definitions by version number (as a string key, the way JSON keeps them). */
  versions: Readonly<Record<string, SurveyDefinition>>;
}

/** The surveys a turn can run, by id. */
export type SurveyCatalog = Readonly<Record<string, SurveyEntry>>;

/** A survey's definition at one version, if the catalogue has it. */
export function definitionOf(
  catalog: SurveyCatalog,
  id: string,
  version: number,
): SurveyDefinition | undefined {
  return catalog[id]?.versions[String(version)];
}

/** The surveys a turn can run (`Program.surveys`, added by the shell per turn). */
export function turnCatalog(ctx: { readonly program: { readonly surveys?: SurveyCatalog } }) {
  return ctx.program.surveys ?? {};
}
