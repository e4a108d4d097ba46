import type { LoadBudget } from '../measure/in-process-load.js';

/** How much of everything to run: the full bench (< 10 minutes) or `--quick` (about a minute). */
export interface BenchPlan {
  readonly quick: boolean;
  /** `--gc-before-sample`: an untimed full GC before each in-process sample (start-up-like heap). */
  readonly gcBeforeSample: boolean;
  /** Fixture sizes measured for cold start and in-process load. */
  readonly sizes: readonly number[];
  /** Cold-start processes per library and size (after one discarded warm-up process for small sizes). */
  readonly coldRuns: Readonly<Record<number, number>>;
  readonly loadBudget: Readonly<Record<number, LoadBudget>>;
  /** Size of the hot-path fixture (the read does not depend on it). */
  readonly hotPathSize: number;
  /** mitata's minimum CPU time per hot-path measurement, split over the rounds. */
  readonly hotPathCpuMs: number;
  /** Size whose retained heap is measured. */
  readonly memorySize: number;
  /** Changes timed per library for reload latency. */
  readonly watchChanges: number;
  readonly reloadSize: number;
  readonly reloadSamples: number;
  readonly decryptSize: number;
  readonly decryptSamples: number;
  /** Sizes profiled as a cold start (`--cpu-prof`). */
  readonly coldProfileSizes: readonly number[];
  readonly warmProfileSize: number;
  readonly warmProfileLoads: number;
}

/** The full bench: every size, enough samples for medians and quartiles. */
export const FULL_PLAN: BenchPlan = {
  quick: false,
  gcBeforeSample: false,
  sizes: [50, 1_000, 10_000],
  coldRuns: { 50: 15, 1000: 10, 10000: 5 },
  loadBudget: {
    50: { budgetMs: 1_500, minSamples: 10, maxSamples: 500 },
    1000: { budgetMs: 2_000, minSamples: 5, maxSamples: 300 },
    10000: { budgetMs: 4_000, minSamples: 5, maxSamples: 100 },
  },
  hotPathSize: 1_000,
  hotPathCpuMs: 1_500,
  memorySize: 10_000,
  watchChanges: 100,
  reloadSize: 10_000,
  reloadSamples: 15,
  decryptSize: 1_000,
  decryptSamples: 15,
  coldProfileSizes: [50, 10_000],
  warmProfileSize: 10_000,
  warmProfileLoads: 10,
};

/** `--quick`: a smoke run for CI — no 10,000-key size (the slowest peers take seconds per load there). */
export const QUICK_PLAN: BenchPlan = {
  quick: true,
  gcBeforeSample: false,
  sizes: [50, 1_000],
  coldRuns: { 50: 3, 1000: 2 },
  loadBudget: {
    50: { budgetMs: 200, minSamples: 3, maxSamples: 100 },
    1000: { budgetMs: 300, minSamples: 2, maxSamples: 50 },
  },
  hotPathSize: 1_000,
  hotPathCpuMs: 300,
  memorySize: 1_000,
  watchChanges: 10,
  reloadSize: 1_000,
  reloadSamples: 3,
  decryptSize: 1_000,
  decryptSamples: 3,
  coldProfileSizes: [50],
  warmProfileSize: 1_000,
  warmProfileLoads: 3,
};
