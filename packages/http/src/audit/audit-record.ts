/** What an audit record is about. */
export type AuditAction = 'source-change' | 'override' | 'override-expired' | 'rollback' | 'reload';

/** One changed value in an audit record; secret values are `[redacted]`. */
export interface AuditChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * One line of the audit trail: every change to the running configuration, applied or refused, whoever made
 * it. Values are redacted exactly as in `changed` events; error messages are core's (which never carry a
 * secret value).
 */
export interface AuditRecord {
  /** ISO time. */
  readonly time: string;
  /** A token's name for a change made through the API, else the source that changed (`file`, `vault:…`). */
  readonly actor: string;
  readonly action: AuditAction;
  /** The configuration paths concerned. */
  readonly paths: readonly string[];
  readonly changes: readonly AuditChange[];
  /** The generation in effect afterwards. */
  readonly generation: number;
  /** `applied` (a new generation), `unchanged`, or `rejected` (the last good configuration kept). */
  readonly result: 'applied' | 'unchanged' | 'rejected';
  /** The reasons core gave (`set log.level by ops-alice: incident 4312`). */
  readonly reasons: readonly string[];
  /** For a rejection: core's error code and message. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** Where audit records go: a JSON-lines file, the application's logger, or both. */
export interface AuditSink {
  write(record: AuditRecord): void;
  close?(): void;
}
