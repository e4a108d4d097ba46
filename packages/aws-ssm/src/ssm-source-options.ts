import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import type { BackoffPolicy } from '@strata/core/source';

/**
 * How long to wait before retrying a failed poll: exponential, capped, with full jitter (a random wait
 * between 0 and the capped delay). The same policy as every Strata poller: core's `BackoffPolicy`.
 */
export type SsmBackoffOptions = BackoffPolicy;

/** What {@link SsmSourceOptions.leafAndBranch} does with a parameter that is also the parent of others. */
export type SsmLeafAndBranch = 'error' | 'branch-wins';

/** Options of {@link ssmSource}. Give `path`, or `names`, or both (then names may be relative to the path). */
export interface SsmSourceOptions {
  /**
   * The parameter hierarchy to read with `GetParametersByPath`, starting with `/`. `{env}` is replaced by
   * the environment name. Each parameter's name minus this prefix, split on `/`, is its configuration path.
   * With `names`, it is only the prefix stripped from the names.
   * @example '/app/{env}/'
   */
  path?: string;
  /**
   * Read exactly these parameters with `GetParameters` (10 a request) instead of a whole hierarchy.
   * `{env}` is replaced by the environment name; a name without a leading `/` is relative to `path`.
   * A full parameter ARN (`arn:aws:ssm:<region>:<account>:parameter/shared/db/password`, the only way to
   * read a parameter shared from another account) is sent as it is; its key is its name relative to `path`
   * when it lies under it, else the last part of its name (`password`), nested under `into`.
   * A name that does not exist is an error unless `optional` is true.
   * @example ['/app/{env}/database/password', 'database/host']
   */
  names?: readonly string[];
  /** Read the whole hierarchy under `path`, not only its direct children. @default true */
  recursive?: boolean;
  /** Ask SSM to decrypt SecureString values (needs `kms:Decrypt`). Without it they arrive as ciphertext. @default true */
  withDecryption?: boolean;
  /** An `SSMClient` you built. It is never destroyed by the source. @default one built from `clientOptions` */
  client?: SSMClient;
  /**
   * Configuration for the `SSMClient` the source builds (region, endpoint, credentials, maxAttempts,
   * retryStrategy, …). The source destroys that client on `dispose()`. Give `client` or `clientOptions`, not both.
   * What is not given here is taken from the configuration's environment (`SourceContext.env`, which is
   * `process.env` unless the application passes its own): region from `AWS_REGION` / `AWS_DEFAULT_REGION`,
   * credentials from `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), endpoint from
   * `AWS_ENDPOINT_URL_SSM` / `AWS_ENDPOINT_URL`; then the SDK's own chain (profiles, instance and task roles).
   * @default {}
   */
  clientOptions?: SSMClientConfig;
  /**
   * The longest one attempt of a request may take. The SDK has no timeout of its own, so a hung endpoint
   * would otherwise stall start-up forever. A timed-out attempt is retried like a network error. The whole
   * request, retries included, gets `requestTimeoutMs × maxAttempts` plus the SDK's largest retry delays
   * (see docs/aws-ssm.md), so raising `maxAttempts` under throttling gives the retries room instead of
   * running into the timeout. `0` disables both.
   * @default 5000
   */
  requestTimeoutMs?: number;
  /** The most `GetParametersByPath` pages to read (10 parameters a page) before failing. @default 100 */
  maxPages?: number;
  /** How often `watch` re-reads the parameters, with ±10% jitter. `0` disables polling. @default 60000 */
  pollIntervalMs?: number;
  /** The delays between retries of failed polls. @default { initialDelayMs: 1000, maxDelayMs: 300000, multiplier: 2 } */
  backoff?: SsmBackoffOptions;
  /**
   * Start without this source when it fails at start-up, and accept `names` that do not exist (with a
   * warning) instead of failing.
   * @default false
   */
  optional?: boolean;
  /** Mark every SecureString value as secret in its origin, so it is redacted even without `@Secret()`. @default true */
  secureStringsAreSecret?: boolean;
  /**
   * What to do when a parameter is also the parent of others (`/app/prod/database` next to
   * `/app/prod/database/host`): a key cannot be a value and an object at once.
   * - `'error'`: fail the load, naming both parameters;
   * - `'branch-wins'`: keep the parameters under it and drop the lone one, with a warning naming it.
   * @default 'error'
   */
  leafAndBranch?: SsmLeafAndBranch;
  /** A dotted configuration path to nest every value under. @example 'database' */
  into?: string;
  /** The source's name, unique within one configuration. @default `aws-ssm:<path>` (or `aws-ssm:<names>`) */
  name?: string;
}
