import type { Outbound } from '../core/message';
import { latestCount } from './benchmarks';
import type { CheckName } from './plan-schema';
import type {
  Finding,
  LogisticsResult,
  NicheResult,
  Step,
  StorytellingResult,
  VillageResult,
} from './schemas';
import { factLine, ruleBasis, say, storyExample, villageLine, type TextContext } from './text';

/** A check's result, whichever check ran. */
export type AnyResult = VillageResult | LogisticsResult | NicheResult | StorytellingResult;

const bullet = (line: string) => `• ${line}`;

/** The words for one finding, from `checks.findings.<id>` and its variants. */
export function findingText(ctx: TextContext, f: Finding): string {
  const key = `checks.findings.${f.id}`;
  // Thresholds say what they rest on: our rule of thumb, or the source that sets them.
  const data = 'rule' in f.data ? { ...f.data, basis: ruleBasis(ctx, f.data.rule) } : f.data;
  const lines = [say(ctx, key, data)];
  if (f.id === 'check_inputs' && Array.isArray(f.data.doubts))
    for (const doubt of f.data.doubts) lines.push(say(ctx, `${key}_${doubt}`, f.data));
  if (f.id === 'shops_short' && f.data.households !== undefined)
    lines.push(say(ctx, `${key}_share`, f.data));
  if (f.id === 'town_short' && f.data.salesRmb !== undefined)
    lines.push(say(ctx, `${key}_sales`, f.data));
  if (f.id === 'town_eligible') lines.push(say(ctx, `${key}_${String(f.data.route)}`, f.data));
  // Chinese runs sentences together; English puts a space between them.
  return lines.join(ctx.locale === 'zh-CN' ? '' : ' ');
}

/** Title of a step, with its parameters (and a story example for `add_*` steps). */
export function stepParams(ctx: TextContext, step: Pick<Step, 'id'> & { params?: Step['params'] }) {
  const element = /^add_(.+)$/.exec(step.id)?.[1];
  return {
    ...step.params,
    ...(element ? { example: storyExample(ctx, element, step.params ?? {}) } : {}),
  };
}

function stepsMessage(ctx: TextContext, steps: readonly Step[]): string {
  const lines = steps.map((s, i) =>
    say(ctx, 'checks.common.step_line', {
      n: i + 1,
      title: say(ctx, `checks.steps.${s.id}.title`, stepParams(ctx, s)),
      tag: say(
        ctx,
        s.severity === 'serious'
          ? 'plan.severity.serious'
          : s.quickWin
            ? 'plan.quick_win'
            : `plan.severity.${s.severity}`,
      ),
    }),
  );
  return [say(ctx, 'checks.common.steps_header'), ...lines].join('\n');
}

function findingsBlock(ctx: TextContext, findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => !f.id.startsWith('missing_'))
    .map((f) => bullet(findingText(ctx, f)));
}

function villageMessages(ctx: TextContext, r: VillageResult): string[] {
  const c = ctx.data.criteria;
  const doubted = r.findings.some((f) => f.id === 'check_inputs');
  const first = [
    `**${say(ctx, doubted ? 'checks.village.check_inputs' : `checks.village.${r.verdict}`)}**`,
    ...findingsBlock(ctx, r.findings),
    factLine(ctx, c.village.definition, 'checks.village.criteria'),
    ...(r.town ? [factLine(ctx, c.town.definition, 'checks.village.town_criteria')] : []),
  ];
  const villages = r.benchmarks.flatMap((id) => ctx.data.villages.filter((v) => v.id === id));
  const latest = latestCount(ctx.data);
  const second = [
    ...(villages.length > 0 ? [say(ctx, 'checks.village.benchmarks')] : []),
    ...villages.map((v) => bullet(villageLine(ctx, v))),
    ...(latest
      ? [
          say(ctx, latest.towns ? 'checks.village.latest' : 'checks.village.latest_villages', {
            ...latest,
            year: String(latest.year),
            source: latest.source[ctx.locale],
          }),
        ]
      : []),
  ];
  return [first.join('\n'), second.join('\n')];
}

function storyMessages(ctx: TextContext, r: StorytellingResult): string[] {
  const names = (ids: readonly string[]) =>
    ids
      .map((id) => say(ctx, `checks.elements.${id}`))
      .join(say(ctx, 'checks.common.list_separator'));
  const score = r.findings.find((f) => f.id === 'story_score');
  const denied = Array.isArray(score?.data.denied) ? score.data.denied : [];
  const compliance = r.findings.filter((f) => Array.isArray(f.data.terms));
  const first = [
    `**${say(ctx, `checks.storytelling.${r.verdict}`)}**`,
    say(ctx, 'checks.storytelling.score', {
      score: r.score,
      max: r.present.length + r.missing.length,
    }),
    ...(r.present.length > 0
      ? [say(ctx, 'checks.storytelling.present', { list: names(r.present) })]
      : []),
    ...(r.missing.length > 0
      ? [say(ctx, 'checks.storytelling.missing', { list: names(r.missing) })]
      : []),
    ...(denied.length > 0 ? [say(ctx, 'checks.storytelling.denied', { list: names(denied) })] : []),
    ...(compliance.length > 0
      ? [
          say(ctx, 'checks.storytelling.compliance'),
          ...compliance.map((f) =>
            bullet(
              findingText(ctx, {
                ...f,
                data: {
                  ...f.data,
                  terms: (f.data.terms as string[]).join(say(ctx, 'checks.common.list_separator')),
                },
              }),
            ),
          ),
        ]
      : []),
  ];
  // Examples for the missing elements that have a step (none for what the text denies).
  const adds = r.steps.filter((s) => s.id.startsWith('add_'));
  if (adds.length === 0) return [first.join('\n')];
  const examples = [
    say(ctx, 'checks.storytelling.examples'),
    ...adds.map((s) =>
      bullet(
        say(ctx, 'checks.storytelling.example_line', {
          element: say(ctx, `checks.elements.${s.id.slice('add_'.length)}`),
          example: stepParams(ctx, s).example,
        }),
      ),
    ),
  ];
  return [first.join('\n'), examples.join('\n')];
}

function plainMessages(
  ctx: TextContext,
  check: 'logistics' | 'niche',
  r: LogisticsResult | NicheResult,
) {
  const first = [
    `**${say(ctx, `checks.${check}.${r.verdict}`)}**`,
    ...findingsBlock(ctx, r.findings),
  ];
  const example =
    'example' in r && r.example ? ctx.data.villages.find((v) => v.id === r.example) : undefined;
  if (example) first.push(say(ctx, 'checks.niche.learn_from'), bullet(villageLine(ctx, example)));
  return [first.join('\n')];
}

/**
 * The replies for a check's result: the verdict and findings, then benchmark villages or
 * story examples where the check has them, then the steps, most urgent first.
 */
export function renderResult(ctx: TextContext, check: CheckName, result: AnyResult): Outbound[] {
  const texts =
    check === 'village'
      ? villageMessages(ctx, result as VillageResult)
      : check === 'storytelling'
        ? storyMessages(ctx, result as StorytellingResult)
        : plainMessages(ctx, check, result as LogisticsResult | NicheResult);
  if (result.steps.length > 0) texts.push(stepsMessage(ctx, result.steps));
  return texts.map((text) => ({ text }));
}
