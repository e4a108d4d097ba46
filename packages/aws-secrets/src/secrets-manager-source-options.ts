import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import type { BackoffPolicy, InputLimits } from '@strata/core/source';

/** How a secret's text becomes configuration values. */
export type SecretFormat = 'auto' | 'json' | 'text';

/** One secret to read: its id alone, or with where to put it and which version to read. */
export interface SecretSpec {
  /** The secret's name or ARN. `{env}` is replaced by the environment name. @example 'app/{env}/database' */
  id: string;
  /**
   * A dotted configuration path. A JSON secret's keys go under it (default: the top level); a text secret
   * is the value at it (default: the last `/`-separated part of the secret's name).
   * @example 'database'
   */
  key?: string;
  /** The staging label to read: `AWSCURRENT`, `AWSPREVIOUS` or a custom one. @default 'AWSCURRENT' */
  stage?: string;
  /** Read exactly this version instead of a stage (it never changes, so it is never re-read). */
  versionId?: string;
  /**
   * `json`: the text must be a JSON object, expanded into keys; `text`: one value, whatever it holds;
   * `auto`: a text starting with `{` must be a JSON object (a broken one is an error, not a plain value),
   * anything else is one value.
   * @default 'auto'
   */
  format?: SecretFormat;
}

/** Options of {@link secretsManagerSource}. */
export interface SecretsManagerSourceOptions {
  /** The secrets to read, later ones winning over earlier ones where their keys meet. */
  secrets: ReadonlyArray<string | SecretSpec>;
  /** A `SecretsManagerClient` you built. It is never destroyed by the source. @default one built from `clientOptions` */
  client?: SecretsManagerClient;
  /**
   * Configuration for the client the source builds (region, endpoint, credentials, maxAttempts, …); it is
   * destroyed on `dispose()`. What is not given is taken from the configuration's environment
   * (`SourceContext.env`): `AWS_REGION` / `AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`
   * (+ `AWS_SESSION_TOKEN`), `AWS_ENDPOINT_URL_SECRETS_MANAGER` / `AWS_ENDPOINT_URL`; then the SDK's own chain.
   * @default {}
   */
  clientOptions?: SecretsManagerClientConfig;
  /**
   * The longest one attempt of a request may take (the SDK retries a timed-out attempt). The whole request
   * gets this times `maxAttempts` plus the SDK's retry delays. `0` disables both.
   * @default 5000
   */
  requestTimeoutMs?: number;
  /**
   * Read secrets that use `AWSCURRENT` with `BatchGetSecretValue`, 20 a request, instead of one
   * `GetSecretValue` each (needs `secretsmanager:BatchGetSecretValue` besides `GetSecretValue`).
   * @default true when two or more secrets are read at AWSCURRENT
   */
  batch?: boolean;
  /**
   * How often `watch` checks for new versions, with ±10% jitter: one `DescribeSecret` per secret, which
   * returns version ids and never values; values are read again only when a version id moved. `0` disables.
   * @default 60000
   */
  pollIntervalMs?: number;
  /** The delays between retries of failed polls. @default core's DEFAULT_BACKOFF */
  backoff?: BackoffPolicy;
  /** Start without this source when it fails at start-up, and go on without secrets that do not exist. @default false */
  optional?: boolean;
  /** Bounds on each secret's JSON (bytes, keys, nesting, string length). @default core's defaultInputLimits */
  limits?: Partial<InputLimits>;
  /** A dotted configuration path to nest every value under. @example 'secrets' */
  into?: string;
  /** The source's name, unique within one configuration. @default `aws-secrets:<ids>` */
  name?: string;
}
