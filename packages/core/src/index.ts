/**
 * @strata/core — typed, layered, validated, live configuration.
 *
 * Everything public is listed here, except the validation rules: class-validator's decorators have their own
 * entry, `@strata/core/rules` (`src/rules/index.ts`), so that importing this one does not load them. Anything
 * exported from neither file is private.
 */
import 'reflect-metadata';

export type { Origin } from './models/origin.js';
export { formatOrigin } from './models/origin.js';
export type { Layer, LayerEntry, LeafValue } from './models/layer.js';
export type { Logger } from './models/logger.js';
export { silentLogger } from './models/logger.js';
export type {
  ChangeReason,
  ConfigSource,
  Disposable,
  SourceContext,
  SourceSignals,
} from './models/source.js';
export type { Issue, IssueSeverity } from './models/issue.js';

export type { StrataErrorCode } from './errors/strata-error.js';
export { StrataError } from './errors/strata-error.js';
export { SourceError } from './errors/source-error.js';
export { ParseError } from './errors/parse-error.js';
export { excerptAt, maskValue } from './errors/excerpt.js';
export { DecryptionError } from './errors/decryption-error.js';
export { UnsafeKeyError } from './errors/unsafe-key-error.js';
export { ConfigValidationError, formatIssue } from './errors/config-validation-error.js';

export type { LayerBuilderOptions } from './layer/layer-builder.js';
export { LayerBuilder, isPlainObject, layerFromTree } from './layer/layer-builder.js';
export { isUnsafeSegment } from './layer/unsafe-segment.js';
export type { InputLimits } from './layer/input-limits.js';
export { defaultInputLimits, resolveInputLimits } from './layer/input-limits.js';
export { InputLimitError } from './errors/input-limit-error.js';
export { InputShapeCounter } from './layer/input-shape-counter.js';
export type { InputFile, ReadInputFileOptions } from './layer/read-input-file.js';
export { readInputFile } from './layer/read-input-file.js';
export { decodeInputText } from './layer/decode-input-text.js';

export type {
  ConstraintInfo,
  Constructor,
  DeprecationInfo,
  FieldSchema,
  FieldType,
  ObjectSchema,
  SchemaModel,
  SecretSourceKind,
  SectionSchema,
} from './schema/schema-model.js';

export type { SecretOptions } from './schema/decorators.js';
export { Deprecated, Description, Env, Reloadable, Secret, Section } from './schema/decorators.js';
export { readSchema } from './schema/read-schema.js';

export type { Change, Explanation, ExplainedCandidate } from './snapshot/snapshot.js';
export { Snapshot } from './snapshot/snapshot.js';
export { REDACTED, formatValue } from './pipeline/format-value.js';
export { foldName } from './pipeline/fold-name.js';
export { didYouMean } from './pipeline/did-you-mean.js';
export type { CoercionTarget, Coerced } from './pipeline/coerce-value.js';
export type { UnsafeJsonKey } from './pipeline/parse-json-text.js';
export { coerceValue } from './pipeline/coerce-value.js';

export type { ConfigDefinition, LoadOptions, SourceSetup } from './config/config-definition.js';
export { defineConfig } from './config/config-definition.js';
export type { HistoryEntry, ReloadResult } from './config/config.js';
export { Config, describeInputs, loadConfig } from './config/config.js';
export { resolveEnvironment } from './config/resolve-environment.js';
export type {
  ChangedEvent,
  ConfigEvent,
  ConfigEvents,
  RejectedEvent,
  RestartRequiredEvent,
  SourceFailedEvent,
  SourceRecoveredEvent,
} from './events/config-events.js';

export type { OverlayOptions } from './di/strata-module.js';
export { overlayModule, strataModule } from './di/strata-module.js';
export { STRATA_CONFIG, STRATA_SNAPSHOT } from './di/identifiers.js';
export { configurationClasses } from './di/configuration-classes.js';

export type { ConfigTree, Migration } from './migrate/migration.js';
export type { MigratedTree } from './migrate/migrate-tree.js';
export { migrateTree } from './migrate/migrate-tree.js';
export { CONFIG_VERSION_KEY } from './migrate/migrate-layer.js';

export type { SecretValue } from './secrets/typed-plaintext.js';
export { KEY_ID_PATTERN } from './secrets/key-id.js';
export { KEY_LENGTH, KeyringKey } from './secrets/keyring-key.js';
export { Keyring } from './secrets/keyring.js';
export type { ParseKeyringOptions } from './secrets/parse-keyring.js';
export { parseKeyring } from './secrets/parse-keyring.js';
export type { LoadKeyringOptions } from './secrets/load-keyring.js';
export { loadKeyring } from './secrets/load-keyring.js';
export type { GeneratedKey } from './secrets/generate-key.js';
export { generateKey } from './secrets/generate-key.js';
export type { ParsedEnvelope, ParseEnvelopeOptions } from './secrets/envelope.js';
export { ENVELOPE_PREFIX, isEnvelope, parseEnvelope } from './secrets/envelope.js';
export type { EncryptValueOptions } from './secrets/encrypt-value.js';
export { encryptValue } from './secrets/encrypt-value.js';
export type { DecryptValueOptions } from './secrets/decrypt-value.js';
export { decryptValue } from './secrets/decrypt-value.js';
export type { ReencryptValueOptions } from './secrets/reencrypt-value.js';
export { reencryptValue } from './secrets/reencrypt-value.js';
export type { ComputeFileMacOptions, FileMacEntry, VerifyFileMacOptions } from './secrets/file-mac.js';
export { computeFileMac, verifyFileMac } from './secrets/file-mac.js';
export type { FoundEnvelope } from './secrets/find-envelopes.js';
export { findEnvelopes } from './secrets/find-envelopes.js';
export { canonicalSecretPath } from './secrets/secret-path.js';
export { FILE_MAC_KEY, verifyLayerMacs } from './secrets/verify-layer-macs.js';
