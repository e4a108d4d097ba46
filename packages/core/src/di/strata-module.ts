import { createRequire } from 'node:module';
import type { ContainerModule as ContainerModuleType } from 'inversify';
import type { Config } from '../config/config.js';
import type { LeafValue } from '../models/layer.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { classesUnder, configurationClasses } from './configuration-classes.js';
import { STRATA_CONFIG, STRATA_SNAPSHOT } from './identifiers.js';
import { namedSectionInfo } from '../schema/named-section.js';

/**
 * An inversify module that binds every section class and nested configuration class, so
 * `constructor(private db: DatabaseConfig)` works by type in an `@injectable()` class; plus {@link STRATA_CONFIG}
 * and {@link STRATA_SNAPSHOT}. A section listed as `namedSection(DatabaseConfig, 'replica', path)` is bound to
 * `DatabaseConfig` under that name: `@inject(DatabaseConfig) @named('replica') db: DatabaseConfig`.
 *
 * Sections resolve from the snapshot current at resolution time: a transient or request-scoped consumer
 * created after a reload gets the new instances. A singleton keeps what it was given; use a live handle from
 * `@strata/events` for singletons that must follow changes.
 *
 * Inside `config.runInScope(scope, fn)` they resolve from that scope's view instead (and `STRATA_SNAPSHOT` is
 * the scope's snapshot): a handler resolved for a request of tenant `acme` gets acme's `LimitsConfig`.
 */
export function strataModule(config: Config): ContainerModuleType {
  return new (inversify().ContainerModule)(({ bind }) => {
    bind(STRATA_CONFIG).toConstantValue(config);
    bind(STRATA_SNAPSHOT)
      .toDynamicValue(() => (config.currentScope ?? config).snapshot)
      .inTransientScope();
    for (const cls of configurationClasses(config.schema)) {
      bind(cls)
        .toDynamicValue(() => (config.currentScope ?? config).get(cls))
        .inTransientScope();
      // A named section is also its base class under its name: `@inject(DatabaseConfig) @named('replica')`.
      const named = namedSectionInfo(cls);
      if (named) {
        bind(named.base)
          .toDynamicValue(() => config.snapshot.get(cls))
          .inTransientScope()
          .whenNamed(named.name);
      }
    }
  });
}

/** Options of {@link overlayModule}. */
export interface OverlayOptions {
  /** Values to lay over the configuration, as a nested object: `{ database: { poolSize: 2 } }`. */
  readonly values: { readonly [key: string]: LeafValue };
  /** A name for the overlay, shown in origins and errors (`overlay tenant-a:database.poolSize`). @default 'overlay' */
  readonly name?: string;
}

/**
 * For a child container: bind the sections touched by `values` to a snapshot with those values laid over the
 * configuration, validated like any other. The child resolves its own section; the parent is untouched.
 * Throws the `ConfigValidationError` when the overlay makes the configuration invalid.
 *
 * @example
 * ```ts
 * const tenant = new Container({ parent: container });
 * tenant.load(await overlayModule(config, { name: 'tenant-a', values: { database: { url: 'postgres://a' } } }));
 * ```
 */
export async function overlayModule(config: Config, options: OverlayOptions): Promise<ContainerModuleType> {
  const snapshot: Snapshot = await config.derive(options.values, options.name ?? 'overlay');
  const touched = Object.keys(flatten(options.values));
  return new (inversify().ContainerModule)(({ bind }) => {
    bind(STRATA_SNAPSHOT).toConstantValue(snapshot);
    for (const cls of classesUnder(config.schema, touched)) bind(cls).toConstantValue(snapshot.get(cls));
  });
}

function flatten(values: { readonly [key: string]: LeafValue }, prefix = ''): Record<string, LeafValue> {
  const out: Record<string, LeafValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      Object.assign(out, flatten(value as { readonly [key: string]: LeafValue }, path));
    } else {
      out[path] = value;
    }
  }
  return out;
}

/**
 * inversify, loaded on first use: an application that never asks for a module does not pay for importing it
 * (about half of core's import time). Node 20.19+ loads ES modules through require, and returns the same
 * module instance an `import` gets, so bindings made here are the application's inversify's.
 */
function inversify(): typeof import('inversify') {
  inversifyModule ??= createRequire(import.meta.url)('inversify') as typeof import('inversify');
  return inversifyModule;
}
let inversifyModule: typeof import('inversify') | undefined;
