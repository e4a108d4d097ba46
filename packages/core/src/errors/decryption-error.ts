import { StrataError } from './strata-error.js';

/** An encrypted value could not be decrypted. Names the path and key id, never the plaintext or the key. */
export class DecryptionError extends StrataError {
  static override readonly errorCode = 'DECRYPTION_FAILED' as const;

  /** The configuration path of the value. */
  readonly path: string;
  /** The key id the envelope names, when it could be read. */
  readonly keyId: string | undefined;

  constructor(
    fields: { path: string; keyId?: string | undefined; reason: string; where?: string },
    options?: { cause?: unknown },
  ) {
    const where = fields.where ? ` (${fields.where})` : '';
    const key = fields.keyId === undefined ? '' : ` with key "${fields.keyId}"`;
    super('DECRYPTION_FAILED', `Cannot decrypt ${fields.path}${key}${where}: ${fields.reason}`, options);
    this.path = fields.path;
    this.keyId = fields.keyId;
  }
}
