import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Locale } from '../core/message';
import { keysOnly, re } from '../../test/support/copy';
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
// keysOnly: the bot's own phrases appear as their keys and parameters; the course's text is
// content and appears as written.
const ctx = (locale: Locale) => ({ locale, t: keysOnly });

describe('a lesson in chat', () => {
  it('says where it sits, its title, its text and its sources', () => {
    const { text } = renderLesson(ctx('en'), shipping, pool);
    const [header, ...rest] = text.split('\n\n');
    expect(header).toBe(
      '{courses.lesson_header course=Shipping and packaging position=3 total=5 minutes=3}\n' +
        '**Ship together with your neighbours**',
    );
    expect(rest.join('\n\n')).toContain(
      '**cut express fees by RMB 1 a parcel** and curbed undercutting.[1]',
    );
    expect(text).not.toContain('[^');
    expect(rest.at(-1)).toBe(
      [
        '{courses.sources sources=[1] 浙江日报 (Zhejiang Daily), 2013 (reposted by AliResearch); 浙江日报, 2014-12-19',
        '[2] Our rule of thumb (Village Seller Assistant course team), not a law or a platform rule',
        '[3] Numbers made up for the example, not real data}',
      ].join('\n'),
    );
    const zh = renderLesson(ctx('zh-CN'), shipping, pool).text;
    expect(zh).toMatch(
      re`^${'{courses.lesson_header course=物流与包装 position=3 total=5 minutes=3}\n**和邻居一起发货**'}`,
    );
    expect(zh).toContain('还遏制了互相压价。[1]');
    expect(zh).toContain(
      '{courses.sources sources=[1] 浙江日报，2013年（阿里研究院转载）；浙江日报，2014-12-19\n[2] 我们的经验做法',
    );
  });

  it('letters the quiz options and gives immediate feedback with the explanation', () => {
    expect(renderQuiz(ctx('en'), shipping, pool)?.text).toBe(
      '{courses.quiz.question question=By how much did the Bainiu village association cut express fees per parcel?}\nA. RMB 1\nB. RMB 5\nC. Half',
    );
    expect(renderFeedback(ctx('en'), shipping, pool, true).text).toMatch(
      re`^${'{courses.quiz.right explanation=The Bainiu village e-commerce association'}`,
    );
    expect(renderFeedback(ctx('zh-CN'), shipping, pool, false).text).toMatch(
      re`^${'{courses.quiz.wrong letter=A option=1元 explanation='}`,
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
    expect(card).toContain(
      '{courses.facts level={courses.level.beginner} lessons=5 minutes=16 trainer=',
    );
    expect(card).toContain('{courses.standing done=2 total=5 right=1 quizzes=2}');
    expect(card).toContain('{courses.subscribed_note}');
    expect(card).toContain('{courses.drip.every days=2 hour=07:00}');
    const list = renderCatalogue(ctx('zh-CN'), content.courses, {
      progress: { shipping: { done: ['rural_network'], quiz: {} } },
    }).text;
    expect(list).toContain(
      '{courses.catalogue_line n=6 title=物流与包装 level={courses.level.beginner} lessons=5 minutes=16 progress={courses.catalogue_done done=1}}',
    );
  });
});
