import { describe, expect, it } from 'vitest';
import { keywordRouteSchema, matchKeyword, type KeywordRoute } from './keywords';

const routes: KeywordRoute[] = [
  { flow: 'plan', contains: [], exact: ['下一步', 'next step'] },
  { flow: 'logistics', contains: ['运费', '快递', 'shipping'], exact: [] },
  { flow: 'storytelling', contains: ['故事', 'story'], exact: [] },
  { flow: 'village', contains: ['淘宝村', 'village'], exact: [] },
];

describe('matchKeyword', () => {
  it.each([
    ['我们村的运费太贵了', 'logistics', '运费'],
    ['快递怎么便宜点？', 'logistics', '快递'],
    ['Shipping is too expensive', 'logistics', 'shipping'],
    ['ＳＨＩＰＰＩＮＧ', 'logistics', 'shipping'],
    ['帮我看看产品故事', 'storytelling', '故事'],
    ['my storytelling', 'storytelling', 'story'],
    ['我们能评上淘宝村吗', 'village', '淘宝村'],
    ['下一步', 'plan', '下一步'],
    ['Next step!', 'plan', 'next step'],
    ['淘宝村的快递', 'logistics', '快递'], // the first route in content order wins
  ])('%s -> %s', (text, flow, keyword) => {
    expect(matchKeyword(routes, text)).toEqual({ flow, keyword });
  });

  it.each(['hello', 'a short history', 'pillage', '', '   ', '下一步呢还有什么', 'the next steps'])(
    'no route for %j',
    (text) => expect(matchKeyword(routes, text)).toBeUndefined(),
  );

  it('needs at least one keyword per route', () => {
    expect(keywordRouteSchema.safeParse({ flow: 'x' }).success).toBe(false);
  });
});
