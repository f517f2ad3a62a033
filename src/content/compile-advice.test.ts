import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTERED } from '../domains';
import { catalogues } from '../i18n';
import { compileContent, formatContentError, type SourceFile } from './compile';
import { readContentDir } from './read-dir';

const real = readContentDir(resolve(import.meta.dirname, '../../content'));

/** The real content with one file's text changed. */
function edited(path: string, change: (text: string) => string): SourceFile[] {
  return real.map((f) => (f.path === path ? { path, text: change(f.text) } : f));
}

function errorsOf(files: SourceFile[]): string[] {
  const result = compileContent(files, catalogues, REGISTERED);
  return result.ok ? [] : result.errors.map(formatContentError);
}

describe('advice content: every fact has a source, every threshold a why', () => {
  it('bundles benchmarks, rules and keyword routes', () => {
    const result = compileContent(real, catalogues, REGISTERED);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.bundle.advice.villages.length).toBeGreaterThanOrEqual(7);
    expect(result.bundle.keywords.map((k) => k.flow)).toContain('logistics');
    expect(Object.keys(result.bundle.flows)).toEqual(
      expect.arrayContaining(['village', 'logistics', 'niche', 'storytelling', 'plan']),
    );
  });

  it('fails when a benchmark village fact lacks its source', () => {
    const errors = errorsOf(
      edited('benchmarks/villages.yaml', (t) =>
        t.replace(/ {8}source:\n {10}zh-CN: '中国日报 2011-01-03.*\n.*\n/, ''),
      ),
    );
    expect(errors).toContain(
      'content/benchmarks/villages.yaml at villages[0].facts[0].source: every fact needs a source',
    );
  });

  it('fails when a fact in facts.yaml or a yearly count lacks its source', () => {
    expect(
      errorsOf(
        edited('benchmarks/facts.yaml', (t) =>
          t.replace(/ {4}source:\n {6}zh-CN: '央视 2023-08-15'\n.*\n/, ''),
        ),
      ),
    ).toContain(
      'content/benchmarks/facts.yaml at facts.ecommerce_into_rural_areas.source: every fact needs a source',
    );
    expect(
      errorsOf(
        edited('benchmarks/counts.yaml', (t) =>
          t.replace(
            "{ year: 2013, villages: 20, source: { zh-CN: '新华社 2019-08-02', en: 'Xinhua 2019-08-02' } }",
            '{ year: 2013, villages: 20 }',
          ),
        ),
      ),
    ).toContain('content/benchmarks/counts.yaml at years[1].source: every fact needs a source');
  });

  it('fails when a rule threshold lacks its why', () => {
    const errors = errorsOf(
      edited('rules/logistics.yaml', (t) =>
        t.replace(/ {2}why: Our rule of thumb - above 15%.*\n/, ''),
      ),
    );
    expect(errors).toContain(
      'content/rules/logistics.yaml at shipping_share_warn_pct.why: every threshold needs a why',
    );
  });

  it('fails when an official criterion lacks its source or its why', () => {
    const noSource = errorsOf(
      edited('benchmarks/criteria.yaml', (t) =>
        t.replace(/(min_taobao_villages:\n {4}value: 3\n {4}why: .*\n) {4}source:\n.*\n.*\n/, '$1'),
      ),
    );
    expect(noSource).toContain(
      'content/benchmarks/criteria.yaml at town.min_taobao_villages.source: every fact needs a source',
    );
    const noWhy = errorsOf(
      edited('benchmarks/criteria.yaml', (t) =>
        t.replace(/(min_active_shops:\n {4}value: 100\n) {4}why: .*\n/, '$1'),
      ),
    );
    expect(noWhy).toContain(
      'content/benchmarks/criteria.yaml at village.min_active_shops.why: every threshold needs a why',
    );
  });

  it('checks villages against the category and province lists', () => {
    const errors = errorsOf(
      edited('benchmarks/villages.yaml', (t) =>
        t
          .replace('province: jiangsu', 'province: atlantis')
          .replace('categories: [furniture]', 'categories: [bamboo]'),
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'content/benchmarks/villages.yaml at villages[0].province: unknown province "atlantis" (see lists/provinces.yaml)',
        'content/benchmarks/villages.yaml at villages[0].categories[0]: unknown category "bamboo" (see lists/categories.yaml)',
      ]),
    );
  });

  it('checks the facts and villages steps point to, and their texts', () => {
    const errors = errorsOf(
      edited('rules/steps.yaml', (t) =>
        t
          .replace('facts: [gi_premium]', 'facts: [wuyi_brushes]')
          .replace('examples: [dongfeng]', 'examples: [wuyi]')
          .replace('  raise_order_value:', '  teleport: { quick_win: true }\n  raise_order_value:'),
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'content/rules/steps.yaml at steps.check_gi_label.facts[0]: unknown fact "wuyi_brushes"',
        'content/rules/steps.yaml at steps.grow_village_sales.examples[0]: unknown benchmark village "wuyi"',
        'content/rules/steps.yaml at steps.teleport: i18n key "checks.steps.teleport.title" is missing in zh-CN, en',
      ]),
    );
  });

  it('checks keyword routes: known flows, each keyword routed once', () => {
    const errors = errorsOf(
      edited('keywords.yaml', (t) =>
        t.replace('  - flow: village\n', '  - flow: villages\n').replace('冷链,', '冷链, 故事,'),
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'content/keywords.yaml at routes[5].flow: unknown flow "villages"',
        'content/keywords.yaml at routes[3]: keyword "故事" is already routed by routes[2]',
      ]),
    );
  });

  it('requires every advice file', () => {
    expect(errorsOf(real.filter((f) => f.path !== 'rules/niche.yaml'))).toContain(
      'content/rules/niche.yaml: file is missing',
    );
  });

  it('takes advice intake flows from content/advice, named after the file', () => {
    expect(
      errorsOf(edited('advice/niche.yaml', (t) => t.replace('id: niche', 'id: nitch'))),
    ).toContain('content/advice/niche.yaml at id: must be "niche" (the file name)');
  });
});
