import type { Change, ChangeReason, ConfigEvent, Issue, Origin } from '@strata/core';
import { REDACTED, StrataError } from '@strata/core';
import { toJsonValue } from './to-json-value.js';
import type {
  TransportChange,
  TransportEnvelope,
  TransportError,
  TransportMessage,
} from './transport-message.js';
import { TRANSPORT_FORMAT } from './transport-message.js';

/** Who publishes: the envelope fields a message needs besides the event. */
export interface MessageSender {
  /** The publishing bridge's id. */
  readonly sender: string;
  readonly environment: string;
  /** The generation in effect, for events that carry none (`sourceFailed`, `sourceRecovered`). */
  readonly generation: number;
}

/**
 * The JSON-safe form of a configuration event. Secret values stay `[redacted]`; errors keep their code,
 * message and issues (already redacted by core) and lose their stack and cause, which may hold anything.
 */
export function toTransportMessage(event: ConfigEvent, from: MessageSender): TransportMessage {
  const envelope: TransportEnvelope = {
    format: TRANSPORT_FORMAT,
    sender: from.sender,
    environment: from.environment,
    sentAt: new Date().toISOString(),
  };
  switch (event.type) {
    case 'changed':
      return {
        ...envelope,
        type: 'changed',
        generation: event.generation,
        previousGeneration: event.previousGeneration,
        diff: event.diff.map(toTransportChange),
        reasons: event.reasons.map(toReason),
      };
    case 'rejected':
      return {
        ...envelope,
        type: 'rejected',
        generation: event.generation,
        error: toTransportError(event.error),
        reasons: event.reasons.map(toReason),
      };
    case 'restartRequired':
      return { ...envelope, type: 'restartRequired', generation: event.generation, paths: [...event.paths] };
    case 'sourceFailed':
      return {
        ...envelope,
        type: 'sourceFailed',
        generation: from.generation,
        source: event.source,
        error: toTransportError(event.error),
        willRetry: event.willRetry,
      };
    case 'sourceRecovered':
      return { ...envelope, type: 'sourceRecovered', generation: from.generation, source: event.source };
  }
}

/** One change in JSON form; a secret value is redacted again here, whatever the event held. */
export function toTransportChange(change: Change): TransportChange {
  const hide = (value: unknown): unknown =>
    change.secret && value !== undefined && value !== null ? REDACTED : value;
  const before = toJsonValue(hide(change.before));
  const after = toJsonValue(hide(change.after));
  return {
    path: change.path,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...(change.origin ? { origin: toOrigin(change.origin) } : {}),
    secret: change.secret,
  };
}

/** An error as `{ name, code, message, issues? }`. */
export function toTransportError(error: unknown): TransportError {
  if (!(error instanceof Error) && !StrataError.is(error)) {
    return { name: 'Error', code: 'UNKNOWN', message: String(error) };
  }
  const code = StrataError.is(error) ? error.code : 'UNKNOWN';
  const issues = (error as { issues?: unknown }).issues;
  return {
    name: error.name,
    code,
    message: error.message,
    ...(Array.isArray(issues) ? { issues: issues.map((issue: Issue) => toIssue(issue)) } : {}),
  };
}

function toIssue(issue: Issue): Issue {
  return {
    path: issue.path,
    message: issue.message,
    constraint: issue.constraint,
    severity: issue.severity,
    ...(issue.origin ? { origin: toOrigin(issue.origin) } : {}),
    ...(issue.value === undefined ? {} : { value: issue.value }),
    ...(issue.hint === undefined ? {} : { hint: issue.hint }),
  };
}

function toOrigin(origin: Origin): Origin {
  return {
    source: origin.source,
    locator: origin.locator,
    ...(origin.version === undefined ? {} : { version: origin.version }),
    ...(origin.secret === undefined ? {} : { secret: origin.secret }),
    ...(origin.encrypted === undefined ? {} : { encrypted: origin.encrypted }),
  };
}

function toReason(reason: ChangeReason): ChangeReason {
  return { source: reason.source, detail: reason.detail };
}
