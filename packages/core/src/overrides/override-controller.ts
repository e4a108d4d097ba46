import { StrataError } from '../errors/strata-error.js';
import { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import { isUnsafeSegment } from '../layer/unsafe-segment.js';
import { printable } from '../text/printable.js';
import type { LeafValue } from '../models/layer.js';
import type { Logger } from '../models/logger.js';
import { formatOrigin } from '../models/origin.js';
import type { ChangeReason } from '../models/source.js';
import type { PathIndex } from '../pipeline/path-index.js';
import type { ReloadQueue } from '../reload/reload-queue.js';
import type { ReloadResult } from '../reload/reload-result.js';
import type { ReloadTransaction } from '../reload/reload-transaction.js';
import { deepFreeze } from '../snapshot/deep-freeze.js';
import { REDACTED } from '../snapshot/redacted.js';
import type { OverrideEntry } from './override-entry.js';
import { overrideLeaves, type OverrideRequest } from './override-leaves.js';
import type {
  OverrideChangeOptions,
  OverrideOptions,
  OverrideUpdate,
  OverrideValues,
} from './override-options.js';
import type { RuntimeOverrides } from './runtime-overrides.js';
import type { StoredOverride } from '../models/stored-override.js';
import { withOverrides } from './with-overrides.js';

/** The longest a Node timer can wait; a later expiry re-arms when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `config.overrides`: turns each call into a new list of overrides and applies it through the reload
 * transaction, serialised with every other reload by the queue. The list lives in the transaction's layer
 * stack, not here, so history and rollback carry it; this class only computes changes and runs the one expiry
 * timer of its configuration.
 */
export class OverrideController implements RuntimeOverrides {
  readonly #transaction: ReloadTransaction;
  readonly #queue: ReloadQueue;
  readonly #index: PathIndex;
  readonly #now: () => number;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /**
   * Overrides whose lapse was rejected (removing them made the configuration invalid). They stay in effect
   * until deleted; the timer does not retry them, which would loop.
   */
  readonly #refused = new WeakSet<StoredOverride>();

  constructor(parts: {
    transaction: ReloadTransaction;
    queue: ReloadQueue;
    index: PathIndex;
    logger: Logger;
    /** The clock expiries are measured with (epoch milliseconds). @default Date.now */
    now?: () => number;
  }) {
    this.#transaction = parts.transaction;
    this.#queue = parts.queue;
    this.#index = parts.index;
    this.#logger = parts.logger;
    this.#now = parts.now ?? (() => Date.now());
  }

  set(path: string, value: LeafValue, options?: OverrideOptions): Promise<ReloadResult>;
  set(values: OverrideValues, options?: OverrideOptions): Promise<ReloadResult>;
  set(
    target: string | OverrideValues,
    valueOrOptions?: LeafValue | OverrideOptions,
    maybeOptions?: OverrideOptions,
  ): Promise<ReloadResult> {
    if (typeof target === 'string') {
      return this.#run(() => {
        const options = maybeOptions ?? {};
        const leaves = this.#leaves({ path: target, value: valueOrOptions as LeafValue }, options);
        return this.#change({ set: leaves, remove: [] }, reasonOf({ set: keysOf(leaves) }, options));
      });
    }
    return this.update({ set: target }, (valueOrOptions ?? {}) as OverrideOptions);
  }

  delete(path: string | readonly string[], options: OverrideChangeOptions = {}): Promise<ReloadResult> {
    return this.#run(() => {
      const paths = typeof path === 'string' ? [path] : path;
      const remove = paths.map((p) => this.#canonical(p));
      return this.#change({ set: [], remove }, reasonOf({ delete: remove }, options));
    });
  }

  clear(options: OverrideChangeOptions = {}): Promise<ReloadResult> {
    return this.#run(() => this.#change({ set: [], remove: 'all' }, reasonOf({ clear: true }, options)));
  }

  update(change: OverrideUpdate, options: OverrideOptions = {}): Promise<ReloadResult> {
    return this.#run(() => {
      const remove = (change.delete ?? []).map((p) => this.#canonical(p));
      const leaves = change.set ? this.#leaves({ tree: change.set }, options) : [];
      return this.#change(
        { set: leaves, remove },
        reasonOf({ set: keysOf(leaves), delete: remove }, options),
      );
    });
  }

  list(): OverrideEntry[] {
    const snapshot = this.#transaction.current;
    return this.#transaction.stack.overrides.map((override) => {
      const { field } = override;
      // A path the schema does not know may be a misspelt secret: its value is not shown either.
      const secret =
        field === undefined ||
        snapshot.schema.field(field)?.secret === true ||
        snapshot.isSecret(field) ||
        override.origin.secret === true;
      return {
        path: override.key,
        value: secret ? REDACTED : override.value,
        origin: override.origin,
        secret,
        text: override.text,
        reason: override.reason,
        setAt: new Date(override.setAt),
        expiresAt: override.expiresAt === undefined ? undefined : new Date(override.expiresAt),
      };
    });
  }

  /** The layer stack changed by other means (a rollback brought other overrides back): re-arm the timer. */
  rearm(): void {
    this.#arm();
  }

  /** Stop the expiry timer and refuse further changes. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Run `work` (which may throw at once for bad input) and turn its failures into a rejected promise. */
  #run(work: () => Promise<ReloadResult>): Promise<ReloadResult> {
    try {
      if (this.#closed) throw new StrataError('CLOSED', 'This configuration is closed');
      return work();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #leaves(request: OverrideRequest, options: OverrideOptions): StoredOverride[] {
    const environment = this.#transaction.current.environment;
    return overrideLeaves(request, { options, index: this.#index, now: this.#now(), environment }).map(
      (leaf) =>
        // A copy the caller cannot change behind the transaction's back (an array it keeps and pushes to).
        typeof leaf.value === 'object' && leaf.value !== null
          ? { ...leaf, value: deepFreeze(structuredClone(leaf.value)) }
          : leaf,
    );
  }

  /** The canonical key of a path to delete; unsafe segments are refused as on `set`. */
  #canonical(path: string): string {
    const segments = path.split('.');
    for (const segment of segments) {
      if (isUnsafeSegment(segment)) {
        throw new UnsafeKeyError(segment, segments, { source: 'override', locator: 'runtime' });
      }
    }
    const resolution = this.#index.resolve(segments);
    return resolution.kind === 'field'
      ? [...resolution.field.segments, ...resolution.rest].join('.')
      : segments.join('.');
  }

  /**
   * Queue one change: the overrides under each `remove` key (or every one) and those `set` replaces go,
   * `set` is added last (it wins), and the result is applied as one transaction. Computed when its turn comes,
   * from the list in effect then, so changes queued one after another compose.
   */
  #change(
    change: { set: readonly StoredOverride[]; remove: readonly string[] | 'all' },
    reason: ChangeReason,
  ): Promise<ReloadResult> {
    return this.#queue.enqueue(async () => {
      const transaction = this.#transaction;
      const current = transaction.stack.overrides;
      const gone = change.remove === 'all' ? 'all' : [...change.remove, ...keysOf(change.set)];
      const kept =
        gone === 'all' ? [] : current.filter((override) => !gone.some((key) => covers(key, override.key)));
      if (change.set.length === 0 && kept.length === current.length) {
        return { status: 'unchanged', generation: transaction.current.generation, diff: [] };
      }
      const result = await transaction.apply(withOverrides(transaction.stack, [...kept, ...change.set]), [
        reason,
      ]);
      this.#arm();
      if (result.status === 'rejected' && result.error) throw result.error;
      // Applied with nothing changed: a transaction logs warnings only with a change, and an unknown key
      // (outside strict) is exactly the override that changes nothing. Say so rather than accept it silently.
      if (result.status === 'unchanged') this.#warnUnknown(change.set);
      return result;
    });
  }

  #warnUnknown(overrides: readonly StoredOverride[]): void {
    for (const override of overrides) {
      const resolution = this.#index.resolve(override.segments);
      if (resolution.kind !== 'unknown') continue;
      const hint = resolution.suggestion === undefined ? '' : ` (did you mean ${resolution.suggestion}?)`;
      this.#logger.warn(
        printable(
          `Override "${override.key}" from ${formatOrigin(override.origin)} is not a known setting${hint}; it has no effect`,
        ),
      );
    }
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#closed) return;
    let next = Number.POSITIVE_INFINITY;
    for (const override of this.#transaction.stack.overrides) {
      if (override.expiresAt !== undefined && !this.#refused.has(override))
        next = Math.min(next, override.expiresAt);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(Math.max(0, next - this.#now()), MAX_TIMER_MS);
    this.#timer = setTimeout(() => this.#lapse(), delay);
    // An override waiting to lapse must not keep the process alive.
    this.#timer.unref();
  }

  /** Remove the overrides whose time is up, through the transaction like any change. */
  #lapse(): void {
    this.#timer = undefined;
    const task = this.#queue.enqueue(async () => {
      if (this.#closed) return;
      const transaction = this.#transaction;
      const now = this.#now();
      const current = transaction.stack.overrides;
      const expired = current.filter(
        (o) => o.expiresAt !== undefined && o.expiresAt <= now && !this.#refused.has(o),
      );
      if (expired.length > 0) {
        const kept = current.filter((o) => !expired.includes(o));
        const reason = reasonOf({ expired: keysOf(expired) }, {});
        const result = await transaction.apply(withOverrides(transaction.stack, kept), [reason]);
        if (result.status === 'rejected') for (const o of expired) this.#refused.add(o);
      }
      this.#arm();
    });
    // The transaction reports its own failures (`rejected`); nothing is left for a caller to handle.
    task.catch(() => undefined);
  }
}

/** True when removing `key` removes the override at `target`: the same path or one below it. */
function covers(key: string, target: string): boolean {
  return target === key || target.startsWith(`${key}.`);
}

function keysOf(overrides: readonly StoredOverride[]): string[] {
  return overrides.map((override) => override.key);
}

/** `set server.port by alice: incident 4312`: what changed (paths only, never values), who and why. */
function reasonOf(
  what: { set?: readonly string[]; delete?: readonly string[]; expired?: readonly string[]; clear?: true },
  options: OverrideChangeOptions,
): ChangeReason {
  const list = (keys: readonly string[]): string =>
    keys.length > 5 ? `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more` : keys.join(', ');
  const parts: string[] = [];
  if (what.clear) parts.push('clear all');
  if (what.delete?.length) parts.push(`delete ${list(what.delete)}`);
  if (what.set?.length) parts.push(`set ${list(what.set)}`);
  if (what.expired?.length) parts.push(`expired ${list(what.expired)}`);
  const by = options.actor === undefined ? '' : ` by ${options.actor}`;
  const why = options.reason === undefined ? '' : `: ${options.reason}`;
  return { source: 'override', detail: `${parts.join('; ') || 'no change'}${by}${why}` };
}
