import type { Locale } from '../core/message';
import type { Translate } from '../core/text';
import { codebookVariables, type CodebookVariable } from './codebook';
import { MISSING_CODES, MISSING_REASONS, missingKey, STATA_MISSING } from './missing';
import type { SurveyDefinition } from './schema';
import type { WaveLayout } from './waves-layout';

/**
 * Analysis scripts for the codes CSV: a Stata `.do` file, an SPSS `.sps` syntax file and an
 * R script that read the export and label it. All three are written from the codebook model
 * ({@link codebookVariables}), so columns, codes and labels have one source.
 */

/** The analysis formats. */
export const ANALYSIS_FORMATS = ['stata', 'spss', 'r'] as const;

/** See {@link ANALYSIS_FORMATS}. */
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

/** One column as the scripts see it. */
export interface AnalysisColumn {
  /** The CSV header. */
  column: string;
  /** The variable label in the requested language. */
  label: string;
  /** How the CSV holds it: text, or a number. */
  storage: 'string' | 'number';
  /** Value labels, in order; `code` is the value as written in the CSV. */
  values: { code: string; label: string }[];
  /** Values are an ordered scale (likert). */
  ordered: boolean;
  /** The widest value in UTF-8 bytes (SPSS string widths). */
  width: number;
  /** An answer column: -97, -98, -99 are missing-value codes (see `missing.ts`). */
  missing: boolean;
}

/** What a script needs: the CSV it reads and its columns. */
export interface AnalysisModel {
  survey: string;
  version: number;
  lang: Locale;
  csvFile: string;
  columns: AnalysisColumn[];
}

const META_WIDTHS: Record<string, number> = {
  respondent: 64,
  status: 16,
  channel: 16,
  locale: 8,
  started_at: 32,
  completed_at: 32,
  profile_province: 256,
  profile_category: 256,
};

function width(v: CodebookVariable, survey: SurveyDefinition): number {
  if (v.type === 'meta') return META_WIDTHS[v.stem ?? v.variable] ?? 32;
  // A link to the admin media route with the encoded media key (media-keys.ts).
  if (v.type === 'media') return 512;
  const q = survey.questions.find((x) => x.id === v.question);
  if (v.type === 'text' && (v.stem ?? v.variable) !== v.question) return 4 * 500;
  if (q?.type === 'text') return 4 * q.maxLength;
  if (q?.type === 'multiple_choice') return v.codes.reduce((n, c) => n + c.code.length + 1, 0);
  if (q?.type === 'date') return 10;
  return Math.max(8, ...v.codes.map((c) => c.code.length));
}

/**
 * The columns of a survey version's codes CSV with labels in `lang`.
 *
 * @example analysisModel(survey, 'en', t).columns[7] // { column: 'category', storage: 'string', values: [{ code: 'farm', label: 'Farm produce' }, …], … }
 */
export function analysisModel(
  survey: SurveyDefinition,
  lang: Locale,
  t: Translate,
  waves?: WaveLayout,
  experiments: readonly string[] = [],
): AnalysisModel {
  const texts = new Map(survey.questions.map((q) => [q.id, q.text[lang]]));
  const columns = codebookVariables(survey, t, waves, experiments).map((v): AnalysisColumn => {
    const question = texts.get(v.question) ?? '';
    // A wide panel column is its stem's, in one wave (`goes_w2` is `goes` in wave 2).
    const name = v.stem ?? v.variable;
    let label = v.label?.[lang] ?? t(lang, `surveyTools.analysis.meta.${name}`);
    let values = v.codes.map((c) => ({ code: c.code, label: c.label[lang] }));
    let storage: AnalysisColumn['storage'] = 'string';
    if (v.flag) {
      label = `${question}: ${v.flag.label[lang]}`;
      values = [
        { code: '0', label: t(lang, 'surveyExport.option.not_chosen') },
        { code: '1', label: t(lang, 'surveyExport.option.chosen') },
      ];
      storage = 'number';
    } else if (v.type === 'text' && name !== v.question) {
      label = `${question}: ${t(lang, 'surveys.other')}`;
    } else if (v.type === 'likert') {
      const points = Number(v.max);
      const ends = new Map(values.map((x) => [x.code, x.label]));
      values = Array.from({ length: points }, (_, i) => {
        const code = String(i + 1);
        const end = ends.get(code);
        return { code, label: end === undefined ? code : `${code} ${end}` };
      });
      storage = 'number';
    } else if (
      v.type === 'integer' ||
      v.type === 'decimal' ||
      name === 'version' ||
      name === 'wave'
    ) {
      storage = 'number';
    }
    if (v.type === 'multiple_choice') values = [];
    if (v.wave !== undefined)
      label = t(lang, 'surveyTools.analysis.in_wave', { label, wave: v.wave });
    return {
      column: v.variable,
      label,
      storage,
      values,
      ordered: v.type === 'likert',
      width: Math.max(v.missing ? 3 : 1, width(v, survey)),
      missing: v.missing === true,
    };
  });
  const csvFile = `${survey.id}-v${survey.version}${waves?.layout === 'wide' ? '-wide' : ''}.csv`;
  return { survey: survey.id, version: survey.version, lang, csvFile, columns };
}

/** Text on one line: line breaks and tabs become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
}

/** Cut to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(s: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(s).length <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

const STATA_RESERVED = new Set(
  '_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip str strL using with'.split(
    ' ',
  ),
);
const SPSS_RESERVED = new Set('all and by eq ge gt le lt ne not or to with'.split(' '));

/**
 * Variable names valid in a tool: letters, digits and `_`, starting with a letter, at most
 * `max` characters, no reserved word, no two alike. Returns CSV column → tool name.
 *
 * @example toolNames(['shop_platforms_other_text_long…'], 'stata').get(…) // 'shop_platforms_other_text_lon_1'
 */
export function toolNames(columns: readonly string[], tool: 'stata' | 'spss'): Map<string, string> {
  const max = tool === 'stata' ? 32 : 64;
  const reserved = tool === 'stata' ? STATA_RESERVED : SPSS_RESERVED;
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const column of columns) {
    let name = column.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(name)) name = `v${name}`;
    if (reserved.has(name.toLowerCase())) name = `${name}_`;
    name = name.slice(0, max);
    for (let i = 1; used.has(name.toLowerCase()); i++) {
      const suffix = `_${i}`;
      name = `${name.slice(0, max - suffix.length).replace(/_\d+$/, '')}${suffix}`;
    }
    used.add(name.toLowerCase());
    names.set(column, name);
  }
  return names;
}

/** A Stata string: compound quotes, macro characters escaped, one line. */
export function stataString(s: string): string {
  const text = oneLine(s)
    .replace(/\\/g, '/')
    .replace(/[`$]/g, (c) => `\\${c}`);
  return `\`"${text.replace(/"'/g, '" \'')}"'`;
}

/** An SPSS string: apostrophes doubled, one line, at most `maxBytes` UTF-8 bytes. */
export function spssString(s: string, maxBytes: number): string {
  let text = truncateBytes(oneLine(s), maxBytes);
  while (new TextEncoder().encode(text.replace(/'/g, "''")).length > maxBytes + 64)
    text = text.slice(0, -1);
  return `'${text.replace(/'/g, "''")}'`;
}

/** An R string literal in plain ASCII: non-ASCII as `\u{…}`, so any locale reads it. */
export function rString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\u{${cp.toString(16)}}`;
    else if (cp < 0x80) out += ch;
    else if (cp > 0xffff) out += `\\U{${cp.toString(16)}}`;
    else out += `\\u{${cp.toString(16)}}`;
  }
  return `"${out}"`;
}

function header(
  model: AnalysisModel,
  comment: string,
  t: Translate,
  reads: { key: string; file: string } = { key: 'reads', file: model.csvFile },
): string[] {
  const line = t(model.lang, `surveyTools.analysis.${reads.key}`, { file: reads.file });
  return [
    `${comment} ${model.survey} v${model.version} (${model.lang})`,
    `${comment} ${oneLine(line)}`,
  ];
}

/**
 * The CSV the SPSS script reads: the codes CSV with line breaks inside answers written as
 * " / " (`breaks=space`), since `GET DATA /TYPE=TXT` reads one case per line.
 */
export function spssCsvFile(model: Pick<AnalysisModel, 'csvFile'>): string {
  return model.csvFile.replace(/\.csv$/, '-oneline.csv');
}

/**
 * A Stata 14+ `.do` file: `import delimited` the codes CSV (UTF-8), rename columns to valid
 * names, turn coded text into numbers with `label define` / `label values`, and `label
 * variable` every column (after its recoding, which would drop the label).
 */
export function stataScript(model: AnalysisModel, t: Translate): string {
  const names = toolNames(
    model.columns.map((c) => c.column),
    'stata',
  );
  const lines = header(model, '*', t);
  const stringCols = model.columns
    .map((c, i) => (c.storage === 'string' ? String(i + 1) : ''))
    .filter(Boolean);
  lines.push(
    'version 14',
    'clear',
    `import delimited using ${stataString(model.csvFile)}, varnames(nonames) rowrange(2) ///`,
    `    encoding("utf-8") delimiters(",") bindquotes(strict) stringcols(${stringCols.join(' ')}) clear`,
  );
  model.columns.forEach((c, i) => lines.push(`rename v${i + 1} ${names.get(c.column)!}`));
  for (const c of model.columns) {
    const name = names.get(c.column)!;
    const label = `label variable ${name} ${stataString(truncateChars(c.label, 80))}`;
    const numeric = c.storage === 'number';
    const missing = c.missing ? missingValues(model.lang, t) : [];
    if (c.values.length === 0 && !(numeric && c.missing)) {
      // Stata strings have no extended missing values: a code becomes "" (see missing.ts).
      if (c.missing) lines.push(stataBlankMissing(name));
      lines.push(label);
      continue;
    }
    const codes = [
      ...c.values.map((v, i) => ({ n: numeric ? String(Number(v.code)) : String(i + 1), ...v })),
      ...missing.map((m) => ({ n: m.stata, code: m.code, label: m.label })),
    ];
    lines.push(`label define ${name} ///`);
    codes.forEach((v, i) =>
      lines.push(
        `    ${v.n} ${stataString(v.label)}${i < codes.length - 1 ? ' ///' : ', replace'}`,
      ),
    );
    if (!numeric) {
      lines.push(`generate long _coded = . , after(${name})`);
      for (const v of codes)
        lines.push(`replace _coded = ${v.n} if ${name} == ${stataString(v.code)}`);
      lines.push(`drop ${name}`, `rename _coded ${name}`);
    } else if (c.missing) {
      lines.push(
        `mvdecode ${name}, mv(${missing.map((m) => `${m.code}=${m.stata}`).join(' \\ ')})`,
      );
    }
    lines.push(`label values ${name} ${name}`, label);
  }
  return `${lines.join('\n')}\n`;
}

/** The missing-value codes with their labels in one language and Stata's missing values. */
export function missingValues(lang: Locale, t: Translate) {
  return MISSING_REASONS.map((reason) => ({
    code: String(MISSING_CODES[reason]),
    stata: STATA_MISSING[reason],
    label: t(lang, missingKey(reason)),
  }));
}

/** Stata: a string answer column's missing codes become "". */
function stataBlankMissing(name: string): string {
  const codes = MISSING_REASONS.map((r) => `"${MISSING_CODES[r]}"`).join(', ');
  return `replace ${name} = "" if inlist(${name}, ${codes})`;
}

function truncateChars(s: string, max: number): string {
  return [...oneLine(s)].slice(0, max).join('');
}

/**
 * An SPSS `.sps` syntax file: `GET DATA /TYPE=TXT` the codes CSV as UTF-8 (`SET UNICODE
 * ON`), then `VARIABLE LABELS` and `VALUE LABELS` (on the codes as written).
 */
export function spssScript(model: AnalysisModel, t: Translate): string {
  const names = toolNames(
    model.columns.map((c) => c.column),
    'spss',
  );
  const file = spssCsvFile(model);
  const lines = header(model, '*', t, { key: 'reads_spss', file }).map((l) => `${l}.`);
  lines.push(
    'SET UNICODE=ON.',
    'GET DATA /TYPE=TXT',
    `  /FILE=${spssString(file, 1000)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /FIRSTCASE=2',
    '  /VARIABLES=',
  );
  for (const c of model.columns) {
    const format = c.storage === 'number' ? 'F16.6' : `A${Math.min(32767, Math.max(1, c.width))}`;
    lines.push(`    ${names.get(c.column)!} ${format}`);
  }
  lines[lines.length - 1] += '.';
  lines.push('VARIABLE LABELS');
  model.columns.forEach((c, i) =>
    lines.push(
      `  ${i === 0 ? '' : '/'}${names.get(c.column)!} ${spssString(c.label, 255)}${i === model.columns.length - 1 ? '.' : ''}`,
    ),
  );
  const missing = missingValues(model.lang, t);
  const valuesOf = (c: AnalysisColumn) => [...c.values, ...(c.missing ? missing : [])];
  const labelled = model.columns.filter((c) => valuesOf(c).length > 0);
  if (labelled.length > 0) {
    lines.push('VALUE LABELS');
    labelled.forEach((c, i) => {
      lines.push(`  ${i === 0 ? '' : '/'}${names.get(c.column)!}`);
      const values = valuesOf(c);
      values.forEach((v, j) => {
        const code = c.storage === 'number' ? v.code : spssString(v.code, 120);
        const end = i === labelled.length - 1 && j === values.length - 1 ? '.' : '';
        lines.push(`    ${code} ${spssString(v.label, 120)}${end}`);
      });
    });
  }
  lines.push(...spssMissing(model, names));
  lines.push('EXECUTE.');
  return `${lines.join('\n')}\n`;
}

/** SPSS: `MISSING VALUES` -97, -98, -99 on every answer column (numbers, or quoted for text). */
function spssMissing(model: AnalysisModel, names: Map<string, string>): string[] {
  const groups = (['number', 'string'] as const)
    .map((storage) => ({
      storage,
      columns: model.columns.filter((c) => c.missing && c.storage === storage),
    }))
    .filter((g) => g.columns.length > 0);
  if (groups.length === 0) return [];
  const lines = ['MISSING VALUES'];
  groups.forEach((g, i) => {
    const codes = MISSING_REASONS.map((r) =>
      g.storage === 'number' ? String(MISSING_CODES[r]) : `'${MISSING_CODES[r]}'`,
    );
    const last = i === groups.length - 1 ? '.' : '';
    // One name a line: syntax lines stay short however many columns there are.
    g.columns.forEach((c, j) =>
      lines.push(`  ${i > 0 && j === 0 ? '/' : ''}${names.get(c.column)!}`),
    );
    lines.push(`    (${codes.join(', ')})${last}`);
  });
  return lines;
}

/**
 * An R script (base R only): `read.csv` the codes CSV as UTF-8, coded columns become
 * factors with labels (likert ordered), and every column gets a `label` attribute. The
 * missing-value codes become `NA`, their reason kept as the `na_reason` attribute (a factor).
 */
export function rScript(model: AnalysisModel, t: Translate): string {
  const lines = header(model, '#', t);
  const classes = model.columns.map(
    (c) => `${rString(c.column)} = ${rString(c.storage === 'number' ? 'numeric' : 'character')}`,
  );
  lines.push(
    `survey <- read.csv(${rString(model.csvFile)}, fileEncoding = "UTF-8-BOM", encoding = "UTF-8",`,
    '  check.names = FALSE, na.strings = "", stringsAsFactors = FALSE,',
    `  colClasses = c(${classes.join(', ')}))`,
  );
  const missing = model.columns.some((c) => c.missing);
  if (missing) lines.push(...rMissingHelper(model, t));
  for (const c of model.columns) {
    const col = `survey[[${rString(c.column)}]]`;
    if (c.missing)
      lines.push(`svb_reason <- svb_na_reason(${col})`, `${col}[!is.na(svb_reason)] <- NA`);
    if (c.values.length > 0) {
      const codes = c.values.map((v) => (c.storage === 'number' ? v.code : rString(v.code)));
      const labels = c.values.map((v) => rString(v.label));
      lines.push(
        `${col} <- factor(${col}, levels = c(${codes.join(', ')}),`,
        `  labels = c(${labels.join(', ')})${c.ordered ? ', ordered = TRUE' : ''})`,
      );
    }
    lines.push(`attr(${col}, "label") <- ${rString(c.label)}`);
    if (c.missing) lines.push(`attr(${col}, "na_reason") <- svb_reason`);
  }
  if (missing) lines.push('rm(svb_na_reason, svb_reason)');
  return `${lines.join('\n')}\n`;
}

/**
 * R: the function that reads -97, -98, -99 as a factor of reasons (NA where answered); each
 * answer column's codes become `NA` and the factor is kept as its `na_reason` attribute.
 */
function rMissingHelper(model: AnalysisModel, t: Translate): string[] {
  const values = missingValues(model.lang, t);
  return [
    `# ${oneLine(t(model.lang, 'surveyExport.missing.r_note'))}`,
    'svb_na_reason <- function(x) factor(match(as.character(x),',
    `  c(${values.map((v) => rString(v.code)).join(', ')})), levels = 1:${values.length},`,
    `  labels = c(${values.map((v) => rString(v.label)).join(', ')}))`,
  ];
}

/** The script of one format. */
export function analysisScript(format: AnalysisFormat, model: AnalysisModel, t: Translate): string {
  if (format === 'stata') return stataScript(model, t);
  if (format === 'spss') return spssScript(model, t);
  return rScript(model, t);
}
