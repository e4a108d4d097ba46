import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * Profile this worker from now (after start-up) until the returned function is called, into
 * `$FLEET_BENCH_PROFILE/<pid>.cpuprofile`: the steady state and the change, without the start-up and close.
 */
export async function startProfile(): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(
      join(process.env.FLEET_BENCH_PROFILE ?? '.', `${process.pid}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  };
}
