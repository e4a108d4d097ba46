import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import type { FixturePaths } from '../fixtures/fixture-paths.js';

/** What a library is given: the generated data and where its files are. */
export interface FixtureContext {
  readonly spec: FixtureSpec;
  readonly paths: FixturePaths;
}

/**
 * How application code reads one value once the configuration is loaded: a property of an object it holds
 * (an injected section, a plain object) or a `get('section.key')` call.
 */
export type HotPath =
  | { readonly kind: 'property'; readonly target: object; readonly key: string; readonly how: string }
  | {
      readonly kind: 'get';
      readonly target: { get(path: string): unknown };
      readonly path: string;
      readonly how: string;
    };

/** One loaded configuration. */
export interface LoadedConfig {
  /** The value at `section.key` through the library's documented access (used to verify, not timed). */
  value(section: string, key: string): unknown;
  /** The documented way to read a value on the hot path. */
  hotPath(section: string, key: string): HotPath;
  /** Release watchers, application contexts, … */
  close(): Promise<void>;
}

/** A library with its schema built (schema building is part of a cold start, not of a load). */
export interface PreparedLibrary {
  /** Load and validate the three layers once, the way the library's documentation recommends. */
  load(): Promise<LoadedConfig>;
  /**
   * The load an application does once at start-up, when it differs from {@link load} (node-config's
   * singleton, loaded by importing the module). Used by cold start, memory and hot-path measurements.
   */
  loadFirst?(): Promise<LoadedConfig>;
}

/** A library under test. */
export interface LibraryAdapter {
  prepare(context: FixtureContext): Promise<PreparedLibrary>;
}
