import { DecryptionError } from '../errors/decryption-error.js';
import { isValidKeyId, KEY_ID_PATTERN } from './key-id.js';

/** Every encrypted value starts with this. */
export const ENVELOPE_PREFIX = 'enc:';
/** The envelope version this code writes and reads. */
export const ENVELOPE_VERSION = 'v1';
/** AES-GCM nonce length: 96 bits, random per value. */
export const IV_LENGTH = 12;
/** AES-GCM authentication tag length: 128 bits. */
export const TAG_LENGTH = 16;
/** The smallest valid payload: IV, a one-byte plaintext (the type tag of an empty string) and the tag. */
const MIN_PAYLOAD = IV_LENGTH + 1 + TAG_LENGTH;

const base64url = /^[A-Za-z0-9_-]+$/;

/** An envelope split into its parts; nothing here is secret. */
export interface ParsedEnvelope {
  /** The id of the key the value was encrypted with. */
  readonly keyId: string;
  /** The 12-byte AES-GCM nonce. */
  readonly iv: Buffer;
  /** The encrypted plaintext (type tag and value), as long as the plaintext. */
  readonly ciphertext: Buffer;
  /** The 16-byte AES-GCM authentication tag. */
  readonly tag: Buffer;
}

/** Options of {@link parseEnvelope}. */
export interface ParseEnvelopeOptions {
  /** The envelope text. */
  envelope: string;
  /** The value's configuration path, for error messages. */
  path: string;
  /** Where the value came from (`file config/production.yaml:12:7`), for error messages. */
  where?: string;
}

/**
 * True when `text` is an encrypted value (a string starting with `enc:`). A cheap check: the envelope is
 * only validated when it is decrypted or parsed.
 */
export function isEnvelope(text: unknown): text is string {
  return typeof text === 'string' && text.startsWith(ENVELOPE_PREFIX);
}

// `enc`, a colon and a version, in any case and with any spacing around: what a person would take for one.
const envelopeLookalike = /^\s*enc\s*:\s*v\d/i;

/**
 * True when `text` looks like an encrypted value but is not written as one: ` enc:v1:…` (leading space),
 * `ENC:V1:…`, `enc: v1:…`. Such a value must be refused, not loaded as plain text: it would otherwise
 * become, say, the password itself.
 */
export function isEnvelopeLookalike(text: unknown): text is string {
  return typeof text === 'string' && !isEnvelope(text) && envelopeLookalike.test(text);
}

/**
 * Split `enc:v1:<keyId>:<base64url(iv | ciphertext | tag)>` into its parts without decrypting, for
 * example to list which key each value of a file uses.
 *
 * @throws DecryptionError for a malformed envelope: wrong prefix, unsupported version, invalid key id,
 *   data that is not canonical unpadded base64url, or data shorter than 29 bytes. The message never
 *   repeats the envelope's data.
 */
export function parseEnvelope(options: ParseEnvelopeOptions): ParsedEnvelope {
  const { envelope, path } = options;
  const fail = (reason: string, keyId?: string): never => {
    throw new DecryptionError({
      path,
      keyId,
      reason: `malformed envelope: ${reason}`,
      ...optionalWhere(options),
    });
  };
  if (!envelope.startsWith(ENVELOPE_PREFIX)) return fail('it does not start with "enc:"');
  const parts = envelope.slice(ENVELOPE_PREFIX.length).split(':');
  const [version, keyId, data] = parts;
  if (version !== ENVELOPE_VERSION) {
    const shown = version !== undefined && /^v\d{1,6}$/.test(version) ? ` "${version}"` : '';
    return fail(
      `unsupported version${shown}; this Strata reads ${ENVELOPE_VERSION} (enc:${ENVELOPE_VERSION}:<keyId>:<data>), upgrade @strata/core if the value was written by a newer one`,
    );
  }
  if (parts.length !== 3 || keyId === undefined || data === undefined) {
    return fail(`expected enc:${ENVELOPE_VERSION}:<keyId>:<base64url data>`);
  }
  if (!isValidKeyId(keyId)) return fail(`the key id is not valid (it must match ${KEY_ID_PATTERN.source})`);
  if (!base64url.test(data)) {
    return fail('the data is not base64url (A-Z a-z 0-9 - _, no padding, no whitespace)', keyId);
  }
  const payload = Buffer.from(data, 'base64url');
  if (payload.length < MIN_PAYLOAD) {
    return fail(
      `the data is ${payload.length} bytes, shorter than the ${MIN_PAYLOAD}-byte minimum (truncated?)`,
      keyId,
    );
  }
  if (payload.toString('base64url') !== data) {
    return fail('the data is not canonical base64url (was it truncated or edited?)', keyId);
  }
  return {
    keyId,
    iv: payload.subarray(0, IV_LENGTH),
    ciphertext: payload.subarray(IV_LENGTH, payload.length - TAG_LENGTH),
    tag: payload.subarray(payload.length - TAG_LENGTH),
  };
}

/** `enc:v1:<keyId>:<base64url(iv | ciphertext | tag)>`. */
export function formatEnvelope(keyId: string, iv: Buffer, ciphertext: Buffer, tag: Buffer): string {
  const payload = Buffer.concat([iv, ciphertext, tag]);
  return `${ENVELOPE_PREFIX}${ENVELOPE_VERSION}:${keyId}:${payload.toString('base64url')}`;
}

/** `{ where }` when given, else nothing (for exactOptionalPropertyTypes). */
export function optionalWhere(options: { where?: string }): { where?: string } {
  return options.where === undefined ? {} : { where: options.where };
}
