/**
 * One part of the bench: in-process load + validate only, for some libraries and sizes, without writing
 * RESULTS.md — to compare a change before and after on a shared machine without the whole five-minute run.
 *
 * `node --expose-gc dist/run-load.js [--libs strata,c12] [--sizes 1000,10000] [--runs 3]`: each library and
 * size is measured `--runs` times, each time in a fresh process (as the full bench does once), and the
 * median of the runs' medians is printed, with its ratio to Strata's.
 */
import { buildFixtureSpec } from './fixtures/fixture-spec.js';
import { writeFixtures } from './fixtures/write-fixtures.js';
import { LIBRARY_IDS, type LibraryId } from './libs/libraries.js';
import type { InProcessResult } from './measure/in-process-load.js';
import { quantile } from './measure/stats.js';
import { progress } from './suites/failure.js';
import { runTask } from './suites/in-process.js';
import { FULL_PLAN } from './suites/plan.js';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const libs = (option('--libs')?.split(',') ?? ['strata']) as LibraryId[];
for (const lib of libs) if (!LIBRARY_IDS.includes(lib)) throw new Error(`unknown library ${lib}`);
const sizes = option('--sizes')?.split(',').map(Number) ?? [1_000, 10_000];
const runs = Number(option('--runs') ?? 3);

const rows: string[] = [
  '| keys | library | median of medians ms | runs (medians) | library / Strata |',
  '|---|---|---|---|---|',
];
for (const size of sizes) {
  const spec = buildFixtureSpec(size);
  writeFixtures(spec);
  const budget = FULL_PLAN.loadBudget[size] ?? { budgetMs: 2_000, minSamples: 5, maxSamples: 100 };
  const medians = new Map<LibraryId, number[]>();
  // Libraries take turns in each round, so a slow moment of the machine hits all of them.
  for (let run = 0; run < runs; run++) {
    for (const lib of libs) {
      const result = await runTask<InProcessResult>(
        { mode: 'inproc', lib, size, ...budget, gcBeforeSample: false },
        spec,
      );
      if (result.verification.mismatches > 0)
        throw new Error(`${lib} at ${size} keys: ${JSON.stringify(result.verification)}`);
      medians.set(lib, [...(medians.get(lib) ?? []), result.ms.median]);
      progress(
        `${size} keys, ${lib}, run ${run + 1}: median ${result.ms.median.toFixed(2)} ms (n=${result.ms.n})`,
      );
    }
  }
  const middle = (values: readonly number[]) =>
    quantile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  const strata = medians.has('strata') ? middle(medians.get('strata')!) : undefined;
  for (const [lib, values] of medians) {
    const median = middle(values);
    const ratio = strata === undefined ? '' : `${(median / strata).toFixed(2)}×`;
    rows.push(
      `| ${size} | ${lib} | ${median.toFixed(2)} | ${values.map((v) => v.toFixed(1)).join(', ')} | ${ratio} |`,
    );
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
