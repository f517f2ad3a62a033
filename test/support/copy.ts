import type { Locale } from '../../src/core/message';
import type { TextParams, Translate } from '../../src/core/text';
import { translate } from '../../src/i18n';

/**
 * The current text of an i18n key in one locale, through the bot's own translate, so a test
 * names the message it expects and a trainer's wording edit does not break it. Throws on a
 * key the catalogue lacks (translate would return the key itself, and a test would then
 * compare keys with keys).
 *
 * @example copy('onboarding.welcome', 'zh-CN')
 * @example copy('common.range_middle', 'en', { low: 1, high: 3, value: 2 })
 */
export function copy(key: string, locale: Locale, params?: TextParams): string {
  const text = translate(locale, key, params);
  if (text === key) throw new Error(`copy(): no text for "${key}" in ${locale}`);
  return text;
}

/** `text` with every regular-expression metacharacter escaped. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text of a key as a pattern, where a parameter given as a RegExp matches that pattern
 * (for a number the test does not pin down). Compose it with {@link re}.
 *
 * @example copyPattern('wechat.reply_range', 'zh-CN', { max: /\d+/ })
 */
export function copyPattern(
  key: string,
  locale: Locale,
  params: Record<string, string | number | RegExp> = {},
): RegExp {
  const holes: string[] = [];
  const plain: TextParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (value instanceof RegExp) {
      plain[name] = `\uE000${holes.length}\uE000`;
      holes.push(value.source);
    } else plain[name] = value;
  }
  const source = escape(copy(key, locale, plain)).replace(
    /\uE000(\d+)\uE000/g,
    (_, i: string) => `(?:${holes[Number(i)]})`,
  );
  return new RegExp(source);
}

/**
 * A regular expression from a template: the written parts are pattern source (as in a
 * `/.../` literal), an interpolated string matches literally, an interpolated RegExp as its
 * own pattern. Use `[\s\S]*` where a `/.../s` literal would use `.*`.
 *
 * @example re`^${copy('onboarding.done', 'zh-CN')}\n\n${copy('menu.prompt', 'zh-CN')}\n1\. `
 */
export function re(parts: TemplateStringsArray, ...values: (string | RegExp)[]): RegExp {
  return new RegExp(
    parts.raw
      .map((part, i) => {
        const value = values[i];
        if (value === undefined) return part;
        return part + (value instanceof RegExp ? `(?:${value.source})` : escape(value));
      })
      .join(''),
  );
}

/**
 * A translate that writes the key and its parameters instead of any copy, for unit tests
 * that check which message the code chose and what it put in: `{plan.why text={…}}`.
 *
 * @example keysOnly('en', 'plan.lesson', { lesson: 'x' }) // "{plan.lesson lesson=x}"
 */
export const keysOnly: Translate = (_locale, key, params = {}) =>
  `{${[key, ...Object.entries(params).map(([name, value]) => `${name}=${value}`)].join(' ')}}`;
