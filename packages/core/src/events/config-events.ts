import type { ConfigValidationError } from '../errors/config-validation-error.js';
import type { StrataError } from '../errors/strata-error.js';
import type { ChangeReason } from '../models/source.js';
import type { Change } from '../snapshot/snapshot.js';

/** A new snapshot was swapped in. */
export interface ChangedEvent {
  readonly type: 'changed';
  readonly generation: number;
  readonly previousGeneration: number;
  /** Every changed value; secrets as `[redacted]`. */
  readonly diff: readonly Change[];
  /** What triggered the reload. */
  readonly reasons: readonly ChangeReason[];
}

/** A reload produced an invalid configuration (or a source could not be parsed); the last good snapshot stays. */
export interface RejectedEvent {
  readonly type: 'rejected';
  /** The generation still in effect. */
  readonly generation: number;
  /** The same error start-up would have thrown: a `ConfigValidationError`, a `ParseError`, a `DecryptionError`… */
  readonly error: ConfigValidationError | StrataError;
  readonly reasons: readonly ChangeReason[];
}

/** A change touched `@Reloadable(false)` values; they keep their old values until a restart. */
export interface RestartRequiredEvent {
  readonly type: 'restartRequired';
  readonly generation: number;
  readonly paths: readonly string[];
}

/** A source failed: at start-up (optional source), during a reload, or in background work (a poll, a renewal). */
export interface SourceFailedEvent {
  readonly type: 'sourceFailed';
  readonly source: string;
  readonly error: StrataError;
  /** The source will try again by itself (a poller); otherwise the next change or `reload()` will. */
  readonly willRetry: boolean;
}

/** A source that had failed works again. */
export interface SourceRecoveredEvent {
  readonly type: 'sourceRecovered';
  readonly source: string;
}

/** The events a configuration emits, by name. */
export interface ConfigEvents {
  changed: ChangedEvent;
  rejected: RejectedEvent;
  restartRequired: RestartRequiredEvent;
  sourceFailed: SourceFailedEvent;
  sourceRecovered: SourceRecoveredEvent;
}

/** Any configuration event. */
export type ConfigEvent = ConfigEvents[keyof ConfigEvents];
