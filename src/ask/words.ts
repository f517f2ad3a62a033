/**
 * Word-level helpers of the question reader (src/ask/analyze.ts): the English stem and
 * clitics, and the amounts and place names that weigh little in a question.
 */

/** A Chinese character. */
export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** An amount: "6", "五天", "一个", "两次", "150" (numerals with at most one measure word). */
export const AMOUNT =
  /^(\d+|[\d一二两三四五六七八九十百千万几半多]+[天日周次个斤箱件单年月号块元份家户]?)$/;

/** A place the segmenter cut up: "遂 昌 县", "白 牛 村", "丽水 市" (joined by {@link joinPlaces}). */
const PLACE_SUFFIX = /^[村镇县市乡]$/;
/** A joined place name: at least two characters before the suffix. */
export const PLACE = /^[\u3400-\u9fff]{2,5}[村镇县市乡]$/;

/**
 * Join a place the segmenter cut up: a lone 村, 镇, 县, 市 or 乡 takes the piece before it
 * and the single characters before that ("遂 昌 县" -> 遂昌县), when that makes two to
 * five characters before the suffix.
 */
export function joinPlaces(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (PLACE_SUFFIX.test(piece) && last !== undefined && CJK.test(last)) {
      let name = out.pop()!;
      while (out.length && out.at(-1)!.length === 1 && CJK.test(out.at(-1)!) && name.length < 5)
        name = out.pop()! + name;
      if (name.length >= 2) {
        out.push(name + piece);
        continue;
      }
      out.push(name);
    }
    out.push(piece);
  }
  return out;
}

/** "don't" -> "do", "what's" -> "what", "we're" -> "we", "can't" -> "can". */
export function splitClitic(word: string): string {
  if (!word.includes("'")) return word;
  if (word === "can't" || word === "won't") return word === "can't" ? 'can' : 'will';
  return word.replace(/n't$/, '').replace(/'(s|re|m|ve|ll|d)$/, '');
}

/** A crude English stem: enough to meet "shipping", "ships" and "shipped" as "ship". */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(sh|ch|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) w = w.slice(0, -1);
  // "shipp" (from shipping/shipped) and "ship" meet; "cheapli" is gone above.
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|ff|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
