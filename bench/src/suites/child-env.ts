import { envVariables, ENVIRONMENT, type FixtureSpec } from '../fixtures/fixture-spec.js';
import { fixturePaths } from '../fixtures/fixture-paths.js';

/**
 * The environment of a measuring process: the same small base for every library (so no library reads a
 * different or larger environment), node-config's directory, and the fixture's `APP_` variables.
 */
export function childEnv(spec: FixtureSpec | undefined): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: ENVIRONMENT,
  };
  if (!spec) return env;
  return { ...env, NODE_CONFIG_DIR: fixturePaths(spec.size).configDir, ...envVariables(spec) };
}
