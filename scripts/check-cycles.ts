/**
 * Fail on an import cycle in src/ (run by `npm run lint`, so by CI). Every cycle is
 * reported with its files and one import chain that closes it.
 *
 * Usage: tsx scripts/check-cycles.ts [dir]   (default: src)
 */
import { exampleLoop, findCycles, importGraph, isAllowed } from './cycles';

/**
 * Cycles tolerated for now, each exactly as found (the same set of files). Keep this list
 * short and say who removes each entry and when.
 */
const ALLOWED: string[][] = [];

const dir = process.argv[2] ?? 'src';
const graph = importGraph(dir);
const cycles = findCycles(graph);
let failed = 0;
for (const cycle of cycles) {
  const allowed = isAllowed(cycle, ALLOWED);
  if (!allowed) failed += 1;
  console.log(`${allowed ? 'allowed' : 'cycle'} (${cycle.length} files):`);
  for (const file of cycle) console.log(`  ${file}`);
  console.log(`  e.g. ${exampleLoop(graph, cycle).join(' -> ')}`);
}
const stale = ALLOWED.filter((entry) => !cycles.some((c) => isAllowed(c, [entry])));
for (const entry of stale) console.log(`allow-list entry no longer a cycle: ${entry.join(', ')}`);
if (failed > 0 || stale.length > 0) {
  console.error(
    `check-cycles: ${failed} import cycle(s) in ${dir}/` +
      (stale.length > 0 ? `, ${stale.length} stale allow-list entr(ies)` : ''),
  );
  process.exit(1);
}
const allowed = cycles.length > 0 ? ` besides ${cycles.length} allowed` : '';
console.log(`check-cycles: no import cycles in ${dir}/${allowed} (${graph.size} modules)`);
