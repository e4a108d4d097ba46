/** One version of a secret as the test server stores it. */
export interface StoredSecretVersion {
  readonly versionId: string;
  /** The text, for a secret stored as a string. */
  readonly secretString: string | undefined;
  /** The bytes, for a secret stored as binary. */
  readonly secretBinary: Uint8Array | undefined;
  /** Whole seconds, as AWS's epoch-seconds timestamps carry them. */
  readonly createdDate: Date;
  /** The staging labels on this version (`AWSCURRENT`, `AWSPREVIOUS`, custom ones). */
  readonly stages: readonly string[];
}

/** One secret: its name, ARN and versions. */
export interface StoredSecret {
  readonly name: string;
  /** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>`, as AWS makes them. */
  readonly arn: string;
  readonly versions: readonly StoredSecretVersion[];
  readonly lastChangedDate: Date;
}

/** A secret to start with: a text value (JSON or plain), or bytes. */
export type SeedSecret = string | { readonly binary: Uint8Array };

/**
 * What the next requests should suffer:
 * - `throttle`: 400 `ThrottlingException` (the SDK retries it);
 * - `accessDenied`: 400 `AccessDeniedException` (not retried);
 * - `decryptionFailure`: 400 `DecryptionFailure` (KMS refused; not retried);
 * - `internalError`: 500 `InternalServiceError` (retried);
 * - `hang`: never answer (until the client gives up or the server stops);
 * - `reset`: destroy the connection without answering.
 */
export type SecretsManagerFaultKind =
  | 'throttle'
  | 'accessDenied'
  | 'decryptionFailure'
  | 'internalError'
  | 'hang'
  | 'reset';

/** Options of {@link SecretsManagerTestServer.fail}. */
export interface SecretsManagerFaultOptions {
  /** How many of the next requests suffer the fault. `Infinity` for all of them. @default 1 */
  times?: number;
  /** Only requests for this operation (`GetSecretValue`, `DescribeSecret`, …) count and suffer. @default every operation */
  operation?: string;
}

/** One request the server received. */
export interface SecretsManagerRequestLogEntry {
  /** The operation: `GetSecretValue` (from `X-Amz-Target: secretsmanager.GetSecretValue`). */
  readonly operation: string;
  /** The parsed JSON body (`undefined` when it was not JSON). */
  readonly body: unknown;
  /** The attempt number read from the SDK's `amz-sdk-request` header. */
  readonly attempt: number | undefined;
  /** The fault applied to this request, if any. */
  readonly fault: SecretsManagerFaultKind | undefined;
  /** The HTTP status answered; `undefined` while hanging or after a reset. */
  status: number | undefined;
}

/** Options of `startSecretsManagerTestServer`. */
export interface SecretsManagerTestServerOptions {
  /** Secrets to start with, by name; each gets one version staged `AWSCURRENT`. @default none */
  secrets?: Readonly<Record<string, SeedSecret>>;
  /** The region written into ARNs and {@link SecretsManagerTestServer.clientOptions}. @default 'us-east-1' */
  region?: string;
  /** The account id written into ARNs. @default '123456789012' */
  accountId?: string;
}

/** A running Secrets Manager test server. */
export interface SecretsManagerTestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** `{ endpoint, region, credentials }` for `new SecretsManagerClient(...)`. */
  readonly clientOptions: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** Every request received, oldest first (a live array). */
  readonly requestLog: readonly SecretsManagerRequestLogEntry[];
  /** Create a secret (one version, `AWSCURRENT`); returns it. Throws when it exists. */
  create(name: string, value: SeedSecret): StoredSecret;
  /**
   * Rotate: add a version staged `AWSCURRENT`; the version that was current becomes `AWSPREVIOUS` (and the
   * one that was previous loses it), as `PutSecretValue` and a rotation do. Returns the new version.
   */
  rotate(name: string, value: SeedSecret): StoredSecretVersion;
  /** Move a staging label onto a version (`UpdateSecretVersionStage`); the label leaves any other version. */
  stage(name: string, stage: string, versionId: string): void;
  /** Delete a secret at once (as `DeleteSecret` with `ForceDeleteWithoutRecovery`); true when it existed. */
  delete(name: string): boolean;
  /** A secret by name. */
  get(name: string): StoredSecret | undefined;
  /** Make the next requests fail (queued after faults already waiting). */
  fail(kind: SecretsManagerFaultKind, options?: SecretsManagerFaultOptions): void;
  /** Forget queued faults. */
  clearFaults(): void;
  /** Empty the request log. */
  clearLog(): void;
  /** Close the server and every open connection, hanging ones included. */
  stop(): Promise<void>;
}
