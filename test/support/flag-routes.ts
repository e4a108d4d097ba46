import { type Config, type ConfigSource, loadConfig, Section } from '@strata/core';
import { Flag } from '@strata/flags';
import { fixture, type RunResult, strata } from '@strata-internal/test-support/cli';

/**
 * The flag routes of the input suites (pollution, bounds, malformed): a flag's rule tree, which arrives
 * through any source as an object value, and the `--context` JSON of `strata flags explain`.
 */

/** The schema the rule-tree rows load into: one boolean flag, rules under `flags.onRules`. */
@Section('flags')
export class FlagInput {
  @Flag({ description: 'A flag for the input suites' })
  on = false;
}

/** Loads `sources` with {@link FlagInput}; resolves with the configuration (closed) or the error. */
export async function loadFlagsWith(
  cwd: string,
  sources: ConfigSource[],
  env: Record<string, string> = {},
): Promise<Config | Error> {
  const config = await loadConfig(
    { sections: [FlagInput], sources },
    { cwd, env, argv: [], environment: 'test' },
  ).catch((error: unknown) => error as Error);
  if (!(config instanceof Error)) await config.close();
  return config;
}

/** `strata flags explain features.newCheckout --context <text>` in the CLI's `flags` fixture. */
export function explainWithContext(text: string): Promise<RunResult> {
  return strata(['flags', 'explain', 'features.newCheckout', '--context', text], { cwd: fixture('flags') });
}
