import { loadConfig } from '@strata/core';
import type { FixtureContext } from '../libs/adapter.js';
import { strataSetup } from '../libs/strata.js';
import { type Summary, summarize } from './stats.js';

/** Cost of `config.reload()` on a loaded configuration. */
export interface ReloadCostResult {
  readonly ms: Summary;
  readonly status: string;
}

/**
 * Load the fixture once, then time `config.reload()` (every source read again, merged, converted,
 * validated and compared with the current snapshot) `samples` times after two warm-up reloads.
 */
export async function measureReloadCost(
  context: FixtureContext,
  samples: number,
  gcBeforeSample: boolean,
): Promise<ReloadCostResult> {
  const setup = strataSetup(context);
  const config = await loadConfig(setup.definition(), setup.options);
  let status = '';
  const times: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    if (gcBeforeSample) globalThis.gc?.();
    const t0 = performance.now();
    const result = await config.reload();
    const ms = performance.now() - t0;
    status = result.status;
    if (i >= 2) times.push(ms);
  }
  await config.close();
  return { ms: summarize(times), status };
}
