import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Locale } from '../core/message';
import { translate } from '../i18n';
import {
  renderCatalogue,
  renderCourseCard,
  renderFeedback,
  renderLesson,
  renderQuiz,
} from './render';

const course = (id: string) => content.courses.find((c) => c.id === id)!;
const shipping = course('shipping');
const pool = shipping.lessons.find((l) => l.id === 'pool_parcels')!;
const ctx = (locale: Locale) => ({ locale, t: translate });

describe('a lesson in chat', () => {
  it('says where it sits, its title, its text and its sources', () => {
    const { text } = renderLesson(ctx('en'), shipping, pool);
    const [header, ...rest] = text.split('\n\n');
    expect(header).toBe(
      'Shipping and packaging · lesson 3 of 5 · about 3 min\n**Ship together with your neighbours**',
    );
    expect(rest.join('\n\n')).toContain(
      '**cut express fees by RMB 1 a parcel** and curbed undercutting.[1]',
    );
    expect(text).not.toContain('[^');
    expect(rest.at(-1)).toBe(
      [
        'Sources:',
        '[1] 浙江日报 (Zhejiang Daily), 2013 (reposted by AliResearch); 浙江日报, 2014-12-19',
        '[2] Our rule of thumb (Village Seller Assistant course team), not a law or a platform rule',
        '[3] Numbers made up for the example, not real data',
      ].join('\n'),
    );
    const zh = renderLesson(ctx('zh-CN'), shipping, pool).text;
    expect(zh).toMatch(/^物流与包装 · 第3课，共5课 · 约3分钟\n\*\*和邻居一起发货\*\*/);
    expect(zh).toContain('还遏制了互相压价。[1]');
    expect(zh).toContain(
      '来源：\n[1] 浙江日报，2013年（阿里研究院转载）；浙江日报，2014-12-19\n[2] 我们的经验做法',
    );
  });

  it('letters the quiz options and gives immediate feedback with the explanation', () => {
    expect(renderQuiz(ctx('en'), shipping, pool)?.text).toBe(
      '**Quiz**: By how much did the Bainiu village association cut express fees per parcel?\nA. RMB 1\nB. RMB 5\nC. Half',
    );
    expect(renderFeedback(ctx('en'), shipping, pool, true).text).toMatch(
      /^\*\*Right!\*\* The Bainiu village e-commerce association/,
    );
    expect(renderFeedback(ctx('zh-CN'), shipping, pool, false).text).toMatch(
      /^\*\*不太对。\*\*正确答案是A：1元。/,
    );
    const noQuiz = shipping.lessons.find((l) => !l.quiz);
    if (noQuiz) expect(renderQuiz(ctx('en'), shipping, noQuiz)).toBeUndefined();
  });

  it('shows the card with progress, subscription and drip, and the catalogue', () => {
    const card = renderCourseCard(ctx('en'), shipping, {
      done: ['rural_network', 'know_your_costs'],
      quiz: { rural_network: true, know_your_costs: false },
      startedAt: 1,
      subscribed: true,
      drip: { everyDays: 2, hour: 7, nextAt: 0 },
    }).text;
    expect(card).toContain('Beginner · 5 lessons · about 16 min · Trainer:');
    expect(card).toContain('Your progress: 2 of 5 lessons done · quizzes right: 1 of 2');
    expect(card).toContain('You are subscribed');
    expect(card).toContain('The next lesson comes every 2 days at 07:00 (China time).');
    const list = renderCatalogue(ctx('zh-CN'), content.courses, {
      progress: { shipping: { done: ['rural_network'], quiz: {} } },
    }).text;
    expect(list).toContain('6. **物流与包装**：入门，5课，约16分钟（已学1课）');
  });
});
