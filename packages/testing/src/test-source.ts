import {
  type Config,
  type ConfigSource,
  type Disposable,
  type Layer,
  type LeafValue,
  type ReloadResult,
  type SourceContext,
  SourceError,
  type SourceSignals,
} from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { TestingError } from './testing-error.js';
import { mergeInto } from './merge-into.js';
import type { ValueTree } from './value-tree.js';

/** Options of {@link testSource}. */
export interface TestSourceOptions {
  /** The source's name, unique within one configuration. @default 'test' */
  readonly name?: string;
  /** The values it starts with, as a nested tree (`{ database: { port: 5432 } }`). */
  readonly values?: { readonly [key: string]: LeafValue };
  /** Serve values as text to convert, like environment variables. @default false */
  readonly textual?: boolean;
}

/**
 * A source a test controls: change its values, make it fail and recover, then `await settle()` to have the
 * configuration reload it. No timers and no sleeps: `settle()` runs the reload transaction itself and returns
 * its result, so the test continues exactly when the change has been applied (or rejected).
 */
export interface TestSource extends ConfigSource {
  /** Set the value at a dotted path (`'database.port'`). Applied at the next `settle()`. */
  set(path: string, value: LeafValue): this;
  /** Remove the value (or subtree) at a dotted path. Applied at the next `settle()`. */
  delete(path: string): this;
  /** Replace every value. Applied at the next `settle()`. */
  replace(values: { readonly [key: string]: LeafValue }): this;
  /**
   * Make loads fail with `error` until {@link recover}: the next `settle()` reports `sourceFailed` and keeps
   * the last good values. A watching configuration is told at once, as by a failed background poll.
   */
  fail(error?: Error | string, options?: { readonly willRetry?: boolean }): this;
  /** Make loads work again: the next `settle()` reports `sourceRecovered`. */
  recover(): this;
  /**
   * Reload this source through the attached configuration's transaction and return the result: `changed`,
   * `unchanged` or `rejected` (with the validation error). Throws when no configuration is attached.
   */
  settle(): Promise<ReloadResult>;
  /**
   * Tie the source to the configuration `settle()` reloads. `createTestConfig` attaches every test source
   * in its `sources`; call it yourself after `loadConfig`.
   */
  attach(config: Config): this;
  /** How many times the source was loaded: a test can check that a reload reached it. */
  readonly loads: number;
}

/** A controllable in-memory source for tests. See {@link TestSource}. */
export function testSource(options: TestSourceOptions = {}): TestSource {
  const name = options.name ?? 'test';
  let tree: ValueTree = Object.create(null);
  if (options.values) mergeInto(tree, options.values);
  let failure: SourceError | undefined;
  let config: Config | undefined;
  let loads = 0;
  const pending: string[] = [];
  const watchers = new Set<SourceSignals>();

  const changed = (detail: string): void => {
    pending.push(detail);
    for (const signals of watchers) signals.changed({ source: name, detail });
  };

  const source: TestSource = {
    name,
    // Its content is what the test set: emptying it is a deliberate change, not a file turned to junk.
    suspiciousReloads: 'apply',
    get loads() {
      return loads;
    },
    async load(context: SourceContext): Promise<Layer> {
      loads++;
      // The same check a remote source makes before a request: an abandoned load must not produce a layer.
      if (context.signal.aborted)
        throw new SourceError(name, 'the load was aborted', { cause: context.signal.reason });
      if (failure) throw failure;
      return layerFromTree({
        source: name,
        textual: options.textual ?? false,
        tree,
        originOf: (path) => ({ source: 'test', locator: `${name}:${path.join('.')}` }),
      });
    },
    watch(_context: SourceContext, signals: SourceSignals): Disposable {
      watchers.add(signals);
      return { dispose: () => watchers.delete(signals) };
    },
    describe(field) {
      return `${name}.set('${field.path}', …)`;
    },
    async dispose() {
      watchers.clear();
    },
    set(path, value) {
      const next: ValueTree = Object.create(null);
      mergeInto(next, tree);
      const segments = path.split('.');
      let node = next;
      for (const segment of segments.slice(0, -1)) {
        const child = node[segment];
        const copy: ValueTree = Object.create(null);
        if (
          child !== null &&
          typeof child === 'object' &&
          !Array.isArray(child) &&
          !(child instanceof Date)
        ) {
          Object.assign(copy, child);
        }
        node[segment] = copy;
        node = copy;
      }
      node[segments.at(-1) as string] = value;
      tree = next;
      changed(`${path} set`);
      return this;
    },
    delete(path) {
      const next: ValueTree = Object.create(null);
      mergeInto(next, tree);
      const segments = path.split('.');
      let node: ValueTree | undefined = next;
      for (const segment of segments.slice(0, -1)) {
        const child: LeafValue | undefined = node?.[segment];
        node =
          child !== null && typeof child === 'object' && !Array.isArray(child)
            ? (child as ValueTree)
            : undefined;
      }
      if (node) delete node[segments.at(-1) as string];
      tree = next;
      changed(`${path} deleted`);
      return this;
    },
    replace(values) {
      const next: ValueTree = Object.create(null);
      mergeInto(next, values);
      tree = next;
      changed('values replaced');
      return this;
    },
    fail(error = 'failing on purpose (testSource().fail())', { willRetry = true } = {}) {
      const cause = typeof error === 'string' ? undefined : error;
      failure = new SourceError(name, typeof error === 'string' ? error : error.message, { cause });
      for (const signals of watchers) signals.failed(failure, willRetry);
      return this;
    },
    recover() {
      failure = undefined;
      for (const signals of watchers) signals.recovered();
      return this;
    },
    attach(target) {
      config = target;
      return this;
    },
    settle() {
      if (!config) {
        return Promise.reject(
          new TestingError(
            `testSource "${name}" is attached to no configuration: pass it in createTestConfig({ sources }) ` +
              'or call attach(config) after loadConfig()',
          ),
        );
      }
      const reason = pending.splice(0).join(', ') || 'settle()';
      return config.reload({ sources: [name], reason: `${name}: ${reason}` });
    },
  };
  return source;
}
