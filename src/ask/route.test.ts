import { describe, expect, it } from 'vitest';
import { routeQuestion } from './route';
import type { RouteRule } from './schema';

const rules: RouteRule[] = [
  {
    check: 'logistics',
    topics: ['shipping', 'courier', '快递', '运费'],
    asks: ['slow', '慢', 'too expensive', '太贵'],
    phrases: ['takes # days', '#天才到', '要#天'],
    except: ['运费险', 'shipping insurance'],
  },
];
const negations = ['not asking about', '不是问'];
const route = (text: string) => routeQuestion(rules, negations, text);

describe('routing a sentence to a check', () => {
  it('needs a topic and an ask in one clause', () => {
    expect(route('the courier is so slow')).toBe('logistics');
    expect(route('the courier came, my neighbour is slow')).toBeUndefined();
  });

  it('takes a phrase that says both, with any number for #', () => {
    expect(route('my tea from yunnan takes 6 days to reach beijing')).toBe('logistics');
    expect(route('it takes a few days to reach them')).toBe('logistics');
    expect(route('茶叶寄到北京要六天')).toBe('logistics');
    expect(route('几天才到')).toBe('logistics');
    expect(route('it takes days of work to write')).toBeUndefined();
    expect(route('mistakes 6 days ago')).toBeUndefined();
  });

  it('still respects a negation before the phrase', () => {
    expect(
      route('not asking about the parcel that takes 6 days, what is a deposit'),
    ).toBeUndefined();
  });

  it('reads a space as no clause break: sellers type "快递 太慢" for one thought', () => {
    expect(route('快递 太慢')).toBe('logistics');
    expect(route('不是问快递，快递太慢')).toBe('logistics');
  });

  it('does not read a word that only holds a topic as the topic', () => {
    expect(route('运费险太贵了')).toBeUndefined();
    expect(route('is shipping insurance too expensive')).toBeUndefined();
    expect(route('运费太贵了')).toBe('logistics');
    expect(route('运费险不用买，运费太贵了')).toBe('logistics');
  });
});
