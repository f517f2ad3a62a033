import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { content } from '../content';
import { resolveText, type Translate } from '../core/text';
import { translate } from '../i18n';
import { keysOnly } from '../../test/support/copy';
import { CHECKS, runCheck } from './checks';
import { renderResult } from './render';
import type { StorytellingInput, StorytellingResult } from './schemas';
import { storytellingCheck } from './storytelling';

const data = content.advice;
const check = (text: string, locale?: 'zh-CN' | 'en') => storytellingCheck({ text, locale }, data);
const ids = (r: StorytellingResult) => r.findings.map((f) => f.id);
const terms = (r: StorytellingResult, id: string) =>
  r.findings.find((f) => f.id === id)?.data.terms;
const denied = (r: StorytellingResult) =>
  r.findings.find((f) => f.id === 'story_score')?.data.denied;
const COMPLIANCE = [
  'advertising_absolute_terms',
  'quoted_absolute_terms',
  'review_incentive',
  'unverified_claim',
];
const compliance = (r: StorytellingResult) => ids(r).filter((id) => COMPLIANCE.includes(id));
const shown = (
  r: StorytellingResult,
  locale: 'zh-CN' | 'en',
  profile = {},
  t: Translate = translate,
) =>
  renderResult({ locale, t, data, lists: content.lists, profile }, 'storytelling', r)
    .map((m) => m.text)
    .join('\n');
/** What is shown as message keys and their parameters, not the locale's wording. */
const shownKeys = (r: StorytellingResult, locale: 'zh-CN' | 'en') => shown(r, locale, {}, keysOnly);
const province = (id: string, locale: 'zh-CN' | 'en') =>
  resolveText(content.lists.provinces!.find((p) => p.id === id)!.label, locale, keysOnly);

const FULL_ZH =
  '我们的山核桃产自临安的小山村。我叫王明，和父亲一起手工挑选、慢慢炒制，这是祖辈传承下来的老手艺。' +
  '产品有检测报告。老客户说：“吃过最香的一次。”喜欢就赶紧下单吧！';
const FULL_EN =
  "Our hickory nuts come from a small village in Lin'an. I'm Wang Ming; my father and I roast every batch by hand, " +
  'a recipe handed down for three generations. Certified organic (certificate no. 1234-5678), lab tested. ' +
  'Customers say: "the nicest nuts we ever had." Order now!';

describe('storytelling check', () => {
  it.each([
    ['zh-CN', FULL_ZH],
    ['en', FULL_EN],
  ])('finds all seven elements in a full %s story', (_lang, text) => {
    const result = check(text);
    expect(result.missing).toEqual([]);
    expect(result.score).toBe(7);
    expect(result.verdict).toBe('ok');
    expect(result.steps).toEqual([]);
  });

  it('reports what is missing, with a step for each, and a score out of 7', () => {
    const result = check('新鲜山核桃，来自我们村。欢迎选购！');
    expect(result.present).toEqual(['origin', 'call_to_action']);
    expect(result.missing).toEqual(['maker', 'process', 'heritage', 'proof', 'customer_voice']);
    expect(result.score).toBe(2);
    expect(result.verdict).toBe('serious');
    expect(result.steps.map((s) => s.id)).toEqual([
      'add_maker',
      'add_process',
      'add_heritage',
      'add_proof',
      'add_customer_voice',
    ]);
    expect(result.steps.every((s) => s.quickWin)).toBe(true);
  });

  it.each([
    [0, 'serious'],
    [2, 'serious'],
    [3, 'warn'],
    [4, 'warn'],
    [5, 'ok'],
  ])('a score of %d is %s', (score, verdict) => {
    const parts = ['来自我们村。', '我叫王明。', '手工制作。', '传统做法。', '有检测报告。'];
    const result = check(parts.slice(0, score).join('') || '山核桃一斤装');
    expect(result.score).toBe(score);
    expect(result.verdict).toBe(verdict);
  });

  it('matches Latin patterns at the start of a word only', () => {
    expect(check('A short history of nuts').present).not.toContain('call_to_action');
    expect(check('Certificates included').present).toContain('proof');
    expect(check('clicking').present).toContain('call_to_action');
    expect(check('reclick').present).not.toContain('call_to_action');
  });

  it('tries both languages unless told which one the text is in', () => {
    expect(check('Order now 产自临安').present).toEqual(['origin', 'call_to_action']);
    expect(check('Order now 产自临安', 'zh-CN').present).toEqual(['origin']);
    expect(check('Order now 产自临安', 'en').present).toEqual(['call_to_action']);
  });

  it('uses the patterns in content, so editors can add words', () => {
    const more = structuredClone(data);
    more.rules.storytelling.elements.heritage['zh-CN'].push('老味道');
    expect(storytellingCheck({ text: '老味道' }, more).present).toEqual(['heritage']);
    expect(check('老味道').present).toEqual([]);
  });
});

describe('negation within a clause', () => {
  it.each([
    ['zh-CN', '非手工制作……我们没有任何认证。'],
    ['en', 'Not handmade … not organic, not certified.'],
  ])('%s: a denied element is not credited, and a denied claim is no claim', (_l, text) => {
    const result = check(text);
    expect(result.present).not.toContain('process');
    expect(result.present).not.toContain('proof');
    expect(denied(result)).toEqual(expect.arrayContaining(['process', 'proof']));
    expect(compliance(result)).toEqual([]);
  });

  it.each([
    ['非常好吃，全部手工制作', 'process'],
    ['非遗传承人亲手做的', 'heritage'],
    ['不是机器做的而是手工做的', 'process'],
    ['不添加防腐剂的手工红糖', 'process'],
    ['Not only handmade, but also sun-dried', 'process'],
    ['We never rush: every batch is roasted by hand', 'process'],
  ])('"%s" still has %s (no negation, or a contrast, or too far away)', (text, element) => {
    expect(check(text).present).toContain(element);
  });

  it.each([
    ['不是传统工艺', 'heritage'],
    ['这批货没有检测报告', 'proof'],
    ["It isn't made by hand", 'process'],
    ['We do not have any certificate', 'proof'],
    ['不是来自云南', 'origin'],
  ])('"%s" denies %s', (text, element) => {
    const result = check(text);
    expect(result.present).not.toContain(element);
    expect(denied(result)).toContain(element);
  });
});

describe('price claims and paid reviews are warned about, not credited', () => {
  it('历史最低价！好评返现5元: no heritage, no proof, no customer voice; two serious findings', () => {
    const result = check('历史最低价！好评返现5元');
    expect(result.score).toBe(0);
    expect(result.present).toEqual([]);
    expect(result.verdict).toBe('serious');
    expect(terms(result, 'advertising_absolute_terms')).toEqual(['最低价']);
    expect(terms(result, 'review_incentive')).toEqual(['好评返现']);
    expect(result.steps.slice(0, 2).map((s) => s.id)).toEqual([
      'remove_absolute_terms',
      'stop_review_incentive',
    ]);
  });

  it('English: lowest price, No. 1 and cashback for a review', () => {
    const result = check('The lowest price online! No. 1 tea. Cashback for a 5-star review.');
    expect(result.present).toEqual([]);
    expect(terms(result, 'advertising_absolute_terms')).toEqual(
      expect.arrayContaining(['lowest price', 'no. 1']),
    );
    expect(terms(result, 'review_incentive')).toEqual(['cashback for a 5-star']);
    expect(result.verdict).toBe('serious');
  });

  it.each([
    ['五星好评送小礼物', 'zh-CN'],
    ['晒图返现2元', 'zh-CN'],
    ['Leave a five-star review and get a free gift', 'en'],
  ] as const)('"%s" is a review incentive', (text, locale) => {
    expect(ids(check(text, locale))).toContain('review_incentive');
  });

  it.each([['我们不搞好评返现，只请您说真话'], ['We never offer cashback for reviews']])(
    '"%s" refuses paid reviews: no finding',
    (text) => {
      expect(ids(check(text))).not.toContain('review_incentive');
    },
  );

  it.each([
    ['有机会抽奖'],
    ['最佳食用期：收到后7天内'],
    ['Best before: see the pack'],
    ['最好在三天内吃完'],
  ])('"%s" is neither proof nor an absolute claim', (text) => {
    const result = check(text);
    expect(result.present).not.toContain('proof');
    expect(compliance(result)).toEqual([]);
  });

  it('absolute terms on their own, in both languages', () => {
    expect(terms(check('国家级非遗，顶级极品茶'), 'advertising_absolute_terms')).toEqual(
      expect.arrayContaining(['国家级', '顶级', '极品']),
    );
    expect(terms(check('World-class, top-grade walnuts'), 'advertising_absolute_terms')).toEqual(
      expect.arrayContaining(['world-class', 'top-grade']),
    );
  });
});

describe('place names as origin', () => {
  it.each([
    ['浙江临安白牛村的山核桃'],
    ['云南普洱的古树茶'],
    ['丹寨蜡染'],
    ['黔东南的银饰'],
    ['白牛村的山核桃'],
    ['临安区的山核桃'],
  ])('"%s" names a place', (text) => {
    expect(check(text, 'zh-CN').present).toContain('origin');
  });

  it.each([
    ['Batik from Danzhai, Guizhou'],
    ["Tea from Pu'er"],
    ['Tea from Puer'],
    ["Hickory nuts from Lin'an"],
    ['Our walnuts are grown in Shandong'],
    ['Guizhou batik'],
  ])('"%s" names a place in pinyin', (text) => {
    expect(check(text, 'en').present).toContain('origin');
  });

  it.each([
    ['China is a long way off; hand me the tea.'],
    ['An apple a day. Xian is my friend.'],
    ['Longan, peeled and dried.'],
    ['danzhai batik in lower case is not a name'],
  ])('"%s" is not taken for a place (English)', (text) => {
    expect(check(text, 'en').present).not.toContain('origin');
  });

  it.each([
    ['好评如潮，长寿老人都爱吃，果肉丰满，生意兴隆'],
    ['乡村振兴，农村电商'],
    ['东方美味，合作社出品'],
  ])('"%s" is not taken for a place (Chinese words that are also place names)', (text) => {
    expect(check(text, 'zh-CN').present).not.toContain('origin');
  });

  it('without the division list (content-only builds), the patterns still work', () => {
    const bare = structuredClone(data);
    delete bare.rules.storytelling.place_names;
    expect(storytellingCheck({ text: '云南普洱' }, bare).present).toEqual([]);
    expect(storytellingCheck({ text: '白牛村的山核桃' }, bare).present).toEqual(['origin']);
  });
});

describe('customer voice', () => {
  it.each([
    ["'The best tea I have ever had' - a customer in Shanghai"],
    ['“茶汤很清甜，已经回购三次了。”——上海的一位顾客'],
    ['买家评价：「包装很用心」'],
    ['顾客说，比超市的香'],
  ])('"%s" is customer voice', (text) => {
    expect(check(text).present).toContain('customer_voice');
  });

  it.each([['"Fresh and sweet"'], ['好评返现'], ['欢迎广大顾客选购']])(
    '"%s" is not customer voice',
    (text) => {
      expect(check(text).present).not.toContain('customer_voice');
    },
  );

  it("absolute words in a quoted buyer's review are a warning, not a serious finding", () => {
    const result = check("'The best tea I have ever had' - a customer in Shanghai");
    expect(terms(result, 'quoted_absolute_terms')).toEqual(['best']);
    expect(ids(result)).not.toContain('advertising_absolute_terms');
    expect(result.steps.map((s) => s.id)).toContain('remove_absolute_terms');
    // In the seller's own words the same term is serious.
    expect(terms(check('The best tea you will ever have.'), 'advertising_absolute_terms')).toEqual([
      'best',
    ]);
  });
});

describe('claims without proof', () => {
  it.each([
    ['有机大米，绿色食品', ['有机', '绿色食品']],
    ['地理标志产品', ['地理标志']],
    ['Certified organic rice', ['certified', 'organic']],
  ])('"%s" asks for proof', (text, found) => {
    const result = check(text);
    expect(terms(result, 'unverified_claim')).toEqual(expect.arrayContaining(found));
    expect(result.findings.find((f) => f.id === 'unverified_claim')?.severity).toBe('warn');
    expect(result.steps.map((s) => s.id)).toContain('back_up_claims');
  });

  it.each([
    ['有机大米，有机认证证书编号：123456'],
    ['Certified organic rice, certificate no. 1234567'],
    ['绿色食品，证书见图'],
  ])('"%s" gives its proof', (text) => {
    expect(ids(check(text))).not.toContain('unverified_claim');
  });
});

describe('suggested lines', () => {
  it("carry the seller's province and category, given to the check", () => {
    const input: StorytellingInput = {
      text: '山核桃',
      province: 'zhejiang',
      category: 'farm_produce',
    };
    const result = storytellingCheck(input, data);
    expect(result.steps.find((s) => s.id === 'add_origin')?.params).toEqual({
      element: 'origin',
      province: 'zhejiang',
      category: 'farm_produce',
    });
    for (const locale of ['en', 'zh-CN'] as const)
      expect(shownKeys(result, locale)).toContain(
        `{checks.examples.origin product={checks.products.farm_produce} place=${province('zhejiang', locale)}}`,
      );
  });

  it('never suggest what the seller denied: no handmade line, no heritage line', () => {
    // Real wording on purpose: no shown text may say handmade, whichever key it comes from.
    const zh = check('我们是家具作坊，非手工制作，也不是传统工艺。');
    expect(zh.steps.map((s) => s.id)).not.toContain('add_heritage');
    expect(shown(zh, 'zh-CN')).not.toMatch(/手工|亲手/);
    const en = check('We are a furniture workshop. Not handmade, and not a traditional craft.');
    expect(en.steps.map((s) => s.id)).not.toContain('add_heritage');
    expect(shown(en, 'en')).not.toMatch(/by hand|handmade|hand-made/i);
  });

  it('show the compliance findings with their terms in both languages', () => {
    const result = check('历史最低价！好评返现5元');
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(shownKeys(result, locale)).toContain(
        '{checks.findings.advertising_absolute_terms terms=最低价}',
      );
      expect(shownKeys(result, locale)).toContain(
        '{checks.findings.review_incentive terms=好评返现}',
      );
    }
  });
});

describe('the JSON API input', () => {
  it('accepts province and category, and documents them and the finding ids', () => {
    expect(runCheck('storytelling', { text: 'x', province: 'yunnan' }, data).ok).toBe(true);
    expect(runCheck('storytelling', { text: 'x', province: 'Yun Nan' }, data).ok).toBe(false);
    const doc = JSON.stringify([
      z.toJSONSchema(CHECKS.storytelling.input, { io: 'input' }),
      z.toJSONSchema(CHECKS.storytelling.output, { io: 'output' }),
    ]);
    expect(doc).toContain('province');
    expect(doc).toContain('review_incentive');
  });
});

describe('realistic listings', () => {
  it.each([
    [
      'zh-CN',
      '我叫李春，家在云南普洱的山上，祖辈传下来的手艺。每年春天亲手采摘古树茶，晒干后压成茶饼。' +
        '有检测报告，可扫码溯源。老客户说：“喝了十年，还是这个味道。”欢迎下单！',
    ],
    [
      'en',
      "I'm Li Chun. Our tea grows on the hills of Pu'er, Yunnan, where my family has grown tea for three generations. " +
        "We pick the leaves by hand each spring and sun-dry them. Lab tested every year. 'Ten years on, still the same taste' " +
        '- a repeat customer in Kunming. Order now!',
    ],
  ])('%s: a Yunnan Pu’er tea grower tells the whole story', (_l, text) => {
    const result = check(text);
    expect(result.score).toBe(7);
    expect(compliance(result)).toEqual([]);
    expect(result.verdict).toBe('ok');
  });

  it.each([
    [
      'zh-CN',
      '我们是山东菏泽曹县的家具作坊，不是手工制作，用机器开料，再由师傅组装打磨。不是什么百年老店。全网最低价！',
    ],
    [
      'en',
      'We are a furniture workshop in Caoxian, Shandong. Our tables are not handmade: machines cut the boards, ' +
        'then our carpenters assemble and sand each one. Not a century-old brand. Best price in town!',
    ],
  ])(
    '%s: a Shandong furniture workshop, honest about machines, warned about "lowest/best"',
    (_l, text) => {
      const result = check(text);
      expect(result.present).toEqual(['origin', 'maker', 'process']);
      expect(denied(result)).toEqual(['heritage']);
      expect(result.steps.map((s) => s.id)).not.toContain('add_heritage');
      expect(ids(result)).toContain('advertising_absolute_terms');
      expect(result.verdict).toBe('serious');
    },
  );

  it.each([
    [
      'zh-CN',
      '来自贵州丹寨的苗族蜡染，每一幅都是手绘，用天然蓝靛染色。我是蜡染手艺人杨阿妹。欢迎私信订购。',
    ],
    [
      'en',
      'Hand-drawn Miao batik from Danzhai, Guizhou, dyed with natural indigo. I am Yang, a batik maker. Message us to order.',
    ],
  ])('%s: a Danzhai batik maker has origin, maker, process and heritage', (_l, text) => {
    const result = check(text);
    expect(result.present).toEqual(['origin', 'maker', 'process', 'heritage', 'call_to_action']);
    expect(result.missing).toEqual(['proof', 'customer_voice']);
    expect(result.score).toBe(5);
    expect(compliance(result)).toEqual([]);
    expect(result.verdict).toBe('ok');
  });
});
