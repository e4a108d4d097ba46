/**
 * The benchmark: `node --expose-gc dist/run.js [--quick]`. Generates the fixtures, runs every measurement in
 * child processes (one library per process), prints the result tables and writes RESULTS.md and PROFILE.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { buildFixtureSpec, type FixtureSpec } from './fixtures/fixture-spec.js';
import { writeFixtures } from './fixtures/write-fixtures.js';
import { BENCH_DIR } from './measure/child-process.js';
import type { BenchResults } from './report/bench-results.js';
import { machineInfo, packageVersions } from './report/machine.js';
import { profileMarkdown } from './report/profile-markdown.js';
import { resultsMarkdown, resultTables } from './report/results-markdown.js';
import { runColdStart } from './suites/cold-start.js';
import { progress } from './suites/failure.js';
import { runImportCost } from './suites/import-cost.js';
import { runInProcess } from './suites/in-process.js';
import {
  runDecryption,
  runHotPath,
  runMemory,
  runProfiles,
  runReloadCost,
  runWatch,
} from './suites/other-suites.js';
import { FULL_PLAN, QUICK_PLAN } from './suites/plan.js';

const plan = {
  ...(process.argv.includes('--quick') ? QUICK_PLAN : FULL_PLAN),
  gcBeforeSample: process.argv.includes('--gc-before-sample'),
};
const startedAt = new Date();
const started = performance.now();
const machine = machineInfo();
progress(
  `${plan.quick ? 'quick' : 'full'} run on ${machine.cpu} × ${machine.cores}, Node ${machine.node}, load average ${machine.loadAverage.toFixed(2)}`,
);

const sizes = new Set([
  ...plan.sizes,
  plan.hotPathSize,
  plan.memorySize,
  plan.reloadSize,
  plan.decryptSize,
  plan.warmProfileSize,
  ...plan.coldProfileSizes,
  50,
]);
const specs = new Map<number, FixtureSpec>();
for (const size of [...sizes].sort((a, b) => a - b)) {
  const spec = buildFixtureSpec(size);
  writeFixtures(spec);
  specs.set(size, spec);
}
progress(`fixtures written for ${[...specs.keys()].join(', ')} keys`);

const coldStart = await runColdStart(plan, specs);
const inProcess = await runInProcess(plan, specs);
const hotPath = await runHotPath(plan, specs.get(plan.hotPathSize)!);
const memory = await runMemory(specs.get(plan.memorySize)!);
const watch = await runWatch(plan);
const reloadCost = await runReloadCost(plan, specs.get(plan.reloadSize)!);
const decryption = await runDecryption(plan, specs.get(plan.decryptSize)!);
const profiles = await runProfiles(plan, specs);
const imports = await runImportCost(plan.quick ? 1 : 3);

const results: BenchResults = {
  plan,
  startedAt,
  durationS: (performance.now() - started) / 1000,
  machine,
  loadAverageAtEnd: loadavg()[0] ?? 0,
  versions: packageVersions(),
  coldStart,
  inProcess,
  hotPath,
  memory,
  watch,
  reloadCost,
  decryption,
};
// A quick run is a smoke test: its numbers must not replace the full run's reports that are committed.
const outDir = plan.quick ? join(BENCH_DIR, '.fixtures', 'quick') : BENCH_DIR;
mkdirSync(outDir, { recursive: true });
// The parser-bounds section comes from its own script (parser-bounds/run-bounds.ts): keep it across full runs.
const resultsFile = join(outDir, 'RESULTS.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const bounds = previous.indexOf('\n## Parser bounds (issue #13)');
writeFileSync(resultsFile, resultsMarkdown(results) + (bounds < 0 ? '' : previous.slice(bounds)));
writeFileSync(join(outDir, 'PROFILE.md'), profileMarkdown(profiles, imports, plan, startedAt));
writeFileSync(
  join(outDir, plan.quick ? 'results.json' : '.fixtures/results.json'),
  JSON.stringify(results, null, 2),
);
const written = relative(process.cwd(), outDir) || '.';
process.stdout.write(
  `${resultTables(results)}\n\nWrote ${join(written, 'RESULTS.md')} and ${join(written, 'PROFILE.md')} in ${(results.durationS / 60).toFixed(1)} minutes.\n`,
);
