/** The three Parameter Store types. */
export type SsmParameterType = 'String' | 'StringList' | 'SecureString';

/** One parameter as the test server stores it. */
export interface StoredParameter {
  readonly name: string;
  readonly type: SsmParameterType;
  /** The plain value (a SecureString's decrypted text). */
  readonly value: string;
  /** Starts at 1; every `put` of the same name adds one. */
  readonly version: number;
  /** The labels on this version (`LabelParameterVersion`); a label sits on one version of a parameter at a time. */
  readonly labels: readonly string[];
  /** When the version was written. */
  readonly lastModified: Date;
  readonly arn: string;
}

/** A parameter given to {@link SsmTestServerOptions.parameters}: a plain value is a `String`. */
export type SeedParameter = string | { readonly value: string; readonly type?: SsmParameterType };

/**
 * What the next requests should suffer:
 * - `throttle`: 400 `ThrottlingException` (the SDK retries it);
 * - `accessDenied`: 400 `AccessDeniedException` (not retried);
 * - `validation`: 400 `ValidationException` (not retried);
 * - `internalError`: 500 `InternalServerError` (retried);
 * - `html`: an HTML page instead of JSON, as a proxy or load balancer sends it (status 502 unless given);
 * - `hang`: never answer (until the client gives up or the server stops);
 * - `reset`: destroy the connection without answering;
 * - `emptyPage`: a `GetParametersByPath` page with no parameters but a `NextToken` that continues;
 * - `repeatToken`: a `GetParametersByPath` page that always carries the same `NextToken`, forever.
 */
export type SsmFaultKind =
  | 'throttle'
  | 'accessDenied'
  | 'validation'
  | 'internalError'
  | 'html'
  | 'hang'
  | 'reset'
  | 'emptyPage'
  | 'repeatToken';

/** Options of {@link SsmTestServer.fail}. */
export interface SsmFaultOptions {
  /** How many of the next requests suffer the fault. `Infinity` for all of them. @default 1 */
  times?: number;
  /** Only requests for this operation (`GetParametersByPath`, `GetParameters`) count and suffer. @default every operation */
  operation?: string;
  /** The HTTP status of an `html` fault. @default 502 */
  status?: number;
  /** The error message of a JSON error fault. @default a message like AWS's */
  message?: string;
}

/** One request the server received. */
export interface SsmRequestLogEntry {
  /** The `X-Amz-Target` header: `AmazonSSM.GetParametersByPath`. */
  readonly target: string;
  /** The operation: `GetParametersByPath`. */
  readonly operation: string;
  /** The parsed JSON body (`undefined` when it was not JSON). */
  readonly body: unknown;
  /** The `amz-sdk-request` header: `attempt=2; max=3`. */
  readonly sdkRequest: string | undefined;
  /** The attempt number read from `amz-sdk-request`, when present. */
  readonly attempt: number | undefined;
  /** The maximum attempts read from `amz-sdk-request`, when present. */
  readonly maxAttempts: number | undefined;
  /** An `Authorization` header was present (signatures are not verified). */
  readonly authorized: boolean;
  /** The access key id and region of the SigV4 `Credential=` scope, when signed. */
  readonly credentialScope: { readonly accessKeyId: string; readonly region: string } | undefined;
  /** An `X-Amz-Security-Token` (a session token) was sent. */
  readonly sessionToken: boolean;
  /** The fault applied to this request, if any. */
  readonly fault: SsmFaultKind | undefined;
  /** The HTTP status answered; `undefined` while hanging or after a reset. */
  status: number | undefined;
  /** When the request arrived (`Date.now()`). */
  readonly receivedAt: number;
}

/** Options of `startSsmTestServer`. */
export interface SsmTestServerOptions {
  /** Parameters to start with, by name. @default none */
  parameters?: Readonly<Record<string, SeedParameter>>;
  /** The region written into ARNs and {@link SsmTestServer.clientOptions}. @default 'us-east-1' */
  region?: string;
  /** The account id written into ARNs. @default '123456789012' */
  accountId?: string;
  /**
   * Answer `GetParametersByPath` with at most this many parameters a page, even when `MaxResults` allows
   * more (AWS may return fewer than asked). @default MaxResults
   */
  pageSize?: number;
}

/** The client settings that reach the test server: pass them as an `SSMClient`'s configuration. */
export interface SsmTestClientOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A running SSM test server. */
export interface SsmTestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** `{ endpoint, region, credentials }` for `new SSMClient(...)` or `ssmSource({ clientOptions })`. */
  readonly clientOptions: SsmTestClientOptions;
  /** Every request received, oldest first (a live array; see {@link SsmTestServer.clearLog}). */
  readonly requestLog: readonly SsmRequestLogEntry[];
  /** Create a parameter or add a version of it; returns the stored parameter. @param type default `String` (or the current type) */
  put(name: string, value: string, type?: SsmParameterType): StoredParameter;
  /** Delete a parameter; true when it existed. */
  delete(name: string): boolean;
  /** The current version of a parameter. */
  get(name: string): StoredParameter | undefined;
  /**
   * Put labels on a version (default: the current one), moving them off any other version of the parameter,
   * as `LabelParameterVersion` does. Returns false when the parameter or version does not exist.
   */
  label(name: string, labels: readonly string[], version?: number): boolean;
  /** Make the next requests fail (queued after faults already waiting). */
  fail(kind: SsmFaultKind, options?: SsmFaultOptions): void;
  /** Forget queued faults (requests already hanging keep hanging until `stop`). */
  clearFaults(): void;
  /** Empty the request log. */
  clearLog(): void;
  /** Resolve once the log holds at least `count` entries matching `filter`; reject after `timeoutMs` (default 10 s). */
  waitForRequests(
    count: number,
    options?: { filter?: (entry: SsmRequestLogEntry) => boolean; timeoutMs?: number },
  ): Promise<void>;
  /** Close the server and every open connection, hanging ones included. */
  stop(): Promise<void>;
}
