import type { DecryptionResult } from '../measure/decryption.js';
import type { HotPathResult } from '../measure/hot-path-read.js';
import type { ReloadCostResult } from '../measure/reload-cost.js';
import type { HeapResult } from '../measure/retained-heap.js';
import type { WatchLatencyResult } from '../measure/watch-latency.js';
import type { ColdStartResults } from '../suites/cold-start.js';
import type { Failure } from '../suites/failure.js';
import type { InProcessResults } from '../suites/in-process.js';
import type { ByLibrary } from '../suites/other-suites.js';
import type { BenchPlan } from '../suites/plan.js';
import type { MachineInfo } from './machine.js';

/** Everything one run measured. */
export interface BenchResults {
  readonly plan: BenchPlan;
  readonly startedAt: Date;
  readonly durationS: number;
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: number;
  readonly versions: Readonly<Record<string, string>>;
  readonly coldStart: ColdStartResults;
  readonly inProcess: InProcessResults;
  readonly hotPath: ByLibrary<HotPathResult>;
  readonly memory: ByLibrary<HeapResult>;
  readonly watch: Partial<Record<'strata' | 'c12', WatchLatencyResult | Failure>>;
  readonly reloadCost: ReloadCostResult | Failure;
  readonly decryption: DecryptionResult | Failure;
}
