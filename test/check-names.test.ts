import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECK_NAMES } from '../src/advice/plan-schema';
import { content } from '../src/content';
import { LOCALES } from '../src/core/message';
import { translate } from '../src/i18n';

/**
 * One name for each advice check, per language, everywhere: the chat (menu, commands, the
 * routed free question, the check's own intro), the console and the API docs all read
 * `check_names.<check>`; no other string spells a check's name out.
 */
const ROOT = resolve(import.meta.dirname, '..');
const catalogue = (locale: string) =>
  JSON.parse(readFileSync(join(ROOT, `locales/${locale}/translation.json`), 'utf8')) as object;

/** Every string of a JSON value with its path. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

/** Names the checks were once known by (compared ignoring case), now read from the one key. */
const RETIRED = [
  'logistics check',
  'product and competition check',
  'niche product check',
  'listing text check',
  'storytelling check',
  '物流检查',
  '选品与竞争检查',
  '商品描述检查',
  '淘宝村检测',
  '物流检测',
  '细分产品检测',
  '产品故事检测',
];

const name = (locale: (typeof LOCALES)[number], check: string) =>
  translate(locale, `check_names.${check}`);

/** Every text file under content/, recursively. */
function contentFiles(dir = join(ROOT, 'content')): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? contentFiles(path) : [path];
  });
}

describe('one name for each check', () => {
  it('has a name per check in each language', () => {
    for (const locale of LOCALES)
      for (const check of CHECK_NAMES) {
        expect(name(locale, check)).not.toBe(`check_names.${check}`);
        expect(name(locale, check)).not.toContain('$t(');
      }
  });

  it('shows that name in the menu, the commands, the routed question, the console and the intro', () => {
    const menu = parse(readFileSync(join(ROOT, 'content/menu.yaml'), 'utf8')) as {
      items: { flow: string; label: string }[];
    };
    for (const locale of LOCALES)
      for (const check of CHECK_NAMES) {
        const expected = name(locale, check);
        const places = [
          `ask.checks.${check}`,
          `admin.checks.${check}`,
          ...menu.items.filter((i) => i.flow === check).map((i) => i.label),
          ...Object.entries(content.commands)
            .filter(([, flow]) => flow === check)
            .map(([command]) => `commands.${command}`),
        ];
        expect(places.length).toBeGreaterThanOrEqual(4);
        for (const key of places) expect([key, translate(locale, key)]).toEqual([key, expected]);
      }
    for (const [check, key] of [
      ['village', 'advice.village.intro'],
      ['logistics', 'advice.logistics.intro'],
      ['niche', 'advice.niche.intro'],
      ['storytelling', 'advice.storytelling.ask_story'],
    ] as const)
      for (const locale of LOCALES)
        expect(translate(locale, key).startsWith(name(locale, check))).toBe(true);
  });

  it('spells a name out only in check_names: every other string refers to it', () => {
    for (const locale of LOCALES) {
      const names = CHECK_NAMES.map((check) => name(locale, check));
      for (const [path, text] of strings(catalogue(locale))) {
        if (path.startsWith('check_names.')) continue;
        for (const spelled of [...names, ...RETIRED])
          expect(`${locale} ${path}: ${text.toLowerCase().includes(spelled.toLowerCase())}`).toBe(
            `${locale} ${path}: false`,
          );
      }
    }
  });

  it('uses no other name for a check in content or the API docs', () => {
    const docs = readFileSync(join(ROOT, 'src/content/generated/openapi.json'), 'utf8');
    const texts: [string, string][] = [
      ['openapi.json', docs],
      // YAML comments are for developers and name a check by its id ("the logistics check").
      ...contentFiles().map((f): [string, string] => [
        f,
        readFileSync(f, 'utf8').replace(f.endsWith('.yaml') ? /^\s*#.*$/gm : /$^/, ''),
      ]),
    ];
    for (const [file, text] of texts)
      for (const retired of RETIRED)
        expect(`${file}: ${text.toLowerCase().includes(retired.toLowerCase())}`).toBe(
          `${file}: false`,
        );
  });
});
