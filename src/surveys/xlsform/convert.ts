import type { Condition } from '../../core/conditions';
import type { SurveyInput } from '../schema';
import { ExpressionError, parseRelevant } from './relevant';
import type { Workbook } from './xlsx';
import {
  columnOf,
  headerOf,
  field,
  localized,
  table,
  type ImportProblem,
  type Localized,
} from './sheet-table';

/**
 * An XLSForm workbook (sheets `survey`, `choices`, `settings`) as a survey definition, or
 * every problem at once, each with its sheet, row and column. Supported: `select_one` and
 * `select_multiple` (with `or_other`), `integer`, `decimal`, `text`, `date`, `note` (added
 * to the next question's hint, or to the intro before the first question),
 * `begin_group`/`end_group` (flattened; a group's `relevant` joins its questions'),
 * `required`, `required_message`, `allow_voice` (ours: yes on a text question takes voice
 * answers), `constraint` (the ranges our questions know) and
 * `constraint_message`, `relevant` (see {@link parseRelevant}), `hint`, labels per language
 * (`label::Chinese (zh)`, `label::English (en)`; a plain `label` fills both), and settings
 * `form_id`, `version`, `form_title` plus our `intro`, `consent` and `thanks` texts.
 */

export type { ImportProblem };

/** The outcome of {@link convertXlsForm}. */
export type Conversion =
  { ok: true; survey: SurveyInput; rows: number[] } | { ok: false; problems: ImportProblem[] };

const SURVEY_COLUMNS = [
  'type',
  'name',
  'label',
  'hint',
  'required',
  'required_message',
  'allow_voice',
  'constraint',
  'constraint_message',
  'relevant',
];
const CHOICE_COLUMNS = ['list_name', 'name', 'label'];
/** How a yes/no cell (`required`, `allow_voice`) may be written, lower-cased. */
const YES = ['yes', 'true', 'true()', '1'];
const NO = ['no', 'false', 'false()', '0'];
const SETTINGS_COLUMNS = [
  'form_id',
  'version',
  'form_title',
  'intro',
  'consent',
  'thanks',
  'default_language',
];

type Bounds = {
  min?: number | string;
  max?: number | string;
  maxLength?: number;
  minSelected?: number;
  maxSelected?: number;
};

/** The constraints our questions can hold: ranges joined by `and`. */
function parseConstraint(text: string, type: string): Bounds | undefined {
  const out: Bounds = {};
  for (const part of text.split(/\s+and\s+/)) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if (
      (type === 'integer' || type === 'decimal') &&
      (m = /^\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(p))
    ) {
      const n = Number(m[2]);
      const strict = m[1] === '>' || m[1] === '<';
      if (strict && type !== 'integer') return undefined;
      if (m[1]!.startsWith('>')) out.min = strict ? n + 1 : n;
      else out.max = strict ? n - 1 : n;
    } else if (
      type === 'date' &&
      (m = /^\.\s*(>=|<=)\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)$/.exec(p))
    ) {
      if (m[1] === '>=') out.min = m[2]!;
      else out.max = m[2]!;
    } else if (type === 'text' && (m = /^string-length\(\s*\.\s*\)\s*<=\s*(\d+)$/.exec(p))) {
      out.maxLength = Number(m[1]);
    } else if (
      type === 'select_multiple' &&
      (m = /^count-selected\(\s*\.\s*\)\s*(>=|<=)\s*(\d+)$/.exec(p))
    ) {
      if (m[1] === '>=') out.minSelected = Number(m[2]);
      else out.maxSelected = Number(m[2]);
    } else return undefined;
  }
  return out;
}

/** Numbers compared as quoted text (`${age} > '18'`) become numbers for number questions. */
function typed(c: Condition, numeric: Set<string>): Condition {
  if ('all' in c) return { all: c.all.map((x) => typed(x, numeric)) };
  if ('any' in c) return { any: c.any.map((x) => typed(x, numeric)) };
  if ('not' in c) return { not: typed(c.not, numeric) };
  if (
    'var' in c &&
    numeric.has(c.var) &&
    typeof c.value === 'string' &&
    /^-?\d+(\.\d+)?$/.test(c.value)
  )
    return { ...c, value: Number(c.value) };
  return c;
}

const TYPES: Record<string, string> = {
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  text: 'text',
  string: 'text',
  date: 'date',
};

/**
 * Convert a workbook, or list every problem.
 *
 * @example convertXlsForm(book) // { ok: true, survey: { id: 'baseline', version: 1, questions: [...] } }
 */
export function convertXlsForm(book: Workbook): Conversion {
  const problems: ImportProblem[] = [];
  for (const sheet of ['survey', 'choices', 'settings'])
    if (!book.has(sheet) && sheet !== 'choices')
      problems.push({ sheet, row: 1, column: 'A', key: 'missingSheet', params: { sheet } });
  const survey = table(book, 'survey', problems, SURVEY_COLUMNS);
  const choices = table(book, 'choices', problems, CHOICE_COLUMNS);
  const settings = table(book, 'settings', problems, SETTINGS_COLUMNS);

  // Choice lists.
  const lists = new Map<string, { code: string; label: Localized }[]>();
  for (const row of choices?.rows ?? []) {
    const list = field(choices!, row, 'list_name');
    const name = field(choices!, row, 'name');
    const label = localized(choices!, row, 'label', problems);
    const at = (key: string, column: string) =>
      problems.push({ sheet: 'choices', row: row.row, column, key });
    if (!list) at('missingListName', columnOf(choices!, 'list_name'));
    if (!name) at('missingName', columnOf(choices!, 'name'));
    if (label === undefined) at('missingLabel', columnOf(choices!, 'label'));
    if (list && name && label)
      lists.set(list.value, [...(lists.get(list.value) ?? []), { code: name.value, label }]);
  }

  // Settings: the first row after the header.
  const meta: Record<string, unknown> = {};
  const given = new Set<string>();
  const settingsRow = settings?.rows[0];
  if (settings && settingsRow) {
    for (const [column, text] of settings.header)
      if (settingsRow.cells.has(column)) given.add(headerOf(text).field);
    const id = field(settings, settingsRow, 'form_id');
    if (id) meta.id = id.value;
    const version = field(settings, settingsRow, 'version');
    if (version) {
      if (/^\d+$/.test(version.value)) meta.version = Number(version.value);
      else
        problems.push({
          sheet: 'settings',
          row: settingsRow.row,
          column: version.column,
          key: 'badVersion',
          params: { value: version.value },
        });
    }
    const title = localized(settings, settingsRow, 'form_title', problems);
    if (title) meta.title = title;
    for (const name of ['intro', 'consent', 'thanks'] as const) {
      const text = localized(settings, settingsRow, name, problems);
      if (text) meta[name] = text;
    }
  }
  if (settings)
    for (const name of ['form_id', 'version', 'form_title', 'consent'] as const)
      if (!given.has(name))
        problems.push({
          sheet: 'settings',
          row: settingsRow?.row ?? 2,
          column: columnOf(settings, name),
          key: 'missingSetting',
          params: { setting: name },
        });

  // Questions.
  const questions: Record<string, unknown>[] = [];
  const questionRows: number[] = [];
  const groups: { row: number; relevant?: Condition }[] = [];
  const numeric = new Set<string>();
  let pendingNote: Localized | undefined;
  for (const row of survey?.rows ?? []) {
    const t = survey!;
    const at = (key: string, column: string, params?: ImportProblem['params']) =>
      problems.push({ sheet: 'survey', row: row.row, column, key, ...(params ? { params } : {}) });
    const typeCell = field(t, row, 'type');
    if (!typeCell) {
      at('missingType', columnOf(t, 'type'));
      continue;
    }
    const words = typeCell.value.replace(/\s+/g, ' ').split(' ');
    const kind = words[0]!.toLowerCase();
    let relevant: Condition | undefined;
    const relevantCell = field(t, row, 'relevant');
    if (relevantCell) {
      try {
        relevant = parseRelevant(relevantCell.value);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        at('badRelevant', relevantCell.column, {
          expression: relevantCell.value,
          near: error.message,
        });
      }
    }
    if (kind === 'begin_group' || (kind === 'begin' && words[1] === 'group')) {
      groups.push({ row: row.row, ...(relevant ? { relevant } : {}) });
      continue;
    }
    if (kind === 'end_group' || (kind === 'end' && words[1] === 'group')) {
      if (!groups.pop()) at('unmatchedEndGroup', typeCell.column);
      continue;
    }
    const label = localized(t, row, 'label', problems);
    if (kind === 'note') {
      if (label === undefined) at('missingLabel', columnOf(t, 'label'));
      else if (label)
        pendingNote = pendingNote
          ? {
              'zh-CN': `${pendingNote['zh-CN']}\n${label['zh-CN']}`,
              en: `${pendingNote.en}\n${label.en}`,
            }
          : label;
      continue;
    }
    const q: Record<string, unknown> = {};
    const name = field(t, row, 'name');
    if (!name) at('missingName', columnOf(t, 'name'));
    else q.id = name.value;
    if (label === undefined) at('missingLabel', columnOf(t, 'label'));
    else if (label) q.text = label;
    let type: string | undefined;
    if (kind === 'select_one' || kind === 'select_multiple') {
      type = kind === 'select_one' ? 'single_choice' : 'multiple_choice';
      const list = words[1];
      const rest = words.slice(2);
      if (!list || (rest.length > 0 && (rest.length > 1 || rest[0] !== 'or_other')))
        at('badSelect', typeCell.column, { type: typeCell.value });
      else if (!lists.has(list)) at('missingList', typeCell.column, { list });
      else {
        q.options = lists.get(list);
        q.other = rest[0] === 'or_other';
      }
    } else if (TYPES[kind] && words.length === 1) {
      type = TYPES[kind];
    } else {
      at('unsupportedType', typeCell.column, { type: typeCell.value });
    }
    if (type) q.type = type;
    if (type === 'integer' || type === 'decimal') if (name) numeric.add(name.value);
    const hint = localized(t, row, 'hint', problems);
    const notes = [pendingNote, hint].filter((x): x is Localized => !!x);
    if (notes.length > 0)
      q.hint = {
        'zh-CN': notes.map((n) => n['zh-CN']).join('\n'),
        en: notes.map((n) => n.en).join('\n'),
      };
    if (pendingNote && questions.length === 0 && !meta.intro) {
      meta.intro = pendingNote;
      delete q.hint;
      if (hint) q.hint = hint;
    }
    pendingNote = undefined;
    const required = field(t, row, 'required');
    if (required) {
      const v = required.value.toLowerCase();
      if (YES.includes(v)) q.required = true;
      else if (NO.includes(v)) q.required = false;
      else at('badRequired', required.column, { value: required.value });
    }
    const voice = field(t, row, 'allow_voice');
    if (voice) {
      const v = voice.value.toLowerCase();
      const yes = YES.includes(v);
      if (!yes && !NO.includes(v)) at('badAllowVoice', voice.column, { value: voice.value });
      else if (yes && type !== 'text') at('voiceNotText', voice.column, { type: typeCell.value });
      else if (yes) q.allowVoice = true;
    }
    const requiredMessage = localized(t, row, 'required_message', problems);
    if (requiredMessage) q.requiredMessage = requiredMessage;
    const constraint = field(t, row, 'constraint');
    if (constraint) {
      const bounds = parseConstraint(
        constraint.value,
        kind === 'select_multiple' ? kind : (type ?? ''),
      );
      if (bounds) Object.assign(q, bounds);
      else at('badConstraint', constraint.column, { expression: constraint.value });
    }
    const constraintMessage = localized(t, row, 'constraint_message', problems);
    if (constraintMessage) q.constraintMessage = constraintMessage;
    const conditions = [
      ...groups.flatMap((g) => (g.relevant ? [g.relevant] : [])),
      ...(relevant ? [relevant] : []),
    ];
    if (conditions.length > 0)
      q.showIf = conditions.length === 1 ? conditions[0] : { all: conditions };
    questions.push(q);
    questionRows.push(row.row);
  }
  for (const g of groups)
    problems.push({
      sheet: 'survey',
      row: g.row,
      column: columnOf(survey!, 'type'),
      key: 'unclosedGroup',
    });
  if (problems.length > 0) return { ok: false, problems };
  for (const q of questions) if (q.showIf) q.showIf = typed(q.showIf as Condition, numeric);
  const fallback = meta.title as Localized;
  return {
    ok: true,
    survey: {
      intro: fallback,
      thanks: fallback,
      ...meta,
      questions,
    } as SurveyInput,
    rows: questionRows,
  };
}
