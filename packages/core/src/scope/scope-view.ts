import { inspect } from 'node:util';
import type { Issue } from '../models/issue.js';
import type { Origin } from '../models/origin.js';
import type { ReadonlyDeep } from '../models/readonly-deep.js';
import type { Constructor } from '../models/schema-model.js';
import type { ScopeValues } from '../models/scope-values.js';
import type { Explanation, Snapshot } from '../snapshot/snapshot.js';
import { formatScope } from '../errors/scope-error.js';

/**
 * The configuration as one scope (a tenant, a user) sees it: the service's layers, then the scope's layers
 * (tenant, then user), then the runtime overrides, built and validated like any snapshot. Immutable, like a
 * {@link Snapshot}: a request that holds a view reads one consistent configuration; a later
 * `config.scope()` returns a view of the newer generation. Get one with `config.scope({ tenant: 'acme' })`.
 */
export class ScopeView {
  /** The scope's values, in the declared level order. */
  readonly scope: ScopeValues;
  /** The validated snapshot of this scope (its generation is the service's it was built on). */
  readonly snapshot: Snapshot;

  /** Built by a configuration's scope cache; get a view from `config.scope()`. */
  constructor(scope: ScopeValues, snapshot: Snapshot) {
    this.scope = scope;
    this.snapshot = snapshot;
  }

  /** The service generation this view was built on. */
  get generation(): number {
    return this.snapshot.generation;
  }

  /** Non-fatal problems of this scope (an unknown key in a tenant file, outside strict mode). */
  get warnings(): readonly Issue[] {
    return this.snapshot.warnings;
  }

  /**
   * The frozen instance of a section (or nested) class, as this scope sees it; with `name`, the named section
   * (`namedSection`) bound under that name.
   */
  get<T extends object>(cls: Constructor<T>, name?: string): ReadonlyDeep<T> {
    return this.snapshot.get(cls, name);
  }

  /** The value at a dotted path, unredacted. */
  value(path: string): unknown {
    return this.snapshot.value(path);
  }

  /** Where the value at `path` came from in this scope (a tenant file's line, a service file, an override). */
  originOf(path: string): Origin | undefined {
    return this.snapshot.originOf(path);
  }

  /** Why `path` has its value in this scope: every candidate, the scope's layers among them. */
  explain(path: string): Explanation | undefined {
    return this.snapshot.explain(path);
  }

  /** The scope's configuration as a plain tree, secrets as `[redacted]` (the same shape as `Config.toJSON`). */
  toJSON(): Record<string, unknown> {
    return this.snapshot.toJSON();
  }

  [inspect.custom](_depth: number, options: object): string {
    return `ScopeView(${formatScope(this.scope)}, generation ${this.generation}) ${inspect(this.toJSON(), options)}`;
  }
}
