import type { Cell } from './csv';

/**
 * How a panel survey's export lays out its waves: `long` (the default) has a `wave` column
 * after `respondent` and one row per person per wave; `wide` has one row per person and
 * every other column once per wave, named `<column>_w<n>`.
 */
export interface WaveLayout {
  /** The waves exported, in order (wave 1 first). */
  waves: readonly number[];
  layout: 'long' | 'wide';
}

/** The layouts an export can ask for. */
export const WAVE_LAYOUTS = ['long', 'wide'] as const;

/** A column's name in one wave of the wide layout. */
export function waveColumn(name: string, wave: number): string {
  return `${name}_w${wave}`;
}

/** The long layout's header: `wave` after `respondent`. */
export function longHeader(header: readonly string[]): string[] {
  return [header[0]!, 'wave', ...header.slice(1)];
}

/** One row of the long layout: the wave after the respondent. */
export function longCells(cells: readonly Cell[], wave: number): Cell[] {
  return [cells[0], wave, ...cells.slice(1)];
}

/** The wide layout's header: `respondent`, then every other column once per wave. */
export function wideHeader(header: readonly string[], waves: readonly number[]): string[] {
  return [header[0]!, ...waves.flatMap((w) => header.slice(1).map((c) => waveColumn(c, w)))];
}

/**
 * One person's row in the wide layout: their pseudonym, then each wave's cells (without
 * the respondent) or empty cells where they have no answers in that wave.
 */
export function wideCells(
  respondent: string,
  perWave: readonly (readonly Cell[] | undefined)[],
  width: number,
): Cell[] {
  const empty: Cell[] = Array.from({ length: width - 1 }, () => undefined);
  return [respondent, ...perWave.flatMap((cells) => (cells ? cells.slice(1) : empty))];
}

/** What {@link layoutVariables} reads of a codebook variable (codebook.ts has the whole). */
interface LayoutVariable {
  variable: string;
  notes: string;
  stem?: string;
  wave?: number;
}

/** The long layout's `wave` column, as the codebook describes it. */
interface WaveVariable extends LayoutVariable {
  question: '';
  type: 'meta';
  required: undefined;
  showIf: '';
  label: undefined;
  codes: never[];
  min: number;
  max: number | undefined;
}

/**
 * The codebook's variables in a wave layout, so the codebook and the Stata, SPSS and R
 * scripts describe the columns the export has. `stem` keeps the name before the wave.
 */
export function layoutVariables<V extends LayoutVariable>(
  vars: readonly V[],
  layout: WaveLayout | undefined,
): (V | WaveVariable)[] {
  if (!layout || vars.length === 0) return [...vars];
  const [respondent, ...rest] = vars;
  if (layout.layout === 'long') {
    const wave: WaveVariable = {
      variable: 'wave',
      question: '',
      type: 'meta',
      required: undefined,
      showIf: '',
      label: undefined,
      codes: [],
      min: 1,
      max: layout.waves.at(-1),
      notes: 'panel wave answered (1 the first sending); one row per person per wave',
    };
    return [respondent!, wave, ...rest];
  }
  return [
    respondent!,
    ...layout.waves.flatMap((w) =>
      rest.map((v) => ({
        ...v,
        variable: waveColumn(v.variable, w),
        stem: v.variable,
        wave: w,
        notes: v.notes ? `wave ${w}: ${v.notes}` : `wave ${w}`,
      })),
    ),
  ];
}
