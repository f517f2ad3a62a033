import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One register in Chinese: the bot and the console address people as 您, never the informal
 * 你, in the zh-CN locale strings, in content (flows, lessons, surveys, FAQ) and in source.
 */
const ROOT = resolve(import.meta.dirname, '..');

/**
 * Where 你 is legitimately there, each by file and the exact line: not words the bot says,
 * but words people type.
 */
const EXCEPTIONS: readonly { file: string; line: string; why: string }[] = [
  {
    file: 'content/ask/lexicon.yaml',
    line: '    你,',
    why: 'a stop word of the free-question matcher: sellers type 你, the bot never says it',
  },
];

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'generated' ? [] : files(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** Every line with 你 that is not an exception, as `file:line: text`. */
function informal(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const file = relative(ROOT, path);
    return readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        line.includes('你') && !EXCEPTIONS.some((e) => e.file === file && e.line === line)
          ? [`${file}:${i + 1}: ${line.trim()}`]
          : [],
      );
  });
}

describe('the Chinese register is 您', () => {
  it('has no 你 in the zh-CN locale strings', () => {
    const strings: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string' && value.includes('你')) strings.push(`${path}: ${value}`);
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(JSON.parse(readFileSync(join(ROOT, 'locales/zh-CN/translation.json'), 'utf8')), '');
    expect(strings).toEqual([]);
  });

  it('has no 你 in content or in the source (tests aside), apart from the listed exceptions', () => {
    const content = files(join(ROOT, 'content'), () => true);
    const source = files(join(ROOT, 'src'), (p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p));
    expect(content.length).toBeGreaterThan(20);
    expect(informal([...content, ...source])).toEqual([]);
  });

  it('keeps each exception true: the excepted line still exists', () => {
    for (const e of EXCEPTIONS)
      expect(readFileSync(join(ROOT, e.file), 'utf8').split('\n')).toContain(e.line);
  });
});
