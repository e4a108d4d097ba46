import type { Keyring } from '@strata/core/secrets';
import { isTransportMessage } from '@strata/events';
import type { DropReason } from '../models/drop-reason.js';
import { FLEET_FORMAT, type FleetBody, type FleetEnvelope } from '../models/fleet-message.js';
import { fleetKeyById } from './fleet-keys.js';
import { verifyMac, WIRE_VERSION } from './sign-message.js';

/** Bounds on what is read from the stream before anything is parsed. */
export interface MessageLimits {
  /** The largest entry, all field names and values together, in bytes. */
  readonly maxMessageBytes: number;
}

/** A stream entry that authenticated and has the shape of a fleet message, or why it was dropped. */
export type DecodedMessage =
  | { readonly ok: true; readonly envelope: FleetEnvelope }
  | { readonly ok: false; readonly reason: DropReason; readonly detail: string };

const FIELDS = ['v', 'k', 'm', 's'] as const;
const NONCE = /^[0-9a-f]{32}$/;
const MAC = /^[0-9a-f]{64}$/;

/**
 * Check one stream entry, cheapest test first: size and field count (before any work), the MAC (before any
 * parsing: nothing an outsider writes is ever parsed), then the envelope's shape. Never throws.
 */
export function decodeMessage(
  fields: Readonly<Record<string, unknown>>,
  keyring: Keyring,
  limits: MessageLimits,
): DecodedMessage {
  const names = Object.keys(fields);
  let size = 0;
  for (const name of names) {
    const value = fields[name];
    size += name.length + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (names.length > FIELDS.length || size > limits.maxMessageBytes) {
    return drop(
      'oversized',
      `${names.length} fields, ${size} bytes (limits: 4 fields, ${limits.maxMessageBytes} bytes)`,
    );
  }
  const [v, k, m, s] = FIELDS.map((name) => (Object.hasOwn(fields, name) ? fields[name] : undefined));
  if (typeof v !== 'string' || typeof k !== 'string' || typeof m !== 'string' || typeof s !== 'string') {
    return drop('unauthenticated', 'not a signed fleet message (fields v, k, m, s expected)');
  }
  if (v !== WIRE_VERSION)
    return drop('malformed', `wire version ${JSON.stringify(v.slice(0, 16))} is not ${WIRE_VERSION}`);
  const key = fleetKeyById(keyring, k);
  if (!key)
    return drop('unauthenticated', `signed with key "${k.slice(0, 64)}", which the keyring does not hold`);
  if (!MAC.test(s) || !verifyMac(key, v, m, s)) return drop('unauthenticated', 'the MAC does not match');
  let parsed: unknown;
  try {
    parsed = JSON.parse(m);
  } catch {
    return drop('malformed', 'the signed text is not JSON');
  }
  const problem = envelopeProblem(parsed);
  if (problem) return drop('malformed', problem);
  return { ok: true, envelope: parsed as FleetEnvelope };
}

function drop(reason: DropReason, detail: string): DecodedMessage {
  return { ok: false, reason, detail };
}

/** What is wrong with the envelope's shape, or undefined. */
function envelopeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the envelope is not an object';
  if (value.format !== FLEET_FORMAT) return `the format is not ${FLEET_FORMAT}`;
  if (typeof value.fleet !== 'string') return 'fleet is not a string';
  if (typeof value.id !== 'string' || !NONCE.test(value.id)) return 'id is not a 128-bit hex nonce';
  if (typeof value.sender !== 'string' || value.sender.length > 256) return 'sender is not a short string';
  if (!Number.isSafeInteger(value.generation)) return 'generation is not an integer';
  if (!Number.isSafeInteger(value.sentAt)) return 'sentAt is not a time';
  return bodyProblem(value.body);
}

function bodyProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'body is not an object';
  const kind = (body as { kind?: unknown }).kind;
  switch (kind as FleetBody['kind']) {
    case 'notice':
      return typeof body.source === 'string' && isStrings(body.versions)
        ? undefined
        : 'a notice needs source and versions';
    case 'layer':
      return typeof body.source === 'string' &&
        isStrings(body.versions) &&
        Number.isSafeInteger(body.fence) &&
        typeof body.keyId === 'string' &&
        typeof body.sealed === 'string'
        ? undefined
        : 'a layer needs source, versions, fence, keyId and sealed';
    case 'refresh':
      return body.source === undefined || typeof body.source === 'string'
        ? undefined
        : 'a refresh source is not a string';
    case 'event':
      return isTransportMessage(body.event) ? undefined : 'an event is not a Strata configuration event';
    default:
      return 'unknown body kind';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 10_000 && value.every((item) => typeof item === 'string');
}
