import { type Config, type ConfigSource, type Constructor, type Logger, loadConfig } from '@strata/core';
import { readSchema } from '@strata/core/tooling';
import type { SectionValues } from './section-values.js';
import { type TestSource, testSource } from './test-source.js';
import { valueTreeOf } from './value-tree.js';

/** Options of {@link createTestConfig}. */
export interface TestConfigOptions {
  /** The `@Section` classes. */
  readonly sections: readonly Constructor[];
  /** Typed values, made with `valuesFor(Section, { … })`; later entries win. */
  readonly values?: readonly SectionValues[];
  /** The environment name. @default 'test' */
  readonly environment?: string;
  /**
   * More sources, below `values` in precedence: a `fileSource` over a fixture folder, a `testSource()` the
   * test drives (it is attached, so its `settle()` works).
   */
  readonly sources?: readonly ConfigSource[];
  /**
   * The environment variables the sources see. @default {} — a test never reads the machine's variables by
   * accident.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Unknown keys are errors. @default true — a misspelt key in a test is a bug in the test. */
  readonly strict?: boolean;
  /** @default a logger that drops everything */
  readonly logger?: Logger;
}

/** The name of the source that serves `values`. */
export const VALUES_SOURCE = 'test-values';

/**
 * A real {@link Config} from values in memory: the whole pipeline runs (merge, coercion, validation,
 * redaction, DI bindings), so invalid values throw the usual `ConfigValidationError`. Close it after the test.
 *
 * The sources are, in precedence order: `sources`, then `values`; `override()` lays its values above them
 * through core's runtime override layer.
 */
export async function createTestConfig(options: TestConfigOptions): Promise<Config> {
  const schema = readSchema(options.sections);
  const values = testSource({ name: VALUES_SOURCE, values: valueTreeOf(schema, options.values ?? []) });
  const sources = [...(options.sources ?? []), values];
  const config = await loadConfig(
    { sections: options.sections, sources, environment: options.environment ?? 'test' },
    {
      env: options.env ?? {},
      argv: [],
      strict: options.strict ?? true,
      ...(options.logger ? { logger: options.logger } : {}),
    },
  );
  for (const source of sources) if (isTestSource(source)) source.attach(config);
  return config;
}

function isTestSource(source: ConfigSource): source is TestSource {
  return typeof (source as Partial<TestSource>).attach === 'function' && 'settle' in source;
}
