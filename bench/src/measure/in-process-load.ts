import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import type { PreparedLibrary } from '../libs/adapter.js';
import { type Summary, summarize } from './stats.js';
import { type Verification, verify } from './verify.js';

/** How long to sample in-process loads. */
export interface LoadBudget {
  /** Time to spend sampling, after the warm-up loads. */
  readonly budgetMs: number;
  /** Samples taken even when they exceed the budget. */
  readonly minSamples: number;
  readonly maxSamples: number;
  /** Run a full GC (untimed) before each sample. @default false */
  readonly gcBeforeSample?: boolean;
}

/** Result of {@link measureLoads}: milliseconds per load + validate. */
export interface InProcessResult {
  readonly firstLoadMs: number;
  readonly warmups: number;
  readonly ms: Summary;
  readonly verification: Verification;
}

let sink: unknown;

/**
 * Load + validate repeatedly in one process (a manual harness: the slowest peers take seconds per load, so
 * the sample count must follow a time budget rather than a fixed count):
 *
 * 1. a first load, timed on its own and checked against the expected values of every key;
 * 2. warm-up loads (untimed) while they fit in 20% of the budget, at most 10, so the JIT has settled;
 * 3. samples until both `minSamples` and `budgetMs` are reached (or `maxSamples`). By default the garbage of
 *    one sample is collected during later ones (GC cost amortised, as mitata and tinybench do); with
 *    `gcBeforeSample` each sample follows an untimed full GC, which leaves V8 with a minimal heap to grow
 *    again, like a start-up, and makes every library several times slower.
 *
 * Each sample creates the library's loader, loads, validates, reads one value and releases it.
 */
export async function measureLoads(
  prepared: PreparedLibrary,
  spec: FixtureSpec,
  budget: LoadBudget,
  lenient: boolean,
): Promise<InProcessResult> {
  const { section, key } = spec.hotPath;
  const t0 = performance.now();
  const first = await prepared.load();
  const firstLoadMs = performance.now() - t0;
  const verification = verify(first, spec, lenient);
  await first.close();

  const once = async (): Promise<number> => {
    if (budget.gcBeforeSample) globalThis.gc?.();
    const start = performance.now();
    const loaded = await prepared.load();
    sink = loaded.value(section, key);
    const ms = performance.now() - start;
    await loaded.close();
    return ms;
  };
  let warmups = 0;
  const warmStart = performance.now();
  while (warmups < 10 && performance.now() - warmStart + firstLoadMs < budget.budgetMs * 0.2) {
    await once();
    warmups++;
  }
  const samples: number[] = [];
  const sampleStart = performance.now();
  while (
    samples.length < budget.maxSamples &&
    (samples.length < budget.minSamples || performance.now() - sampleStart < budget.budgetMs)
  ) {
    samples.push(await once());
  }
  if (sink === undefined) throw new Error('the measured load read undefined');
  return { firstLoadMs, warmups, ms: summarize(samples), verification };
}
