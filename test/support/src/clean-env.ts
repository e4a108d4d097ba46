/**
 * Variables that choose the environment when nothing else does: `STRATA_ENV`, `APP_ENV`, `NODE_ENV` and the
 * continuous-integration markers (`CI`, `GITHUB_ACTIONS`, …) that make it `test`. Keep in step with core's
 * `detectEnvironment`.
 */
const environmentHints =
  /^(APP_|STRATA_|NODE_ENV$|CI$|GITHUB_ACTIONS$|GITLAB_CI$|BUILDKITE$|CIRCLECI$|TF_BUILD$|JENKINS_URL$)/;

/**
 * The environment of a clean shell for a child process: this process's variables without the `APP_*`,
 * `STRATA_*`, `NODE_ENV` and CI variables of the machine running the tests (on a CI runner `CI=true` would
 * make every child's environment `test`), without the names in `drop`, then `extra` on top.
 */
export function cleanEnv(
  extra: Readonly<Record<string, string>> = {},
  drop: readonly string[] = [],
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!environmentHints.test(key) && !drop.includes(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
