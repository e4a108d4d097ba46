/**
 * @strata/core — typed, layered, validated, live configuration. This entry is the application author's API:
 * decorators, `loadConfig`, `Config` and `Snapshot`, runtime overrides, errors, events, the inversify module and migrations.
 *
 * Other audiences have entries of their own, so that each sees only what it needs (as vitest splits
 * `vitest`, `vitest/node` and `vitest/config`):
 *
 * - `@strata/core/rules` — class-validator's decorators, each loaded on first use (`src/rules/index.ts`);
 * - `@strata/core/source` — the kit for writing a source or a package that extends Strata: building layers,
 *   excerpts and suggestions for messages, the polling kit (`src/entries/source.ts`);
 * - `@strata/core/secrets` — keyrings, envelopes and file MACs, for tools that encrypt (`src/entries/secrets.ts`);
 * - `@strata/core/tooling` — schema reading, JSON Schema, input description and migrations, for the CLI and generators
 *   (`src/entries/tooling.ts`).
 *
 * Anything exported from none of these files is private.
 */
import './reflect-metadata.js';

export type { Origin, OriginReference } from './models/origin.js';
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
export type { ReadonlyDeep } from './models/readonly-deep.js';
export type { Unsubscribe } from './models/unsubscribe.js';
export type { Issue, IssueSeverity } from './models/issue.js';

export type { StrataErrorCode } from './errors/strata-error.js';
export { StrataError } from './errors/strata-error.js';
export { SourceError } from './errors/source-error.js';
export { ParseError } from './errors/parse-error.js';
export { DecryptionError } from './errors/decryption-error.js';
export { UnsafeKeyError } from './errors/unsafe-key-error.js';
export { InputLimitError } from './errors/input-limit-error.js';
export type { CycleStep } from './errors/interpolation-cycle-error.js';
export { InterpolationCycleError } from './errors/interpolation-cycle-error.js';
export { NoInterpolation } from './interpolate/no-interpolation.js';
export type { DefaultsLayerOptions, DefaultsTree } from './defaults/defaults-layer.js';
export { defaultsLayer } from './defaults/defaults-layer.js';
export type { InputLimits } from './models/input-limits.js';
export { ConfigValidationError, formatIssue } from './errors/config-validation-error.js';

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
} from './models/schema-model.js';

export type { SecretOptions } from './schema/decorators.js';
export { Deprecated, Description, Env, Reloadable, Secret, Section } from './schema/decorators.js';
export { namedSection, namedSectionInfo, type NamedSectionInfo } from './schema/named-section.js';

export type { Change, Explanation, ExplainedCandidate } from './snapshot/snapshot.js';
export { Snapshot } from './snapshot/snapshot.js';
export { REDACTED } from './snapshot/redacted.js';

export type {
  ConfigDefinition,
  InterpolationOptions,
  LoadOptions,
  SourceSetup,
} from './config/config-definition.js';
export { defineConfig } from './config/config-definition.js';
export type { HistoryEntry } from './reload/history-entry.js';
export type { ReloadResult } from './reload/reload-result.js';
export { Config } from './config/config.js';
export type { RuntimeOverrides } from './overrides/runtime-overrides.js';
export type { OverrideEntry } from './overrides/override-entry.js';
export type {
  OverrideChangeOptions,
  OverrideOptions,
  OverrideUpdate,
  OverrideValues,
} from './overrides/override-options.js';
export { loadConfig } from './config/load-config.js';
export type { DetectedEnvironment, DetectEnvironmentOptions } from './config/resolve-environment.js';
export {
  detectEnvironment,
  KUBERNETES_NAMESPACE_FILE,
  resolveEnvironment,
} from './config/resolve-environment.js';
export type { EnvironmentSource, EnvironmentSourceKind } from './models/environment-source.js';
export type { ScopeValues } from './models/scope-values.js';
export type { ScopeDefinition } from './models/scope-definition.js';
export type { ScopedSource } from './models/scoped-source.js';
export { ScopeView } from './scope/scope-view.js';
export { ScopeError } from './errors/scope-error.js';
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
export { CONFIG_VERSION_KEY } from './migrate/migrate-layer.js';
