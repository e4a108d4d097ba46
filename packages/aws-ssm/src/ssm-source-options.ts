import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import type { BackoffPolicy } from '@strata/core/source';

/**
 * How long to wait before retrying a failed poll: exponential, capped, with full jitter (a random wait
 * between 0 and the capped delay). The same policy as every Strata poller: core's `BackoffPolicy`.
 */
export type SsmBackoffOptions = BackoffPolicy;

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
   * @default {} (the SDK's default region and credential chain)
   */
  clientOptions?: SSMClientConfig;
  /**
   * The longest one request may take, the SDK's retries of it included. The SDK has no timeout of its own,
   * so a hung endpoint would otherwise stall start-up forever. `0` disables it.
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
  /** A dotted configuration path to nest every value under. @example 'database' */
  into?: string;
  /** The source's name, unique within one configuration. @default `aws-ssm:<path>` (or `aws-ssm:<names>`) */
  name?: string;
}
