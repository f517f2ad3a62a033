import { histogram, type Bin } from './histogram';
import type { SurveyResponse } from './response';
import { optionCodes, type Question, type SurveyDefinition } from './schema';

/** Min, median, mean and max of a numeric question's answers. */
export interface NumericSummary {
  n: number;
  min: number;
  median: number;
  mean: number;
  max: number;
}

/** One text answer, for the latest answers shown beside the counts. */
export interface TextAnswer {
  respondent: string;
  text: string;
  at: number | null;
}

/** What one question's answers add up to. */
export interface QuestionStats {
  id: string;
  type: Question['type'];
  /** Respondents who gave an answer (not skipped). */
  answered: number;
  skipped: number;
  /** Choice, yes/no and Likert questions: how many picked each option. */
  counts?: Record<string, number>;
  numeric?: NumericSummary | null;
  /** Numbers: a histogram, its bins chosen from the answers. */
  histogram?: Bin[];
  /** Text questions: the most recent answers (page through the rest with the API). */
  latest?: TextAnswer[];
}

/** The median of sorted numbers. */
function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per-question statistics over a stream of responses, fed one at a time (so a scan of any
 * size keeps one page in memory, plus the numbers of numeric questions for their median).
 */
export class StatsAccumulator {
  private readonly stats = new Map<string, QuestionStats>();
  private readonly numbers = new Map<string, number[]>();
  respondents = 0;
  completed = 0;

  constructor(
    private readonly survey: SurveyDefinition,
    private readonly latestCount = 5,
  ) {
    for (const q of survey.questions) {
      const counts =
        q.type === 'single_choice' || q.type === 'multiple_choice'
          ? Object.fromEntries(optionCodes(q).map((c) => [c, 0]))
          : q.type === 'yes_no'
            ? { yes: 0, no: 0 }
            : q.type === 'likert'
              ? Object.fromEntries(Array.from({ length: q.points }, (_, i) => [String(i + 1), 0]))
              : undefined;
      this.stats.set(q.id, {
        id: q.id,
        type: q.type,
        answered: 0,
        skipped: 0,
        ...(counts ? { counts } : {}),
        ...(q.type === 'text' ? { latest: [] } : {}),
      });
      if (q.type === 'integer' || q.type === 'decimal' || q.type === 'likert')
        this.numbers.set(q.id, []);
    }
  }

  /** Count one respondent (partial responses count for the questions they answered). */
  add(respondent: string, response: SurveyResponse): void {
    this.respondents += 1;
    if (response.status === 'completed') this.completed += 1;
    for (const [id, value] of Object.entries(response.answers)) {
      const s = this.stats.get(id);
      if (!s) continue;
      if (value === null) {
        s.skipped += 1;
        continue;
      }
      s.answered += 1;
      const picked = Array.isArray(value)
        ? value
        : [typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)];
      if (s.counts) for (const code of picked) if (code in s.counts) s.counts[code]! += 1;
      if (typeof value === 'number') this.numbers.get(id)?.push(value);
      if (s.latest && typeof value === 'string')
        this.keepLatest(s.latest, { respondent, text: value, at: response.updatedAt ?? null });
    }
  }

  private keepLatest(latest: TextAnswer[], answer: TextAnswer): void {
    latest.push(answer);
    latest.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
    if (latest.length > this.latestCount) latest.length = this.latestCount;
  }

  /** The statistics, in question order. */
  result(): QuestionStats[] {
    return this.survey.questions.map((q) => {
      const s = this.stats.get(q.id)!;
      const values = this.numbers.get(q.id);
      if (!values) return s;
      if (values.length === 0) return { ...s, numeric: null };
      const sorted = Float64Array.from(values).sort();
      const sum = values.reduce((a, b) => a + b, 0);
      return {
        ...s,
        numeric: {
          n: sorted.length,
          min: sorted[0]!,
          median: median(sorted),
          mean: Math.round((sum / sorted.length) * 1000) / 1000,
          max: sorted[sorted.length - 1]!,
        },
        histogram: histogram(values),
      };
    });
  }
}
