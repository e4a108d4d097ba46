import type { ConfigEvents } from '../events/config-events.js';
import type { ConfigSource, SourceContext } from '../models/source.js';
import type { EnvironmentSource } from '../models/environment-source.js';
import type { SchemaModel } from '../models/schema-model.js';
import type { ConfigEventHub } from '../events/config-event-hub.js';
import type { GenerationHistory } from '../reload/generation-history.js';
import type { OverrideController } from '../overrides/override-controller.js';
import type { ReloadQueue } from '../reload/reload-queue.js';
import type { ScopeController } from '../scope/scope-controller.js';
import type { ReloadTransaction } from '../reload/reload-transaction.js';
import type { SourceHealth } from '../reload/source-health.js';

/** What `loadConfig` hands a new `Config`: its collaborators, built and wired. */
export interface ConfigParts {
  readonly environment: string;
  /** Which input decided `environment`. */
  readonly environmentSource: EnvironmentSource;
  readonly schema: SchemaModel;
  readonly sources: readonly ConfigSource[];
  readonly context: SourceContext;
  readonly abort: AbortController;
  readonly events: ConfigEventHub;
  readonly transaction: ReloadTransaction;
  readonly queue: ReloadQueue;
  readonly history: GenerationHistory;
  readonly health: SourceHealth;
  /** `config.overrides`. */
  readonly overrides: OverrideController;
  /** `config.scope()`: the cache of tenant and user views. */
  readonly scopes: ScopeController;
  readonly startupFailures: readonly ConfigEvents['sourceFailed'][];
  /** Start the sources' watchers and pollers. */
  readonly watch: boolean;
}
