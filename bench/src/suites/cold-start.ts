import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import { COLD_START_IDS, type ColdStartId } from '../libs/libraries.js';
import { runChild } from '../measure/child-process.js';
import { type Summary, summarize } from '../measure/stats.js';
import { childEnv } from './child-env.js';
import { type Failure, failureOf, progress } from './failure.js';
import type { BenchPlan } from './plan.js';

/** Cold start of one library at one size. */
export interface ColdStartResult {
  /** Spawn to exit, seen by the parent: what a deployment waits for. */
  readonly wallMs: Summary;
  /** Process start to the end of the script (`performance.now()` in the child): without spawn and exit. */
  readonly inProcessMs: Summary;
}

/** size → library (or cold-start variant of one) → result. */
export type ColdStartResults = Record<number, Partial<Record<ColdStartId, ColdStartResult | Failure>>>;

/**
 * A fresh `node dist/cold/<library>.js <size>` per sample, for every library and every cold-start variant.
 * Libraries take turns within each round (the starting library rotates), so a slow moment of the machine is
 * spread over all of them. For the small sizes one discarded process per library warms the file-system cache
 * first.
 */
export async function runColdStart(
  plan: BenchPlan,
  specs: ReadonlyMap<number, FixtureSpec>,
): Promise<ColdStartResults> {
  const results: ColdStartResults = {};
  for (const size of plan.sizes) {
    const spec = specs.get(size)!;
    const env = childEnv(spec);
    const runs = plan.coldRuns[size] ?? 1;
    const wall = new Map<ColdStartId, number[]>();
    const inside = new Map<ColdStartId, number[]>();
    const failed = new Map<ColdStartId, Failure>();
    const once = async (lib: ColdStartId, record: boolean): Promise<void> => {
      if (failed.has(lib)) return;
      try {
        const run = await runChild<{ sinceStartMs: number }>({
          script: `cold/${lib}.js`,
          args: [String(size)],
          env,
        });
        if (!record) return;
        wall.set(lib, [...(wall.get(lib) ?? []), run.wallMs]);
        inside.set(lib, [...(inside.get(lib) ?? []), run.result?.sinceStartMs ?? Number.NaN]);
      } catch (error) {
        failed.set(lib, failureOf(error));
      }
    };
    if (size < 10_000 && !plan.quick) for (const lib of COLD_START_IDS) await once(lib, false);
    for (let round = 0; round < runs; round++) {
      progress(`cold start, ${size} keys: round ${round + 1}/${runs}`);
      const order = [
        ...COLD_START_IDS.slice(round % COLD_START_IDS.length),
        ...COLD_START_IDS.slice(0, round % COLD_START_IDS.length),
      ];
      for (const lib of order) await once(lib, true);
    }
    const bySize: Partial<Record<ColdStartId, ColdStartResult | Failure>> = {};
    for (const lib of COLD_START_IDS) {
      const failure = failed.get(lib);
      bySize[lib] = failure ?? {
        wallMs: summarize(wall.get(lib) ?? []),
        inProcessMs: summarize(inside.get(lib) ?? []),
      };
    }
    results[size] = bySize;
  }
  return results;
}
