import type { ChangedEvent, Config, RejectedEvent, Unsubscribe } from '@strata/core';
import type { AuditAction, AuditRecord, AuditSink } from './audit-record.js';

/** A change the API is making: who asked, and what kind of change to attribute to them. */
interface Pending {
  readonly actor: string;
  readonly action: AuditAction;
  readonly paths: readonly string[];
  recorded: boolean;
}

/** What the API's call to core came back with. */
type Outcome =
  | { readonly status: 'changed' | 'unchanged' | 'rejected'; readonly generation: number }
  | { readonly error: unknown };

/**
 * Turns every change of the running configuration into an {@link AuditRecord}: it follows `changed` and
 * `rejected` events (file edits, remote changes, overrides set in code, expiries), and the API wraps its
 * writes in {@link AuditTrail.attribute} so those are recorded under the token's name. A write that changed
 * nothing, or was refused before reaching a transaction, emits no event: it is recorded from its outcome.
 */
export class AuditTrail {
  readonly #config: Config;
  readonly #sinks: readonly AuditSink[];
  readonly #now: () => number;
  readonly #pending: Pending[] = [];
  readonly #off: Unsubscribe[];

  constructor(config: Config, sinks: readonly AuditSink[], now: () => number) {
    this.#config = config;
    this.#sinks = sinks;
    this.#now = now;
    this.#off = [
      config.on('changed', (event) => this.#changed(event)),
      config.on('rejected', (event) => this.#rejected(event)),
    ];
  }

  /** Run an API write, recording what it did under `actor`. */
  async attribute<T extends { status: 'changed' | 'unchanged' | 'rejected'; generation: number }>(
    who: { actor: string; action: AuditAction; paths: readonly string[] },
    write: () => Promise<T>,
  ): Promise<T> {
    const pending: Pending = { ...who, recorded: false };
    this.#pending.push(pending);
    let outcome: Outcome;
    try {
      const result = await write();
      outcome = result;
      return result;
    } catch (error) {
      outcome = { error };
      throw error;
    } finally {
      this.#pending.splice(this.#pending.indexOf(pending), 1);
      if (!pending.recorded) this.#fromOutcome(pending, outcome!);
    }
  }

  /** Stop following the events. */
  close(): void {
    for (const off of this.#off.splice(0)) off();
    for (const sink of this.#sinks) sink.close?.();
  }

  #changed(event: ChangedEvent): void {
    const claimed = this.#claim(event.reasons);
    const kind = actionOf(event.reasons);
    this.#write({
      time: new Date(this.#now()).toISOString(),
      actor: claimed?.actor ?? actorOf(event),
      action: claimed?.action ?? kind,
      paths: event.diff.map((change) => change.path),
      changes: event.diff.map(({ path, before, after }) => ({ path, before, after })),
      generation: event.generation,
      result: 'applied',
      reasons: event.reasons.map(reasonText),
    });
  }

  #rejected(event: RejectedEvent): void {
    const claimed = this.#claim(event.reasons);
    const issues = 'issues' in event.error ? event.error.issues : [];
    this.#write({
      time: new Date(this.#now()).toISOString(),
      actor: claimed?.actor ?? event.reasons[0]?.source ?? 'unknown',
      action: claimed?.action ?? actionOf(event.reasons),
      paths: claimed?.paths.length ? claimed.paths : [...new Set(issues.map((issue) => issue.path))],
      changes: [],
      generation: event.generation,
      result: 'rejected',
      reasons: event.reasons.map(reasonText),
      error: { code: event.error.code, message: event.error.message },
    });
  }

  #fromOutcome(pending: Pending, outcome: Outcome): void {
    const base = {
      time: new Date(this.#now()).toISOString(),
      actor: pending.actor,
      action: pending.action,
      paths: pending.paths,
      changes: [],
      reasons: [],
    };
    if ('error' in outcome) {
      const error = outcome.error as { code?: unknown; message?: unknown };
      this.#write({
        ...base,
        generation: this.#config.generation,
        result: 'rejected',
        error: {
          code: typeof error.code === 'string' ? error.code : 'INTERNAL',
          message:
            typeof error.code === 'string' && typeof error.message === 'string' ? error.message : 'failed',
        },
      });
      return;
    }
    this.#write({
      ...base,
      generation: outcome.generation,
      result: outcome.status === 'changed' ? 'applied' : outcome.status,
    });
  }

  /** The API write this event belongs to: one pending of the same kind (reasons name `override`, `rollback`, `reload`). */
  #claim(reasons: readonly { source: string }[]): Pending | undefined {
    const kinds = new Set(reasons.map((reason) => reason.source));
    const pending = this.#pending.find(
      (candidate) =>
        !candidate.recorded && kinds.has(candidate.action === 'override' ? 'override' : candidate.action),
    );
    if (pending) pending.recorded = true;
    return pending;
  }

  #write(record: AuditRecord): void {
    for (const sink of this.#sinks) {
      try {
        sink.write(record);
      } catch {
        // A full disk must not turn a configuration change into a failed request; the change happened.
      }
    }
  }
}

function actionOf(reasons: readonly { source: string; detail: string }[]): AuditAction {
  const first = reasons[0];
  if (!first) return 'source-change';
  if (first.source === 'override') return first.detail.includes('expired') ? 'override-expired' : 'override';
  if (first.source === 'rollback' || first.source === 'reload') return first.source;
  return 'source-change';
}

/**
 * Who made a change nobody claimed: for an override set in code, the actor its values' origin names
 * (`{ source: 'override', locator: 'deploy-bot' }`); otherwise the source that reported it.
 */
function actorOf(event: ChangedEvent): string {
  const override = event.diff.find((change) => change.origin?.source === 'override');
  if (override?.origin) return override.origin.locator;
  return event.reasons[0]?.source ?? 'unknown';
}

function reasonText(reason: { source: string; detail: string }): string {
  return `${reason.source}: ${reason.detail}`;
}
