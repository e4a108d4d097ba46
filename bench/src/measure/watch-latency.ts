import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FixtureSpec, layerTree } from '../fixtures/fixture-spec.js';
import { FIXTURES_ROOT } from '../fixtures/fixture-paths.js';
import { yamlText } from '../fixtures/yaml-text.js';
import { type Summary, summarize } from './stats.js';

/** File write → change event latency of one library. */
export interface WatchLatencyResult {
  readonly changes: number;
  /** Changes whose event did not arrive within the timeout. */
  readonly missed: number;
  readonly ms: Summary;
  /** The library's debounce settings in effect (its defaults). */
  readonly settings: string;
}

/** A watcher under test: calls `onValue` with the hot value of each configuration it reloads. */
interface Watching {
  readonly settings: string;
  close(): Promise<void>;
}

type StartWatching = (dir: string, spec: FixtureSpec, onValue: (value: unknown) => void) => Promise<Watching>;

const FILE = 'app.config.yaml';
const TIMEOUT_MS = 5_000;

/**
 * Write `app.config.yaml` (the 50-key defaults), start the library's watcher on it with default settings,
 * then `changes` times: rewrite the file with a new value for one key and time until the library reports a
 * configuration holding that value. Two warm-up changes are not counted.
 */
export async function measureWatchLatency(
  library: 'strata' | 'c12',
  spec: FixtureSpec,
  changes: number,
): Promise<WatchLatencyResult> {
  const dir = join(FIXTURES_ROOT, `watch-${library}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tree = layerTree(spec.defaults);
  const { section, key } = spec.hotPath;
  const field = spec.sections.find((s) => s.name === section)!.fields.find((f) => f.key === key)!;
  if (field.kind !== 'int') throw new Error('the hot-path key is not an integer');
  writeFileSync(join(dir, FILE), yamlText(tree));

  let waiting: { value: number; resolve: (at: number) => void } | undefined;
  const onValue = (value: unknown): void => {
    if (waiting && value === waiting.value) waiting.resolve(performance.now());
  };
  const start: StartWatching = library === 'strata' ? startStrata : startC12;
  const watching = await start(dir, spec, onValue);
  await sleep(500);
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < changes + 2; i++) {
    const value = field.min + ((i * 7919 + 1) % (field.max - field.min));
    tree[section]![key] = value;
    const text = yamlText(tree);
    const arrived = new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), TIMEOUT_MS);
      waiting = {
        value,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
    const t0 = performance.now();
    writeFileSync(join(dir, FILE), text);
    const at = await arrived;
    waiting = undefined;
    if (i >= 2) {
      if (at === undefined) missed++;
      else latencies.push(at - t0);
    }
    await sleep(50);
  }
  await watching.close();
  return { changes, missed, ms: summarize(latencies), settings: watching.settings };
}

async function startStrata(
  dir: string,
  spec: FixtureSpec,
  onValue: (value: unknown) => void,
): Promise<Watching> {
  const { loadConfig } = await import('@strata/core');
  const { fileSource } = await import('@strata/file');
  const { strataClasses } = await import('../libs/strata.js');
  const classes = strataClasses(spec.sections);
  const hot = classes[spec.sections.findIndex((s) => s.name === spec.hotPath.section)]!;
  const config = await loadConfig(
    { sections: classes, sources: [fileSource({ file: FILE })] },
    { cwd: dir, env: {}, watch: true },
  );
  config.on('changed', () => {
    onValue((config.get(hot) as Record<string, unknown>)[spec.hotPath.key]);
  });
  return {
    settings: "defaults: fileSource debounceMs 50 + loadConfig debounceMs 50; event: config.on('changed')",
    close: () => config.close(),
  };
}

async function startC12(
  dir: string,
  spec: FixtureSpec,
  onValue: (value: unknown) => void,
): Promise<Watching> {
  const { watchConfig } = await import('c12');
  const watcher = await watchConfig<Record<string, Record<string, unknown>>>({
    cwd: dir,
    name: 'app',
    onUpdate({ newConfig }) {
      onValue(newConfig.config[spec.hotPath.section]?.[spec.hotPath.key]);
    },
  });
  return {
    settings: 'defaults: watchConfig debounce 100 (chokidar); event: onUpdate',
    close: () => watcher.unwatch(),
  };
}
