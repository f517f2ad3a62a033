/**
 * Environment for the Node scripts: `process.env` over `.dev.vars` (the file wrangler reads
 * for local secrets), so one file configures both `npm start` and the scripts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Parse `KEY=value` lines (quotes optional, `#` comments). */
export function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    out[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** `.dev.vars` merged under the process environment. */
export function scriptEnv(root = process.cwd()): Record<string, string> {
  const file = resolve(root, '.dev.vars');
  const fromFile = existsSync(file) ? parseDevVars(readFileSync(file, 'utf8')) : {};
  const fromProcess = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return { ...fromFile, ...fromProcess };
}
