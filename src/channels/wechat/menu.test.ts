import { describe, expect, it } from 'vitest';
import { content } from '../../content';
import { translate } from '../../i18n';
import { copy } from '../../../test/support/copy';
import { buildWechatMenu, clickKey, commandOfClickKey, MENU_LIMITS } from './menu';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('click keys', () => {
  it('round-trip a command and refuse other keys', () => {
    expect(commandOfClickKey(clickKey('delete_me'))).toBe('delete_me');
    expect(commandOfClickKey('delete_me')).toBeUndefined();
    expect(commandOfClickKey('cmd:../x')).toBeUndefined();
  });
});

describe('buildWechatMenu', () => {
  const source = {
    items: content.lists.menu ?? [],
    commands: content.commands,
    locale: 'zh-CN' as const,
    t: translate,
  };

  it('builds the content menu in Chinese within WeChat’s limits, every key a command', () => {
    const menu = buildWechatMenu(source);
    expect(menu.button.length).toBeLessThanOrEqual(MENU_LIMITS.top);
    const clicks = menu.button.flatMap((b) => ('sub_button' in b ? b.sub_button : [b]));
    expect(clicks).toHaveLength(source.items.length);
    for (const button of menu.button) expect(bytes(button.name)).toBeLessThanOrEqual(16);
    for (const click of clicks) {
      expect(bytes(click.name)).toBeLessThanOrEqual(60);
      const command = commandOfClickKey(click.key);
      expect(command && content.commands[command], click.key).toBeDefined();
    }
    expect(clicks.find((c) => c.key === 'cmd:profile')?.name).toBe(copy('menu.profile', 'zh-CN'));
  });
  it('keeps three short items on the bar and groups more under 菜单 and 更多', () => {
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `f${i}`,
        label: { 'zh-CN': `项${i}`, en: `i${i}` },
      }));
    const commands = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`c${i}`, `f${i}`]));
    const small = buildWechatMenu({ ...source, items: items(3), commands });
    expect(small.button).toEqual([
      { type: 'click', name: '项0', key: 'cmd:c0' },
      { type: 'click', name: '项1', key: 'cmd:c1' },
      { type: 'click', name: '项2', key: 'cmd:c2' },
    ]);
    const big = buildWechatMenu({ ...source, items: items(7), commands });
    expect(big.button.map((b) => b.name)).toEqual([
      copy('wechat.menu_title', 'zh-CN'),
      copy('wechat.menu_more', 'zh-CN'),
    ]);
    expect(() => buildWechatMenu({ ...source, items: items(16), commands })).toThrow(/15/);
    expect(() => buildWechatMenu({ ...source, items: items(1), commands: {} })).toThrow(/command/);
  });
});
