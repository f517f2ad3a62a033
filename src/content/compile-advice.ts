import type { z } from 'zod';
import { ADVICE_FILES, type AdviceData, type AdviceFile } from '../advice/content-schema';
import type { KeywordRoute } from '../core/keywords';
import { STAGES } from '../core/profile';
import type { Text } from '../core/text';
import type { ContentError } from './source';

/** What the advice part of the build needs from the rest of it. */
export interface AdviceCompileInput {
  /** Parsed advice files by path (see `ADVICE_FILES`). */
  files: ReadonlyMap<string, unknown>;
  keywords: { routes: KeywordRoute[]; file: string } | undefined;
  flows: Readonly<Record<string, unknown>>;
  lists: Readonly<Record<string, readonly { id: string }[]>>;
  errors: ContentError[];
  checkText: (text: Text, file: string, path: string) => void;
}

type Parsed<K extends AdviceFile> = z.infer<(typeof ADVICE_FILES)[K]>;

/**
 * Check the benchmarks, rules and keyword routes against each other and the rest of the
 * content (categories, provinces, flows, i18n keys) and shape them for the bundle.
 * Problems go to `errors`; the result is undefined when a file is missing.
 */
export function compileAdvice(input: AdviceCompileInput): {
  advice: AdviceData | undefined;
  keywords: KeywordRoute[];
} {
  const { errors } = input;
  const missing = Object.keys(ADVICE_FILES).filter((path) => !input.files.has(path));
  for (const file of missing) errors.push({ file, path: '', message: 'file is missing' });
  const keywords = checkKeywords(input);
  if (missing.length > 0) return { advice: undefined, keywords };

  const get = <K extends AdviceFile>(path: K) => input.files.get(path) as Parsed<K>;
  const criteria = get('benchmarks/criteria.yaml');
  const villages = get('benchmarks/villages.yaml');
  const facts = get('benchmarks/facts.yaml');
  const steps = get('rules/steps.yaml');

  checkVillages(villages, input);
  const factIds = new Set([
    ...Object.keys(facts.facts),
    ...Object.entries(criteria).flatMap(([section, items]) =>
      Object.entries(items)
        .filter(([, item]) => typeof item === 'object' && item !== null && 'text' in item)
        .map(([key]) => `${section}.${key}`),
    ),
  ]);
  const villageIds = new Set(villages.villages.map((v) => v.id));
  for (const [id, step] of Object.entries(steps.steps)) {
    const at = `steps.${id}`;
    step.facts.forEach((fact, i) => {
      if (!factIds.has(fact))
        errors.push({
          file: 'rules/steps.yaml',
          path: `${at}.facts[${i}]`,
          message: `unknown fact "${fact}"`,
        });
    });
    step.examples.forEach((village, i) => {
      if (!villageIds.has(village))
        errors.push({
          file: 'rules/steps.yaml',
          path: `${at}.examples[${i}]`,
          message: `unknown benchmark village "${village}"`,
        });
    });
    for (const part of ['title', 'why', 'how'])
      input.checkText(`checks.steps.${id}.${part}`, 'rules/steps.yaml', at);
  }
  checkPlanRules(get('rules/plan.yaml'), steps, input);

  return {
    keywords,
    advice: {
      criteria,
      counts: get('benchmarks/counts.yaml').years,
      villages: villages.villages,
      facts: facts.facts,
      rules: {
        logistics: get('rules/logistics.yaml'),
        niche: get('rules/niche.yaml'),
        village: get('rules/village.yaml'),
        plan: get('rules/plan.yaml'),
        storytelling: get('rules/storytelling.yaml'),
        steps: steps.steps,
      },
    },
  };
}

/** The plan's stage steps and village contact step must be listed seller steps. */
function checkPlanRules(
  plan: Parsed<'rules/plan.yaml'>,
  steps: Parsed<'rules/steps.yaml'>,
  input: AdviceCompileInput,
) {
  const file = 'rules/plan.yaml';
  const check = (id: string, path: string) => {
    const step = steps.steps[id];
    if (!step)
      input.errors.push({ file, path, message: `unknown step "${id}" (rules/steps.yaml)` });
    else if (step.scope !== 'seller')
      input.errors.push({ file, path, message: `step "${id}" must have scope seller` });
  };
  for (const [stage, ids] of Object.entries(plan.stage_steps))
    (ids ?? []).forEach((id, i) => check(id, `stage_steps.${stage}[${i}]`));
  check(plan.village_contact_step, 'village_contact_step');
  const stages = (input.lists.stages ?? []).map((item) => item.id).join(',');
  if (stages !== STAGES.join(','))
    input.errors.push({
      file: 'lists/stages.yaml',
      path: 'items',
      message: `the stages must be ${STAGES.join(', ')}, in that order`,
    });
}

function checkVillages(villages: Parsed<'benchmarks/villages.yaml'>, input: AdviceCompileInput) {
  const file = 'benchmarks/villages.yaml';
  const ids = (list: string) => new Set((input.lists[list] ?? []).map((item) => item.id));
  const categories = ids('categories');
  const provinces = ids('provinces');
  const seen = new Set<string>();
  villages.villages.forEach((village, i) => {
    const at = `villages[${i}]`;
    if (seen.has(village.id))
      input.errors.push({ file, path: `${at}.id`, message: `duplicate id "${village.id}"` });
    seen.add(village.id);
    if (!provinces.has(village.province))
      input.errors.push({
        file,
        path: `${at}.province`,
        message: `unknown province "${village.province}" (see lists/provinces.yaml)`,
      });
    village.categories.forEach((category, j) => {
      if (!categories.has(category))
        input.errors.push({
          file,
          path: `${at}.categories[${j}]`,
          message: `unknown category "${category}" (see lists/categories.yaml)`,
        });
    });
  });
}

function checkKeywords(input: AdviceCompileInput): KeywordRoute[] {
  if (!input.keywords) return [];
  const { routes, file } = input.keywords;
  const owner = new Map<string, number>();
  routes.forEach((route, i) => {
    if (!input.flows[route.flow])
      input.errors.push({
        file,
        path: `routes[${i}].flow`,
        message: `unknown flow "${route.flow}"`,
      });
    for (const keyword of [...route.contains, ...route.exact]) {
      const key = keyword.toLowerCase();
      const first = owner.get(key);
      if (first !== undefined && first !== i)
        input.errors.push({
          file,
          path: `routes[${i}]`,
          message: `keyword "${keyword}" is already routed by routes[${first}]`,
        });
      owner.set(key, first ?? i);
    }
  });
  return routes;
}
