/**
 * @strata/core — typed, layered, validated, live configuration.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
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
export { ParseError, excerptAt } from './errors/parse-error.js';
export { DecryptionError } from './errors/decryption-error.js';
export { UnsafeKeyError } from './errors/unsafe-key-error.js';
export { ConfigValidationError, formatIssue } from './errors/config-validation-error.js';

export type { LayerBuilderOptions } from './layer/layer-builder.js';
export { LayerBuilder, isPlainObject, layerFromTree } from './layer/layer-builder.js';
export { isUnsafeSegment } from './layer/unsafe-segment.js';

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
