import type { Locale } from '../../core/message';
import { OTHER_CODE, type Question, type SurveyDefinition } from '../../surveys/schema';
import type { Bin } from './chart-data';
import type { BarRow } from './charts';
import type { T } from './i18n';
import { inLocale, type SurveyStats } from './surveys-api';

type Stat = SurveyStats['questions'][number];

/** What the survey page draws for one question. */
export interface QuestionView {
  id: string;
  type: string;
  text: string;
  answered: number;
  skipped: number;
  /** Choices, yes/no and scale points: one bar per option, in the definition's order. */
  bars?: BarRow[];
  /** Numbers: a histogram when the statistics carry bins. */
  bins?: Bin[];
  /** Numbers and scales: min, median, mean, max. */
  numeric?: NonNullable<Stat['numeric']>;
  /** Text: the latest answers. */
  latest?: string[];
  /** Typed answers can be paged through (text questions, and "Other, please specify"). */
  typed: boolean;
}

/** Labels of the options a question's counts are keyed by, in order. */
function optionLabels(q: Question, locale: Locale, t: T): [string, string][] {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return [
        ...q.options.map((o): [string, string] => [o.code, inLocale(o.label, locale)]),
        ...(q.other ? [[OTHER_CODE, t('surveys.other')] as [string, string]] : []),
      ];
    case 'yes_no':
      return [
        ['yes', t('surveys.yes')],
        ['no', t('surveys.no')],
      ];
    case 'likert':
      return Array.from({ length: q.points }, (_, i) => {
        const point = String(i + 1);
        const end = i === 0 ? q.low : i === q.points - 1 ? q.high : undefined;
        return [point, end ? `${point} · ${inLocale(end, locale)}` : point];
      });
    default:
      return [];
  }
}

/** The bins the statistics carry for a numeric question. */
function binsOf(stat: Stat): Bin[] | undefined {
  const bins = (stat as { histogram?: unknown }).histogram;
  return Array.isArray(bins) && bins.every((b) => typeof b?.count === 'number')
    ? (bins as Bin[])
    : undefined;
}

/** Label the statistics with the survey's own words, question by question, in its order. */
export function questionViews(
  definition: SurveyDefinition | null,
  stats: SurveyStats,
  locale: Locale,
  t: T,
): QuestionView[] {
  const byId = new Map(definition?.questions.map((q) => [q.id, q]) ?? []);
  return stats.questions.map((stat) => {
    const q = byId.get(stat.id);
    const view: QuestionView = {
      id: stat.id,
      type: stat.type,
      text: q ? inLocale(q.text, locale) : stat.id,
      answered: stat.answered,
      skipped: stat.skipped,
      typed:
        q?.type === 'text' ||
        ((q?.type === 'single_choice' || q?.type === 'multiple_choice') && q.other),
    };
    if (stat.counts) {
      const labels = q ? optionLabels(q, locale, t) : [];
      const known = new Set(labels.map(([code]) => code));
      view.bars = [
        ...labels.map(([code, label]) => ({ label, value: stat.counts?.[code] ?? 0 })),
        ...Object.entries(stat.counts)
          .filter(([code]) => !known.has(code))
          .map(([code, value]) => ({ label: code, value })),
      ];
    }
    const bins = binsOf(stat);
    if (bins) view.bins = bins;
    if (stat.numeric) view.numeric = stat.numeric;
    if (stat.latest) view.latest = stat.latest.map((a) => a.text);
    return view;
  });
}
