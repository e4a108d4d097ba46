import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { EnvironmentSource } from '../models/environment-source.js';

/** Where Kubernetes mounts the pod's namespace (the service account's token directory). */
export const KUBERNETES_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** Continuous-integration variables, after `CI` itself, that mean "running in CI". */
const ciVariables = ['GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'CIRCLECI', 'TF_BUILD', 'JENKINS_URL'];

/** Options of {@link detectEnvironment}. */
export interface DetectEnvironmentOptions {
  /** `loadConfig`'s `environment` option or the CLI's `--env`. */
  readonly option?: string | undefined;
  /** The definition's `environment`. */
  readonly definition?: string | undefined;
  /** The variables to read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The Kubernetes namespace file, or `false` not to look. @default KUBERNETES_NAMESPACE_FILE
   */
  readonly kubernetesNamespaceFile?: string | false | undefined;
}

/** The environment name and which input decided it. */
export interface DetectedEnvironment {
  readonly name: string;
  readonly source: EnvironmentSource;
}

/**
 * The environment name, from the first of, in order: the explicit option, the definition's `environment`,
 * `STRATA_ENV`, `APP_ENV`, `NODE_ENV`, the Kubernetes namespace file (a pod's namespace is often its
 * environment: `staging`, `production`), continuous-integration variables (`CI=true`, `GITHUB_ACTIONS`, …:
 * `test`), else `development`. Empty values are skipped. Says which input decided, for
 * `config.environmentSource` and `strata explain --env-source`.
 */
export function detectEnvironment(options: DetectEnvironmentOptions): DetectedEnvironment {
  const { env } = options;
  const pick = (value: string | undefined, source: EnvironmentSource): DetectedEnvironment | undefined => {
    const name = nonEmpty(value);
    return name === undefined ? undefined : { name, source };
  };
  return (
    pick(options.option, { kind: 'option', detail: 'the environment option' }) ??
    pick(options.definition, { kind: 'definition', detail: 'the definition' }) ??
    pick(env.STRATA_ENV, { kind: 'STRATA_ENV', detail: 'STRATA_ENV' }) ??
    pick(env.APP_ENV, { kind: 'APP_ENV', detail: 'APP_ENV' }) ??
    pick(env.NODE_ENV, { kind: 'NODE_ENV', detail: 'NODE_ENV' }) ??
    kubernetes(options.kubernetesNamespaceFile ?? KUBERNETES_NAMESPACE_FILE) ??
    ci(env) ?? { name: 'development', source: { kind: 'default', detail: 'nothing set it' } }
  );
}

/** The environment name: {@link detectEnvironment}'s, for an explicit name (or none) and the variables. */
export function resolveEnvironment(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return detectEnvironment({ option: explicit, env }).name;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function ci(env: Readonly<Record<string, string | undefined>>): DetectedEnvironment | undefined {
  const flag = nonEmpty(env.CI)?.toLowerCase();
  if (flag !== undefined && flag !== 'false' && flag !== '0') {
    return { name: 'test', source: { kind: 'ci', detail: `CI=${flag}` } };
  }
  const found = ciVariables.find((name) => nonEmpty(env[name]) !== undefined);
  return found === undefined ? undefined : { name: 'test', source: { kind: 'ci', detail: found } };
}

/** Namespaces are DNS labels: at most 63 characters. More is not a namespace file; read no further. */
const maxNamespaceBytes = 256;

/**
 * The namespace in the file, when it is a regular file holding a DNS label. Read synchronously (environment
 * names are decided before anything else, and the CLI needs them without a load) and bounded: a link to a
 * device or a FIFO is ignored rather than read.
 */
function kubernetes(file: string | false): DetectedEnvironment | undefined {
  if (file === false) return undefined;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(maxNamespaceBytes);
    const read = readSync(fd, buffer, 0, maxNamespaceBytes, 0);
    const name = buffer.subarray(0, read).toString('utf8').trim();
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) return undefined;
    return { name, source: { kind: 'kubernetes', detail: file } };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
