/** Structured logging: one JSON line per event, so Workers logs stay searchable. */
export interface Logger {
  debug(event: string, fields: Record<string, unknown>): void;
  info(event: string, fields: Record<string, unknown>): void;
  warn(event: string, fields: Record<string, unknown>): void;
  error(event: string, fields: Record<string, unknown>): void;
}

/** A logger writing JSON lines to the console; `debug` only when asked. */
export function consoleLogger(options: { debug?: boolean } = {}): Logger {
  const write = (level: string, event: string, fields: Record<string, unknown>) => {
    const line = JSON.stringify({ level, event, ...fields });
    if (level === 'error' || level === 'warn') console.error(line);
    else console.log(line);
  };
  return {
    debug: (event, fields) => {
      if (options.debug) write('debug', event, fields);
    },
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(): Logger & {
  lines: { level: string; event: string; fields: Record<string, unknown> }[];
} {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const push = (level: string) => (event: string, fields: Record<string, unknown>) => {
    lines.push({ level, event, fields });
  };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}
