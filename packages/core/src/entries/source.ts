/**
 * `@strata/core/source` — the kit for writing a configuration source, or a package that extends Strata
 * (events, transports, test kits): building layers with origins, the checks every input route applies,
 * excerpts and suggestions for messages, listener isolation and stop handles, and polling with backoff and
 * health for sources that re-read a remote store. docs/plugins.md shows it in use.
 *
 * The source contract's types are here too (they are also on the main entry, where an application lists its
 * sources).
 */
export type { Origin } from '../models/origin.js';
export type { Layer, LayerEntry, LeafValue } from '../models/layer.js';
export type { Logger } from '../models/logger.js';
export type {
  ChangeReason,
  ConfigSource,
  Disposable,
  SourceContext,
  SourceSignals,
} from '../models/source.js';
export type { Unsubscribe } from '../models/unsubscribe.js';
export { unsubscribeOnce } from '../models/unsubscribe.js';
export type { ScopedSource } from '../models/scoped-source.js';
export type { ScopeValues } from '../models/scope-values.js';
export { expandScopeTemplate } from '../scope/expand-scope-template.js';
export { SourceError } from '../errors/source-error.js';
export { ParseError } from '../errors/parse-error.js';
export { excerptAt } from '../errors/excerpt.js';

// Input limits and strict reading, in front of every parser (a new input route goes through them).
export type { InputLimits } from '../models/input-limits.js';
export { defaultInputLimits, resolveInputLimits } from '../layer/input-limits.js';
export { InputLimitError } from '../errors/input-limit-error.js';
export { InputShapeCounter } from '../layer/input-shape-counter.js';
export type { InputFile, ReadInputFileOptions } from '../layer/read-input-file.js';
export { readInputFile, readInputFileSync } from '../layer/read-input-file.js';
export { decodeInputText } from '../layer/decode-input-text.js';

export type { LayerBuilderOptions } from '../layer/layer-builder.js';
export { LayerBuilder, isPlainObject, layerFromTree } from '../layer/layer-builder.js';
export { isUnsafeSegment } from '../layer/unsafe-segment.js';

export { formatValue } from '../pipeline/format-value.js';
export { printable } from '../text/printable.js';
export { foldName } from '../pipeline/fold-name.js';
export { didYouMean } from '../pipeline/did-you-mean.js';
export { guardListener } from '../events/guard-listener.js';

export type { BackoffPolicy, ResolvedBackoffPolicy } from '../polling/backoff-policy.js';
export { DEFAULT_BACKOFF, resolveBackoff } from '../polling/backoff-policy.js';
export { backoffDelay } from '../polling/backoff-delay.js';
export { jitterInterval } from '../polling/jitter-interval.js';
export type { PollClock } from '../polling/poll-clock.js';
export { systemPollClock } from '../polling/poll-clock.js';
export type { PollHealth, PollState } from '../polling/poll-health.js';
export type { Poller, PollingOptions, PollResult } from '../polling/poller.js';
export { startPolling } from '../polling/poller.js';
export { SourceHealth } from '../polling/source-health.js';
export type { AttemptProgress, DeadlineOptions } from '../polling/with-deadline.js';
export { RequestCancelledError, withDeadline } from '../polling/with-deadline.js';

// A sealed last-good cache around any remote source, for starting while the remote is down.
export type { CachedSourceOptions } from '../cache/cached-source.js';
export { cachedSource } from '../cache/cached-source.js';
