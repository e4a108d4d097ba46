/**
 * One measuring child process: `node --expose-gc dist/worker.js '<json task>'`. Each task runs in a fresh
 * process that imports a single library, so libraries never share a heap, a JIT state or class-validator's
 * process-global metadata (whose cost grows with every class registered in the process).
 */
import { fixturePaths, readFixtureSpec } from './fixtures/fixture-paths.js';
import type { LibraryId } from './libs/libraries.js';
import { loadAdapter } from './libs/load-adapter.js';
import { measureHotPath } from './measure/hot-path-read.js';
import { measureLoads } from './measure/in-process-load.js';
import { reportResult } from './measure/protocol.js';
import { measureRetainedHeap } from './measure/retained-heap.js';

/** The tasks a worker runs. */
export type WorkerTask =
  | {
      readonly mode: 'inproc';
      readonly lib: LibraryId;
      readonly size: number;
      readonly budgetMs: number;
      readonly minSamples: number;
      readonly maxSamples: number;
      readonly gcBeforeSample: boolean;
    }
  | {
      readonly mode: 'hotpath';
      readonly lib: LibraryId;
      readonly size: number;
      readonly minCpuTimeMs: number;
    }
  | { readonly mode: 'memory'; readonly lib: LibraryId; readonly size: number }
  | { readonly mode: 'watch'; readonly lib: 'strata' | 'c12'; readonly changes: number }
  | {
      readonly mode: 'reload';
      readonly size: number;
      readonly samples: number;
      readonly gcBeforeSample: boolean;
    }
  | {
      readonly mode: 'decrypt';
      readonly size: number;
      readonly samples: number;
      readonly gcBeforeSample: boolean;
    }
  | {
      readonly mode: 'profile';
      readonly kind: 'load' | 'reload';
      readonly size: number;
      readonly loads: number;
      readonly out: string;
    };

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
const spec = readFixtureSpec(task.mode === 'watch' ? 50 : task.size);
const context = { spec, paths: fixturePaths(spec.size) };

switch (task.mode) {
  case 'inproc': {
    const prepared = await (await loadAdapter(task.lib)).prepare(context);
    reportResult(await measureLoads(prepared, spec, task, task.lib === 'c12'));
    break;
  }
  case 'hotpath': {
    const prepared = await (await loadAdapter(task.lib)).prepare(context);
    const loaded = await (prepared.loadFirst ?? prepared.load)();
    reportResult(await measureHotPath(loaded, spec, task.minCpuTimeMs));
    await loaded.close();
    break;
  }
  case 'memory':
    reportResult(await measureRetainedHeap(task.lib, context));
    break;
  case 'watch': {
    const { measureWatchLatency } = await import('./measure/watch-latency.js');
    reportResult(await measureWatchLatency(task.lib, spec, task.changes));
    break;
  }
  case 'reload': {
    const { measureReloadCost } = await import('./measure/reload-cost.js');
    reportResult(await measureReloadCost(context, task.samples, task.gcBeforeSample));
    break;
  }
  case 'decrypt': {
    const { measureDecryption } = await import('./measure/decryption.js');
    reportResult(await measureDecryption(spec, task.samples, task.gcBeforeSample));
    break;
  }
  case 'profile': {
    const { profileWarm } = await import('./profile/warm-profile.js');
    await profileWarm(context, task.kind, task.loads, task.out);
    reportResult({ out: task.out });
    break;
  }
}
