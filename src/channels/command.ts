/** A slash command as typed: its name (lower case, bot mention dropped) and what followed. */
export interface ParsedCommand {
  name: string;
  args: string | undefined;
}

/**
 * Read a slash command out of typed text, the same way on every channel.
 *
 * @example parseCommand('/start survey_x') // { name: 'start', args: 'survey_x' }
 * @example parseCommand('/Help@village_bot') // { name: 'help', args: undefined }
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const match = /^\/([A-Za-z_][A-Za-z0-9_]*)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), args: match[2]?.trim() || undefined };
}
