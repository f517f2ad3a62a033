/**
 * Import cycles in a module graph: the pure part of `check-cycles.ts`, tested on its own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Module → the modules it imports (relative paths from one root, `/`-separated). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Every cycle, as a strongly connected component of more than one module (or a module that
 * imports itself), each listed as one loop through all of its members where one exists
 * in order, else sorted. Components come sorted by their first file.
 *
 * @example findCycles(new Map([['a', ['b']], ['b', ['a']]])) // [['a', 'b']]
 */
export function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  }
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * One shortest loop from the component's first file back to it, inside the component:
 * the import chain to read when fixing it (the component may hold more loops).
 */
export function exampleLoop(graph: ImportGraph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const loop = [node];
        for (let at = node; at !== start;) loop.push((at = cameFrom.get(at)!));
        return [...loop.reverse(), start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}

/** Whether a component is exactly one of the allowed ones (same files, any order). */
export function isAllowed(component: readonly string[], allowed: readonly string[][]): boolean {
  const key = [...component].sort().join('\n');
  return allowed.some((files) => [...files].sort().join('\n') === key);
}

const SOURCE = /\.tsx?$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile());
}

/**
 * The graph of relative imports (type-only ones and re-exports included: a cycle of types
 * still ties the modules together) between the `.ts`/`.tsx` files under `dir`, tests and
 * generated code left out.
 */
export function importGraph(dir: string, root = process.cwd()): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = sourceFiles(dir).filter((f) => !/\.test\.tsx?$/.test(f));
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((ref) => ref.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveImport(file, spec))
      .filter((target): target is string => target !== undefined)
      .map((target) => relative(root, target).split('\\').join('/'));
    graph.set(relative(root, file).split('\\').join('/'), [...new Set(targets)].sort());
  }
  return graph;
}
