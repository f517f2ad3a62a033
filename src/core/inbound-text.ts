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

/** What typed text means, before the channel adds who sent it and when. */
export type TypedInput =
  | { kind: 'start'; args: string | undefined }
  | { kind: 'command'; command: string; args: string | undefined }
  | { kind: 'text'; text: string };

/**
 * What a person typed, as every channel reads it: `/start` (with its deep-link payload as
 * `args`), another slash command with what followed it, or plain text (kept as given; a
 * channel trims it if it wants to).
 *
 * @example typedInput('/start survey_x') // { kind: 'start', args: 'survey_x' }
 * @example typedInput('/lang en') // { kind: 'command', command: 'lang', args: 'en' }
 * @example typedInput('家具') // { kind: 'text', text: '家具' }
 */
export function typedInput(text: string): TypedInput {
  const command = parseCommand(text);
  if (command?.name === 'start') return { kind: 'start', args: command.args };
  if (command) return { kind: 'command', command: command.name, args: command.args };
  return { kind: 'text', text };
}

/**
 * A command carried as data (a broadcast button's callback data, a menu key): the
 * command's input when `data` is a slash command, else `undefined`.
 *
 * @example commandInput('/start survey_x') // { kind: 'start', args: 'survey_x' }
 * @example commandInput('12|furniture') // undefined
 */
export function commandInput(data: string): Exclude<TypedInput, { kind: 'text' }> | undefined {
  if (!data.startsWith('/')) return undefined;
  const input = typedInput(data);
  return input.kind === 'text' ? undefined : input;
}
