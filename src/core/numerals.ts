/**
 * Small Chinese numerals as people type them on a phone: 八百, 三十五, 两百五, 一百零五,
 * 两千, 一千二百, optionally times 万 or 亿 (八百万, 两千万). Values below ten thousand are
 * read before the magnitude; forms that mix magnitudes (一万二) are left to Arabic digits,
 * which nobody misreads.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const LARGE: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const NONZERO = /^[一二两三四五六七八九]$/;

function digit(ch: string | undefined): number | undefined {
  return ch === undefined ? undefined : DIGITS[ch];
}

/** 0–999 written with 十 and 百 (and the colloquial 两百五 = 250), else undefined. */
function belowThousand(text: string): number | undefined {
  let rest = text;
  let value = 0;
  const hundreds = /^([一二两三四五六七八九])百/.exec(rest);
  if (hundreds) {
    value = (digit(hundreds[1]) ?? 0) * 100;
    rest = rest.slice(2);
    if (rest === '') return value;
    // 两百五: a lone digit after 百 counts tens.
    if (NONZERO.test(rest)) return value + (digit(rest) ?? 0) * 10;
    if (rest.startsWith('零')) {
      const ones = rest.slice(1);
      return NONZERO.test(ones) ? value + (digit(ones) ?? 0) : undefined;
    }
  }
  const tens = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(rest);
  if (tens) {
    // 一百十 is not how anyone writes 110 (一百一十): refuse rather than guess.
    if (hundreds && tens[1] === undefined) return undefined;
    return value + (digit(tens[1]) ?? 1) * 10 + (digit(tens[2]) ?? 0);
  }
  if (!hundreds && rest.length === 1) return digit(rest);
  return undefined;
}

/** 0–9999: thousands with 千 (and the colloquial 两千五 = 2500), then {@link belowThousand}. */
function belowTenThousand(text: string): number | undefined {
  const thousands = /^([一二两三四五六七八九])千/.exec(text);
  if (!thousands) return belowThousand(text);
  const value = (digit(thousands[1]) ?? 0) * 1000;
  const rest = text.slice(2);
  if (rest === '') return value;
  // 两千五: a lone digit after 千 counts hundreds.
  if (NONZERO.test(rest)) return value + (digit(rest) ?? 0) * 100;
  // 一千零五, 一千零五十: what follows 零 is below one hundred.
  if (rest.startsWith('零')) {
    const small = belowThousand(rest.slice(1));
    return small !== undefined && small > 0 && small < 100 ? value + small : undefined;
  }
  // 一千二百, 一千二百五十: the rest must say its hundreds.
  const hundreds = /^[一二两三四五六七八九]百/.test(rest) ? belowThousand(rest) : undefined;
  return hundreds === undefined ? undefined : value + hundreds;
}

/**
 * Read a small Chinese numeral, optionally followed by 万/亿.
 *
 * @example parseChineseNumeral('八百') // 800
 * @example parseChineseNumeral('八百万') // 8000000
 * @example parseChineseNumeral('两千万') // 20000000
 * @example parseChineseNumeral('一万二') // undefined
 */
export function parseChineseNumeral(text: string): number | undefined {
  const last = text.slice(-1);
  const factor = LARGE[last];
  const body = factor === undefined ? text : text.slice(0, -1);
  const value = belowTenThousand(body);
  if (value === undefined) return undefined;
  return value * (factor ?? 1);
}
