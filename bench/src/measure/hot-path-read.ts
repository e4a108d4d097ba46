import { measure } from 'mitata';
import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import type { HotPath, LoadedConfig } from '../libs/adapter.js';
import { summarize } from './stats.js';

/** Reads per timed call; the result is divided by it. */
const READS = 1024;
/** The kernel reads `targets[i & 15]`: 16 references to the same object, so the load cannot be hoisted. */
const SLOTS = 16;

/** ns per read: the median over rounds of each round's median, and the lowest and highest round medians. */
export interface NsPerRead {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** ns per read of the library's documented access and of a frozen plain object, measured in one process. */
export interface HotPathResult {
  readonly how: string;
  readonly nsPerRead: NsPerRead;
  readonly frozenNsPerRead: NsPerRead;
}

/** Alternate library and baseline this many times, so drifts in machine speed hit both alike. */
const ROUNDS = 5;

let sink = 0;

/**
 * Time the hot-path read with mitata. Each timed call runs a loop of {@link READS} reads that accumulates the
 * values (integers) and stores the sum in a module variable, so the reads cannot be removed as dead code; the
 * object is fetched from an array slot each time, so the property load cannot be hoisted out of the loop.
 * The same loop shape reads a deep-frozen plain object as the baseline, in the same process.
 */
export async function measureHotPath(
  loaded: LoadedConfig,
  spec: FixtureSpec,
  minCpuTimeMs: number,
): Promise<HotPathResult> {
  const { section, key } = spec.hotPath;
  const path = loaded.hotPath(section, key);
  const frozen = deepFreeze(structuredClone(spec.expected[section]!));
  const baselinePath: HotPath = { kind: 'property', target: frozen, key, how: 'frozen object' };
  const library: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    library.push(await timeKernel(path, minCpuTimeMs / ROUNDS));
    baseline.push(await timeKernel(baselinePath, minCpuTimeMs / ROUNDS));
  }
  if (sink === 0) throw new Error('hot-path reads summed to 0');
  return { how: path.how, nsPerRead: overRounds(library), frozenNsPerRead: overRounds(baseline) };
}

function overRounds(medians: readonly number[]): NsPerRead {
  const summary = summarize(medians);
  return { median: summary.median, min: summary.min, max: summary.max };
}

/** The median ns per read of one mitata measurement. */
async function timeKernel(path: HotPath, minCpuTimeMs: number): Promise<number> {
  const targets = new Array<object>(SLOTS).fill(path.target);
  const kernel = compileKernel(path);
  const expected = Number(kernel(targets));
  if (!Number.isFinite(expected)) throw new Error(`the hot-path value of ${path.how} is not a number`);
  const stats = await measure(
    () => {
      sink += kernel(targets) as number;
    },
    { min_cpu_time: minCpuTimeMs * 1e6 },
  );
  return stats.p50 / READS;
}

/** A fresh function per measurement, with the property name or path inlined as a literal, as app code has it. */
function compileKernel(path: HotPath): (targets: object[]) => unknown {
  const read =
    path.kind === 'property'
      ? `targets[i & ${SLOTS - 1}].${path.key}`
      : `targets[i & ${SLOTS - 1}].get(${JSON.stringify(path.path)})`;
  return new Function(
    'targets',
    `let acc = 0; for (let i = 0; i < ${READS}; i++) acc += ${read}; return acc;`,
  ) as (targets: object[]) => unknown;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}
