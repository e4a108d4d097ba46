import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import { FIXTURES_ROOT } from '../fixtures/fixture-paths.js';
import { LIBRARY_IDS, type LibraryId } from '../libs/libraries.js';
import { runChild } from '../measure/child-process.js';
import type { DecryptionResult } from '../measure/decryption.js';
import type { HotPathResult } from '../measure/hot-path-read.js';
import type { ReloadCostResult } from '../measure/reload-cost.js';
import type { HeapResult } from '../measure/retained-heap.js';
import type { WatchLatencyResult } from '../measure/watch-latency.js';
import { childEnv } from './child-env.js';
import { type Failure, failureOf, progress } from './failure.js';
import { runTask } from './in-process.js';
import type { BenchPlan } from './plan.js';

/** Per-library results of one measurement. */
export type ByLibrary<T> = Partial<Record<LibraryId, T | Failure>>;

async function attempt<T>(label: string, run: () => Promise<T>): Promise<T | Failure> {
  try {
    const result = await run();
    progress(`${label}: done`);
    return result;
  } catch (error) {
    progress(`${label}: FAILED`);
    return failureOf(error);
  }
}

/** Hot-path reads of every library (and the frozen-object baseline in each process). */
export async function runHotPath(plan: BenchPlan, spec: FixtureSpec): Promise<ByLibrary<HotPathResult>> {
  const results: ByLibrary<HotPathResult> = {};
  for (const lib of LIBRARY_IDS) {
    results[lib] = await attempt(`hot path, ${lib}`, () =>
      runTask<HotPathResult>(
        { mode: 'hotpath', lib, size: spec.size, minCpuTimeMs: plan.hotPathCpuMs },
        spec,
      ),
    );
  }
  return results;
}

/** Retained heap of every library, each in a fresh process. */
export async function runMemory(spec: FixtureSpec): Promise<ByLibrary<HeapResult>> {
  const results: ByLibrary<HeapResult> = {};
  for (const lib of LIBRARY_IDS) {
    results[lib] = await attempt(`memory, ${lib}`, () =>
      runTask<HeapResult>({ mode: 'memory', lib, size: spec.size }, spec),
    );
  }
  return results;
}

/** File write → change event latency, Strata and c12, one after the other on the same file contents. */
export async function runWatch(
  plan: BenchPlan,
): Promise<Partial<Record<'strata' | 'c12', WatchLatencyResult | Failure>>> {
  const results: Partial<Record<'strata' | 'c12', WatchLatencyResult | Failure>> = {};
  for (const lib of ['strata', 'c12'] as const) {
    results[lib] = await attempt(`reload latency, ${lib}`, () =>
      runTask<WatchLatencyResult>({ mode: 'watch', lib, changes: plan.watchChanges }, undefined),
    );
  }
  return results;
}

/** Strata's `config.reload()` on the large fixture. */
export function runReloadCost(plan: BenchPlan, spec: FixtureSpec): Promise<ReloadCostResult | Failure> {
  return attempt('reload cost, strata', () =>
    runTask<ReloadCostResult>(
      { mode: 'reload', size: spec.size, samples: plan.reloadSamples, gcBeforeSample: plan.gcBeforeSample },
      spec,
    ),
  );
}

/** Decryption of the fixture's values with Strata's secrets API, when core exports it. */
export function runDecryption(plan: BenchPlan, spec: FixtureSpec): Promise<DecryptionResult | Failure> {
  return attempt('decryption, strata', () =>
    runTask<DecryptionResult>(
      { mode: 'decrypt', size: spec.size, samples: plan.decryptSamples, gcBeforeSample: plan.gcBeforeSample },
      spec,
    ),
  );
}

/** The `.cpuprofile` files written for the profile report. */
export interface ProfileFiles {
  readonly cold: Readonly<Record<number, string | Failure>>;
  readonly warm: string | Failure;
  readonly reload: string | Failure;
}

/** CPU profiles of Strata: cold starts (`node --cpu-prof`) and warm in-process loads (inspector). */
export async function runProfiles(
  plan: BenchPlan,
  specs: ReadonlyMap<number, FixtureSpec>,
): Promise<ProfileFiles> {
  const root = join(FIXTURES_ROOT, 'profiles');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const cold: Record<number, string | Failure> = {};
  for (const size of plan.coldProfileSizes) {
    const dir = join(root, `cold-${size}`);
    mkdirSync(dir, { recursive: true });
    cold[size] = await attempt(`profile, cold start ${size} keys`, async () => {
      await runChild({
        script: 'cold/strata.js',
        args: [String(size)],
        env: childEnv(specs.get(size)),
        nodeOptions: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100'],
      });
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error('node --cpu-prof wrote no profile');
      return join(dir, file);
    });
  }
  const warmProfile = async (kind: 'load' | 'reload'): Promise<string | Failure> => {
    const out = join(root, `warm-${kind}-${plan.warmProfileSize}.cpuprofile`);
    return attempt(`profile, warm ${kind}s ${plan.warmProfileSize} keys`, async () => {
      const task = {
        mode: 'profile',
        kind,
        size: plan.warmProfileSize,
        loads: plan.warmProfileLoads,
        out,
      } as const;
      await runTask(task, specs.get(plan.warmProfileSize));
      return out;
    });
  };
  const warm = await warmProfile('load');
  const reload = await warmProfile('reload');
  return { cold, warm, reload };
}
