import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '@strata/core';
import type { FixtureContext } from '../libs/adapter.js';
import { strataAdapter, strataSetup } from '../libs/strata.js';

/** What a warm profile repeats: whole loads, or `config.reload()` of one loaded configuration. */
export type WarmProfileKind = 'load' | 'reload';

/**
 * Profile `count` warm in-process Strata loads (or reloads) with the inspector's sampling profiler (100 µs
 * interval), after two unprofiled warm-up rounds, and write the `.cpuprofile` JSON to `outFile`.
 */
export async function profileWarm(
  context: FixtureContext,
  kind: WarmProfileKind,
  count: number,
  outFile: string,
): Promise<void> {
  let step: () => Promise<void>;
  if (kind === 'load') {
    const prepared = await strataAdapter.prepare(context);
    step = async () => (await prepared.load()).close();
  } else {
    const setup = strataSetup(context);
    const config = await loadConfig(setup.definition(), setup.options);
    step = async () => {
      await config.reload();
    };
  }
  for (let i = 0; i < 2; i++) await step();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let i = 0; i < count; i++) await step();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(outFile, JSON.stringify(profile));
}
