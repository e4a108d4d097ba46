import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import { LIBRARY_IDS, type LibraryId } from '../libs/libraries.js';
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

/** size → library → result. */
export type ColdStartResults = Record<number, Partial<Record<LibraryId, ColdStartResult | Failure>>>;

/**
 * A fresh `node dist/cold/<library>.js <size>` per sample. Libraries take turns within each round (the
 * starting library rotates), so a slow moment of the machine is spread over all of them. For the small sizes
 * one discarded process per library warms the file-system cache first.
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
    const wall = new Map<LibraryId, number[]>();
    const inside = new Map<LibraryId, number[]>();
    const failed = new Map<LibraryId, Failure>();
    const once = async (lib: LibraryId, record: boolean): Promise<void> => {
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
    if (size < 10_000 && !plan.quick) for (const lib of LIBRARY_IDS) await once(lib, false);
    for (let round = 0; round < runs; round++) {
      progress(`cold start, ${size} keys: round ${round + 1}/${runs}`);
      const order = [
        ...LIBRARY_IDS.slice(round % LIBRARY_IDS.length),
        ...LIBRARY_IDS.slice(0, round % LIBRARY_IDS.length),
      ];
      for (const lib of order) await once(lib, true);
    }
    const bySize: Partial<Record<LibraryId, ColdStartResult | Failure>> = {};
    for (const lib of LIBRARY_IDS) {
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
