import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleLoop, findCycles, importGraph, isAllowed } from '../../scripts/cycles';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findCycles', () => {
  it('finds none in a tree', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('reports each cycle once with all of its files, and a module importing itself', () => {
    const g = graph({
      a: ['b'],
      b: ['c'],
      c: ['a', 'd'],
      d: [],
      e: ['f'],
      f: ['e'],
      s: ['s'],
    });
    expect(findCycles(g)).toEqual([['a', 'b', 'c'], ['e', 'f'], ['s']]);
  });

  it('names a loop through the component', () => {
    const g = graph({ a: ['b', 'x'], b: ['c'], c: ['a'], x: [] });
    expect(exampleLoop(g, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('allows exactly the listed set of files', () => {
    expect(isAllowed(['b', 'a'], [['a', 'b']])).toBe(true);
    expect(isAllowed(['a', 'b', 'c'], [['a', 'b']])).toBe(false);
  });
});

describe('importGraph', () => {
  it('follows relative imports, type-only ones and re-exports, and skips tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'src/core'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), "import type { B } from './core';\nexport type A = B;\n");
    writeFileSync(join(dir, 'src/core/index.ts'), "export * from './b';\n");
    writeFileSync(join(dir, 'src/core/b.ts'), "import { a } from '../a';\nimport 'zod';\n");
    writeFileSync(join(dir, 'src/a.test.ts'), "import '../src/a';\n");
    const g = importGraph(join(dir, 'src'), dir);
    expect(Object.fromEntries(g)).toEqual({
      'src/a.ts': ['src/core/index.ts'],
      'src/core/index.ts': ['src/core/b.ts'],
      'src/core/b.ts': ['src/a.ts'],
    });
    expect(findCycles(g)).toEqual([['src/a.ts', 'src/core/b.ts', 'src/core/index.ts']]);
  });
});
