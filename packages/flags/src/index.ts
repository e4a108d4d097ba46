/**
 * @strata/flags — feature flags declared in Strata's configuration classes: `@Flag` on a field, rules beside
 * it in any source (validated and reloaded like every value), `createFlags(config).evaluate(key, context)`.
 * The OpenFeature provider has its own entry, `@strata/flags/openfeature`, so this one never loads the SDK.
 */
export { Flag } from './decorators/flag.js';
export { FLAG_RULES_CONSTRAINT } from './decorators/flag-rules-constraint.js';
export type { FlagOptions } from './models/flag-options.js';
export type { FlagContext } from './models/flag-context.js';
export type { FlagErrorCode, FlagEvaluation, FlagReason } from './models/flag-evaluation.js';
export type { FlagInfo } from './models/flag-info.js';
export type {
  ExplainedCondition,
  ExplainedRule,
  ExplainedShare,
  FlagExplanation,
} from './models/flag-explanation.js';
export type { FlagRuleInput, FlagRulesInput } from './models/flag-rules-input.js';
export type { FlagValue, FlagValueType } from './models/flag-value.js';
export type { FlagSnapshotSource, FlagsOptions } from './services/flags.js';
export { Flags, createFlags } from './services/flags.js';
export { OPERATORS, type Operator } from './rules/operators.js';
export { FLAG_LIMITS } from './rules/flag-limits.js';
export { fractionalBucket } from './rules/fractional-bucket.js';
export { murmur3 } from './rules/murmur3.js';
