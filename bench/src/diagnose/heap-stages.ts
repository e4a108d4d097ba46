// Where Strata's retained heap comes from, stage by stage, in one fresh process:
//   node --expose-gc dist/diagnose/heap-stages.js [size=10000] [--snapshot]
// Prints `heapUsed` growth (after forced GCs) for importing the modules, defining the decorated classes, and
// the first load (kept alive). With --snapshot it also writes heap snapshots before and after the load and
// prints what the load added, by constructor and by property set (`heap-diff.ts`).
import { writeHeapSnapshot } from 'node:v8';
import { fixturePaths, readFixtureSpec } from '../fixtures/fixture-paths.js';
import { envVariables } from '../fixtures/fixture-spec.js';
import { printHeapDiff } from './heap-diff.js';

const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc');
const size = Number(process.argv[2] ?? 10_000);
const snapshot = process.argv.includes('--snapshot');
const spec = readFixtureSpec(size);
Object.assign(process.env, envVariables(spec));

const settle = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mib = (bytes: number): string => (bytes / 1_048_576).toFixed(2);

const h0 = settle();
const core = await import('@strata/core');
const { strataSetup } = await import('../libs/strata.js');
const h1 = settle();
const setup = strataSetup({ spec, paths: fixturePaths(size) });
const h2 = settle();
const before = snapshot ? writeHeapSnapshot() : undefined;
const config = await core.loadConfig(setup.definition(), setup.options);
const h3 = settle();
const after = snapshot ? writeHeapSnapshot() : undefined;
console.log(
  `${size} keys (MiB): modules ${mib(h1 - h0)}  classes ${mib(h2 - h1)}  load ${mib(h3 - h2)}  total ${mib(h3 - h0)}`,
);
if (before && after) printHeapDiff(before, after);
// Kept to here, so nothing loaded could be collected before the last figure.
await config.close();
