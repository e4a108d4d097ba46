/**
 * The three figures issue #19 sets targets for — in-process load + validate, cold start and retained heap — for
 * some libraries and sizes, without writing RESULTS.md: a before/after of one change on a shared machine in a
 * few minutes instead of the whole run.
 *
 * `node --expose-gc dist/run-focus.js [--libs strata,c12,convict,nest-typed-config] [--sizes 50,1000,10000]
 * [--cold 5]`: per size, the in-process median (one fresh process per library, the full plan's sample budget),
 * the median wall time of `--cold` fresh cold-start processes (libraries taking turns), and the total heap
 * (library + schema + loaded configuration, kept alive, after forced GCs). Ratios are Strata / peer, as in the
 * issue: below 1 means Strata is ahead.
 */
import { buildFixtureSpec } from './fixtures/fixture-spec.js';
import { writeFixtures } from './fixtures/write-fixtures.js';
import { LIBRARY_IDS, type LibraryId } from './libs/libraries.js';
import { runChild } from './measure/child-process.js';
import type { InProcessResult } from './measure/in-process-load.js';
import type { HeapResult } from './measure/retained-heap.js';
import { quantile } from './measure/stats.js';
import { childEnv } from './suites/child-env.js';
import { progress } from './suites/failure.js';
import { runTask } from './suites/in-process.js';
import { FULL_PLAN } from './suites/plan.js';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const libs = (option('--libs')?.split(',') ?? [
  'strata',
  'c12',
  'convict',
  'nest-typed-config',
]) as LibraryId[];
for (const lib of libs) if (!LIBRARY_IDS.includes(lib)) throw new Error(`unknown library ${lib}`);
const sizes = option('--sizes')?.split(',').map(Number) ?? [50, 1_000, 10_000];
const coldRuns = Number(option('--cold') ?? 5);
// `--cold-only`: skip the in-process and heap figures (the slow peers take minutes for them at 10,000 keys).
const coldOnly = process.argv.includes('--cold-only');
const median = (values: readonly number[]): number =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));

interface Row {
  load: number;
  cold: number;
  heap: number;
}

const out: string[] = [
  '| keys | library | load ms | cold start ms | heap (total) | Strata / peer: load, cold, heap |',
  '|---|---|---|---|---|---|',
];
for (const size of sizes) {
  const spec = buildFixtureSpec(size);
  writeFixtures(spec);
  const budget = FULL_PLAN.loadBudget[size] ?? { budgetMs: 2_000, minSamples: 5, maxSamples: 100 };
  const rows = new Map<LibraryId, Row>();
  for (const lib of libs) {
    if (coldOnly) {
      rows.set(lib, { load: Number.NaN, cold: 0, heap: Number.NaN });
      continue;
    }
    const load = await runTask<InProcessResult>(
      { mode: 'inproc', lib, size, ...budget, gcBeforeSample: false },
      spec,
    );
    if (load.verification.mismatches > 0)
      throw new Error(`${lib} at ${size} keys: ${JSON.stringify(load.verification)}`);
    const heap = await runTask<HeapResult>({ mode: 'memory', lib, size }, spec);
    rows.set(lib, { load: load.ms.median, cold: 0, heap: heap.totalBytes });
    progress(`${size} keys, ${lib}: load ${ms(load.ms.median)} ms, heap ${mib(heap.totalBytes)}`);
  }
  const walls = new Map<LibraryId, number[]>();
  // One discarded process per library warms the file-system cache; then libraries take turns.
  for (let round = -1; round < coldRuns; round++) {
    for (const lib of libs) {
      const run = await runChild({ script: `cold/${lib}.js`, args: [String(size)], env: childEnv(spec) });
      if (round >= 0) walls.set(lib, [...(walls.get(lib) ?? []), run.wallMs]);
      progress(`${size} keys, ${lib}: cold start ${ms(run.wallMs)} ms`);
    }
  }
  for (const lib of libs) rows.get(lib)!.cold = median(walls.get(lib) ?? []);
  const strata = rows.get('strata');
  for (const [lib, row] of rows) {
    const ratio = (pick: (r: Row) => number): string =>
      strata ? `${(pick(strata) / pick(row)).toFixed(2)}` : '';
    out.push(
      `| ${size.toLocaleString('en')} | ${lib} | ${ms(row.load)} | ${ms(row.cold)} | ${mib(row.heap)} | ${
        lib === 'strata' ? '1' : `${ratio((r) => r.load)}, ${ratio((r) => r.cold)}, ${ratio((r) => r.heap)}`
      } |`,
    );
  }
}
process.stdout.write(`${out.join('\n')}\n`);
