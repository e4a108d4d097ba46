import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import { LIBRARY_IDS, type LibraryId } from '../libs/libraries.js';
import { runChild } from '../measure/child-process.js';
import type { InProcessResult } from '../measure/in-process-load.js';
import type { WorkerTask } from '../worker.js';
import { childEnv } from './child-env.js';
import { type Failure, failureOf, progress } from './failure.js';
import type { BenchPlan } from './plan.js';

/** size → library → result. */
export type InProcessResults = Record<number, Partial<Record<LibraryId, InProcessResult | Failure>>>;

/** Run a worker task in a fresh process and return its result. */
export async function runTask<T>(
  task: WorkerTask,
  spec: FixtureSpec | undefined,
  timeoutMs = 300_000,
): Promise<T> {
  const run = await runChild<T>({
    script: 'worker.js',
    args: [JSON.stringify(task)],
    env: childEnv(spec),
    nodeOptions: ['--expose-gc'],
    timeoutMs,
  });
  if (run.result === undefined) throw new Error(`worker ${task.mode} printed no result\n${run.stderr}`);
  return run.result;
}

/** In-process load + validate of every library at every size, each library in its own process. */
export async function runInProcess(
  plan: BenchPlan,
  specs: ReadonlyMap<number, FixtureSpec>,
): Promise<InProcessResults> {
  const results: InProcessResults = {};
  for (const size of plan.sizes) {
    const bySize: Partial<Record<LibraryId, InProcessResult | Failure>> = {};
    for (const lib of LIBRARY_IDS) {
      const budget = plan.loadBudget[size]!;
      try {
        const result = await runTask<InProcessResult>(
          { mode: 'inproc', lib, size, ...budget, gcBeforeSample: plan.gcBeforeSample },
          specs.get(size),
        );
        bySize[lib] = result;
        progress(
          `in-process, ${size} keys, ${lib}: median ${result.ms.median.toFixed(2)} ms (n=${result.ms.n})`,
        );
      } catch (error) {
        bySize[lib] = failureOf(error);
        progress(`in-process, ${size} keys, ${lib}: FAILED`);
      }
    }
    results[size] = bySize;
  }
  return results;
}
