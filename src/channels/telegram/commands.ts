import type { BotCommand } from 'grammy/types';
import type { Locale } from '../../core/message';
import type { Translate } from '../../core/text';

/** The command menu Telegram shows, from the content's commands and their described names. */
export function botCommands(
  commands: readonly string[],
  locale: Locale,
  t: Translate,
): BotCommand[] {
  return commands.map((command) => ({ command, description: t(locale, `commands.${command}`) }));
}
