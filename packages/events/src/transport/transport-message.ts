import type { ChangeReason, Issue, Origin } from '@strata/core';

/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The format tag of every message; a receiver ignores messages of a format it does not know. */
export const TRANSPORT_FORMAT = 'strata.config-event/1';

/** What every transport message carries, whatever its event. */
export interface TransportEnvelope {
  readonly format: typeof TRANSPORT_FORMAT;
  /** The publishing bridge's `instanceId` (host, process id and a random part by default). */
  readonly sender: string;
  /** The publishing configuration's environment name. */
  readonly environment: string;
  /** When the message was published, ISO 8601. */
  readonly sentAt: string;
}

/**
 * One changed value. `before`/`after` are absent when unset; secret values are `[redacted]` (they already
 * are in the event, and the conversion redacts again when `secret` is set). Dates are ISO strings, bigints
 * decimal strings.
 */
export interface TransportChange {
  readonly path: string;
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly origin?: Origin;
  readonly secret: boolean;
}

/** An error in JSON form: the code to branch on, the (already redacted) message and, for validation, the issues. */
export interface TransportError {
  readonly name: string;
  /** A `StrataErrorCode`, or `UNKNOWN` for an error that is not a Strata error. */
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly Issue[];
}

/** `changed` in transport form. */
export interface ChangedMessage extends TransportEnvelope {
  readonly type: 'changed';
  readonly generation: number;
  readonly previousGeneration: number;
  readonly diff: readonly TransportChange[];
  readonly reasons: readonly ChangeReason[];
}

/** `rejected` in transport form. */
export interface RejectedMessage extends TransportEnvelope {
  readonly type: 'rejected';
  /** The generation still in effect. */
  readonly generation: number;
  readonly error: TransportError;
  readonly reasons: readonly ChangeReason[];
}

/** `restartRequired` in transport form. */
export interface RestartRequiredMessage extends TransportEnvelope {
  readonly type: 'restartRequired';
  readonly generation: number;
  readonly paths: readonly string[];
}

/** `sourceFailed` in transport form. */
export interface SourceFailedMessage extends TransportEnvelope {
  readonly type: 'sourceFailed';
  /** The generation in effect when the source failed. */
  readonly generation: number;
  readonly source: string;
  readonly error: TransportError;
  readonly willRetry: boolean;
}

/** `sourceRecovered` in transport form. */
export interface SourceRecoveredMessage extends TransportEnvelope {
  readonly type: 'sourceRecovered';
  /** The generation in effect when the source recovered. */
  readonly generation: number;
  readonly source: string;
}

/** A configuration event in a JSON-safe form, for carrying between processes. Discriminated by `type`. */
export type TransportMessage =
  | ChangedMessage
  | RejectedMessage
  | RestartRequiredMessage
  | SourceFailedMessage
  | SourceRecoveredMessage;
