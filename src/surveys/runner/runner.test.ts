import { describe, expect, it } from 'vitest';
import { catalogWith, entryOf, Person } from '../../../test/support/survey-person';
import type { SurveyInput } from '../schema';
import { copy, copyPattern, re } from '../../../test/support/copy';

const TABLE = 'survey:seller_baseline:1';
const text = (en: string, zh = `中${en}`) => ({ 'zh-CN': zh, en });

/** A small survey with a required question, selections and a custom required message. */
const small: SurveyInput = {
  id: 'small',
  version: 1,
  title: text('Small'),
  intro: text('Intro'),
  consent: text('Consent'),
  thanks: text('Thanks!'),
  questions: [
    {
      id: 'tools',
      type: 'multiple_choice',
      required: true,
      requiredMessage: text('Pick at least one tool, please.'),
      minSelected: 2,
      constraintMessage: text('Two or more, please.'),
      text: text('Which tools?'),
      options: [
        { code: 'phone', label: text('Phone') },
        { code: 'pc', label: text('Computer') },
        { code: 'printer', label: text('Printer') },
      ],
      other: true,
    },
    { id: 'note', type: 'text', text: text('Anything else?') },
  ],
};

/** Consent given to the content survey: the first question is open. */
function started(person = new Person()): Person {
  person.say('/survey seller_baseline');
  person.say({ tap: 'agree' });
  return person;
}

describe('a survey in chat', () => {
  it('shows progress and skips questions whose show-if does not hold', () => {
    const p = started();
    expect(p.texts()).toEqual(['1/13 · What do you mainly sell?']);
    p.say({ tap: 'furniture' });
    p.say('1,2');
    p.say('3');
    p.say('skip');
    p.say('skip');
    p.say('skip');
    expect(p.texts()[0]).toMatch(/^7\/13 · Do you sell by livestreaming\?/);
    p.say({ tap: 'never' });
    // 8/13 (share of orders from livestreams) is not shown to someone who never streams.
    expect(p.texts()[0]).toMatch(/^9\/13 · What is your shop's biggest difficulty now\?/);
    expect(p.record(TABLE)).toMatchObject({ answers: { livestream: 'never' } });
    expect(p.record(TABLE)?.answers).not.toHaveProperty('livestream_share_pct');
  });

  it('goes back, shows the earlier answer, and drops answers a changed answer hides', () => {
    const p = started();
    for (const say of ['2', '1', '3', '100', '50', '8']) p.say(say);
    p.say({ tap: 'weekly' });
    p.say('40');
    expect(p.record(TABLE)).toMatchObject({
      answers: { livestream: 'weekly', livestream_share_pct: 40 },
    });
    p.say('back');
    p.say('back');
    expect(p.texts()[0]).toContain(
      copy('surveys.earlier_answer', 'en', { answer: 'Yes, every week' }),
    );
    p.say({ tap: 'never' });
    expect(p.texts()[0]).toMatch(/^9\/13/);
    expect(p.record(TABLE)?.answers).not.toHaveProperty('livestream_share_pct');
    p.say('back');
    expect(p.texts()[0]).toMatch(/^7\/13/);
    for (let i = 0; i < 6; i++) p.say('back');
    expect(p.texts()[0]).toMatch(/^1\/13/);
    p.say('back');
    expect(p.texts()).toEqual([
      copy('surveys.first_question', 'en'),
      expect.stringMatching(/^1\/13/),
    ]);
  });

  it('refuses to skip a required question, with its own message when it has one', () => {
    const p = started();
    p.say('skip');
    expect(p.texts()).toEqual([
      copy('surveys.errors.required', 'en'),
      '1/13 · What do you mainly sell?',
    ]);
    const q = new Person(catalogWith(entryOf(small)));
    q.say('/survey small');
    q.say({ tap: 'agree' });
    q.say({ tap: '_done' });
    expect(q.texts()[0]).toBe('Pick at least one tool, please.');
  });

  it('ticks options one tap at a time, checks the number picked, then asks for "Other"', () => {
    const p = new Person(catalogWith(entryOf(small)));
    p.say('/survey small');
    p.say({ tap: 'agree' });
    p.say({ tap: 'phone' });
    expect(p.buttons().slice(0, 4)).toEqual([
      '✓ Phone',
      'Computer',
      'Printer',
      copy('surveys.other', 'en'),
    ]);
    p.say({ tap: '_done' });
    expect(p.texts()[0]).toBe('Two or more, please.');
    p.say({ tap: 'phone' });
    expect(p.texts()[0]).not.toContain(copy('surveys.selected', 'en', { list: '' }));
    p.say('1, 4');
    expect(p.texts()[0]).toMatch(copyPattern('surveys.other_ask', 'en', { question: /[^]+/ }));
    p.say('=cmd|calc');
    expect(p.texts()[0]).toMatch(/^2\/2 · Anything else\?/);
    expect(p.record('survey:small:1')).toMatchObject({
      answers: { tools: ['phone', 'other'] },
      other: { tools: '=cmd|calc' },
    });
    p.say('  no, thanks  ');
    expect(p.texts()[0]).toMatch(/^Thanks!/);
    expect(p.record('survey:small:1')).toMatchObject({
      status: 'completed',
      answers: { note: 'no, thanks' },
    });
  });

  it('declining keeps only the decline; changing one’s mind later moves the counts', () => {
    const p = new Person();
    p.say('/survey seller_baseline');
    p.say({ tap: 'decline' });
    expect(p.record(TABLE)).toEqual({ status: 'declined', at: p.now });
    expect(p.counted()).toEqual({ 'survey:seller_baseline:1:declined': 1 });
    expect(p.state.profile.surveys).toEqual({ 'seller_baseline@1': 'declined' });
    p.say('/survey seller_baseline');
    p.say('yes');
    expect(p.counted()).toEqual({
      'survey:seller_baseline:1:declined': -1,
      'survey:seller_baseline:1:started': 1,
    });
  });

  it('offers the other language at consent to someone new, and switches to it', () => {
    const p = new Person();
    p.say('/survey seller_baseline');
    expect(p.buttons()).toEqual([
      copy('surveys.buttons.agree', 'en'),
      copy('surveys.buttons.decline', 'en'),
      '中文',
    ]);
    p.say({ tap: 'language' });
    expect(p.state.profile.locale).toBe('zh-CN');
    expect(p.texts()[0]).toMatch(/^\*\*乡村网店经营情况问卷\*\*/);
    expect(p.buttons()).toEqual([
      copy('surveys.buttons.agree', 'zh-CN'),
      copy('surveys.buttons.decline', 'zh-CN'),
    ]);
  });

  it('"later" pauses: nothing brings it back until /survey, which continues where it stopped', () => {
    const p = started();
    p.say({ tap: 'clothing' });
    p.say('稍后');
    expect(p.texts()).toEqual([copy('surveys.later', 'en', { id: 'seller_baseline' })]);
    p.say('/help');
    expect(p.texts().join('\n')).not.toContain('/13');
    p.say('/survey');
    expect(p.texts()).toEqual([
      copy('surveys.resumed', 'en', { title: 'Village online shop survey' }),
      expect.stringMatching(/^2\/13 · Where do you sell online\?/),
    ]);
  });

  it('an interrupting command is answered, then the survey continues', () => {
    const p = started();
    p.say({ tap: 'clothing' });
    p.say('/lang');
    p.say({ tap: 'zh-CN' });
    expect(p.texts().at(-1)).toMatch(/^2\/13 · 您在哪些平台卖货？/);
    p.say('1');
    expect(p.texts()[0]).toMatch(/^3\/13/);
  });

  it('closed, full and past-closing surveys take no answers; full ones let starters finish', () => {
    const closed = new Person(catalogWith(entryOf(small, 'closed')));
    closed.say('/survey small');
    expect(closed.texts()).toEqual([copy('surveys.closed', 'en', { title: 'Small' })]);
    const full = new Person(catalogWith(entryOf(small, 'full')));
    full.say('/survey small');
    expect(full.texts()[0]).toContain(copy('surveys.full', 'en', { title: 'Small' }));
    const starter = new Person(catalogWith(entryOf(small)));
    starter.say('/survey small');
    starter.say({ tap: 'agree' });
    starter.catalog = catalogWith(entryOf(small, 'full'));
    starter.say('1,2');
    expect(starter.texts()[0]).toMatch(/^2\/2/);
    starter.catalog = catalogWith(entryOf(small, 'closed'));
    starter.say('ok');
    expect(starter.texts()[0]).toContain(copy('surveys.closed', 'en', { title: 'Small' }));
    const late = new Person(
      catalogWith(entryOf({ ...small, closesAt: '2025-12-31T23:59:59+08:00' })),
    );
    late.say('/survey small');
    expect(late.texts()[0]).toContain(copy('surveys.closed', 'en', { title: 'Small' }));
  });

  it('takes one response per person and version; withdrawal asks first and keeps no answers', () => {
    const p = new Person(catalogWith(entryOf(small)));
    p.say('/survey small');
    p.say({ tap: 'agree' });
    p.say('1,2');
    p.say('withdraw');
    expect(p.texts()[0]).toMatch(
      re`^${copy('surveys.withdraw_confirm', 'en', { title: 'Small' })}`,
    );
    p.say('no');
    expect(p.texts()).toEqual([
      copy('surveys.withdraw_kept', 'en'),
      expect.stringMatching(/^2\/2/),
    ]);
    p.say('skip');
    expect(p.state.profile.surveys).toEqual({ 'small@1': 'completed' });
    p.say('/survey small');
    expect(p.texts()[0]).toBe(copy('surveys.already', 'en', { title: 'Small' }));
    p.say({ tap: '_withdraw' });
    p.say({ tap: 'yes' });
    expect(p.record('survey:small:1')).toEqual({ status: 'withdrawn', at: p.now });
    expect(p.counted()).toEqual({
      'survey:small:1:started': -1,
      'survey:small:1:completed': -1,
      'survey:small:1:withdrawn': 1,
    });
    p.say('/survey small');
    expect(p.texts()[0]).toContain(copy('surveys.was_withdrawn', 'en', { title: 'Small' }));
  });

  it('/delete_me deletes the person’s records in every survey and their counts', () => {
    const p = new Person(catalogWith(entryOf(small)));
    p.say('/survey small');
    p.say({ tap: 'agree' });
    p.say('/survey seller_baseline');
    p.say({ tap: 'decline' });
    p.say('/delete_me');
    p.say('yes');
    expect(p.record('survey:small:1')).toBeNull();
    expect(p.record(TABLE)).toBeNull();
    expect(p.counted()).toEqual({
      'survey:small:1:started': -1,
      'survey:seller_baseline:1:declined': -1,
    });
    expect(p.last?.erased).toBe(true);
  });

  it('answers an invitation: Later records nothing, No thanks records the decline', () => {
    const p = new Person();
    p.say('/survey seller_baseline later');
    expect(p.texts()[0]).toContain(copy('surveys.later', 'en', { id: 'seller_baseline' }));
    expect(p.record(TABLE)).toBeUndefined();
    p.say('/survey seller_baseline no');
    expect(p.record(TABLE)).toEqual({ status: 'declined', at: p.now });
    expect(p.texts()[0]).toContain(copy('surveys.declined', 'en'));
  });

  it('opens from the deep link and from a list of the open surveys', () => {
    const p = new Person(catalogWith(entryOf(small), entryOf({ ...small, id: 'shut' }, 'closed')));
    p.say({ command: 'start', args: 'survey_small' });
    expect(p.texts()[0]).toBe('**Small**\n\nIntro');
    const q = new Person(catalogWith(entryOf(small), entryOf({ ...small, id: 'shut' }, 'closed')));
    q.say('/survey');
    expect(q.buttons()).toEqual(['Village online shop survey', 'Small']);
    q.say('2');
    expect(q.texts()[0]).toBe('**Small**\n\nIntro');
    q.say('/survey nothing_here');
    expect(q.texts()).toEqual([copy('surveys.not_found', 'en', { id: 'nothing_here' })]);
  });

  it('a run whose version is gone says so instead of asking a question that no longer exists', () => {
    const p = new Person(catalogWith(entryOf(small)));
    p.say('/survey small');
    p.say({ tap: 'agree' });
    p.catalog = catalogWith(entryOf({ ...small, version: 2 }));
    p.say('1,2');
    expect(p.texts()).toEqual([copy('surveys.changed', 'en', { id: 'small' })]);
  });
});
