/**
 * `@strata/core/secrets` — the primitives behind encrypted values: keyrings and their keys, `enc:v1:`
 * envelopes, encryption and re-encryption, and the MACs that bind a file's encrypted values together. An
 * application does not need them to load encrypted files (`loadConfig` reads the keyring itself); tools that
 * encrypt, rotate or verify do (the `strata secrets` commands are built on them). docs/secrets.md describes the
 * format.
 */
export type { SecretValue } from '../secrets/typed-plaintext.js';
export { KEY_ID_PATTERN } from '../secrets/key-id.js';
export { KeyringKey } from '../secrets/keyring-key.js';
export { Keyring } from '../secrets/keyring.js';
export type { ParseKeyringOptions } from '../secrets/parse-keyring.js';
export { parseKeyring } from '../secrets/parse-keyring.js';
export type { LoadKeyringOptions } from '../secrets/load-keyring.js';
export { loadKeyring } from '../secrets/load-keyring.js';
export type { GeneratedKey } from '../secrets/generate-key.js';
export { generateKey } from '../secrets/generate-key.js';
export type { ParsedEnvelope, ParseEnvelopeOptions } from '../secrets/envelope.js';
export { ENVELOPE_PREFIX, isEnvelope, parseEnvelope } from '../secrets/envelope.js';
export type { EncryptValueOptions } from '../secrets/encrypt-value.js';
export { encryptValue } from '../secrets/encrypt-value.js';
export type { DecryptValueOptions } from '../secrets/decrypt-value.js';
export { decryptValue } from '../secrets/decrypt-value.js';
export type { ReencryptValueOptions } from '../secrets/reencrypt-value.js';
export { reencryptValue } from '../secrets/reencrypt-value.js';
export type { ComputeFileMacOptions, FileMacEntry, VerifyFileMacOptions } from '../secrets/file-mac.js';
export { computeFileMac, verifyFileMac } from '../secrets/file-mac.js';
export type { FoundEnvelope } from '../secrets/find-envelopes.js';
export { findEnvelopes } from '../secrets/find-envelopes.js';
export { canonicalSecretPath } from '../secrets/secret-path.js';
export { FILE_MAC_KEY, verifyLayerMacs } from '../secrets/verify-layer-macs.js';
