import type { Locale } from '../../core/message';
import { resolveText, type Text, type Translate } from '../../core/text';

/** A menu button that sends a CLICK event with its key. */
export interface WechatClickButton {
  type: 'click';
  name: string;
  key: string;
}

/** A top-level button that opens up to five sub-buttons. */
export interface WechatParentButton {
  name: string;
  sub_button: WechatClickButton[];
}

/** The body of `POST /cgi-bin/menu/create`. */
export interface WechatMenu {
  button: (WechatClickButton | WechatParentButton)[];
}

/** WeChat's menu limits: 3 top-level buttons of 16 bytes, 5 sub-buttons of 60 bytes each. */
export const MENU_LIMITS = { top: 3, sub: 5, topBytes: 16, subBytes: 60, keyBytes: 128 };

const PREFIX = 'cmd:';
const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * The CLICK key for a chat command: a menu press is that command typed.
 *
 * @example clickKey('help') // "cmd:help"
 */
export function clickKey(command: string): string {
  return `${PREFIX}${command}`;
}

/** The command a CLICK key stands for, or undefined for a key we did not make. */
export function commandOfClickKey(key: string): string | undefined {
  const command = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : '';
  return /^[a-z][a-z0-9_]*$/.test(command) ? command : undefined;
}

/** What the menu is built from: the content's menu items and commands, in one language. */
export interface MenuSource {
  /** `content.lists.menu`: each item's id is the flow it opens. */
  items: readonly { id: string; label: Text }[];
  /** Command name to flow. */
  commands: Readonly<Record<string, string>>;
  locale: Locale;
  t: Translate;
}

/**
 * Build the account menu from the content's main menu: each item becomes a CLICK button
 * whose key is the command that opens its flow. Up to three short items sit on the bar;
 * otherwise they are grouped under "菜单" / "更多" buttons of five. Throws when an item has
 * no command or a label does not fit, so a bad menu never reaches WeChat.
 */
export function buildWechatMenu(source: MenuSource): WechatMenu {
  const { items, commands, locale, t } = source;
  const buttons = items.map((item): WechatClickButton => {
    const command =
      commands[item.id] === item.id
        ? item.id
        : Object.keys(commands).find((name) => commands[name] === item.id);
    if (!command) throw new Error(`menu item "${item.id}" has no command that opens it`);
    return { type: 'click', name: resolveText(item.label, locale, t), key: clickKey(command) };
  });
  if (buttons.length <= MENU_LIMITS.top && buttons.every((b) => bytes(b.name) <= 16)) {
    return { button: buttons };
  }
  const groups: WechatClickButton[][] = [];
  for (let i = 0; i < buttons.length; i += MENU_LIMITS.sub)
    groups.push(buttons.slice(i, i + MENU_LIMITS.sub));
  if (groups.length > MENU_LIMITS.top) {
    throw new Error(`a WeChat menu holds at most 15 items, the content has ${buttons.length}`);
  }
  for (const b of buttons) {
    if (bytes(b.name) > MENU_LIMITS.subBytes)
      throw new Error(`menu label "${b.name}" is over ${MENU_LIMITS.subBytes} bytes`);
  }
  return {
    button: groups.map((sub, i) => ({
      name: t(locale, i === 0 ? 'wechat.menu_title' : 'wechat.menu_more'),
      sub_button: sub,
    })),
  };
}
