import { fixturePaths, readFixtureSpec } from '../fixtures/fixture-paths.js';
import type { LibraryAdapter } from '../libs/adapter.js';
import { reportResult } from '../measure/protocol.js';

/**
 * The body of a cold-start script: build the schema, load and validate once the way an application starts,
 * read one value, exit. The parent times the whole process; this reports the time since the process began
 * (`performance.now()`), which leaves out spawning and exiting.
 */
export async function runCold(adapter: LibraryAdapter): Promise<void> {
  const size = Number(process.argv[2]);
  const spec = readFixtureSpec(size);
  const prepared = await adapter.prepare({ spec, paths: fixturePaths(size) });
  const loaded = await (prepared.loadFirst ?? prepared.load)();
  const value = loaded.value(spec.hotPath.section, spec.hotPath.key);
  if (value === undefined) throw new Error(`${spec.hotPath.section}.${spec.hotPath.key} is undefined`);
  await loaded.close();
  reportResult({ sinceStartMs: performance.now() });
}
