import { SourceError } from '../errors/source-error.js';
import { StrataError } from '../errors/strata-error.js';
import { layerFromTree } from '../layer/layer-builder.js';
import type { LeafValue } from '../models/layer.js';
import type { Constructor } from '../models/schema-model.js';
import type { ConfigSource } from '../models/source.js';

/** A tree of values: `{ cache: { ttlSeconds: 60 } }`. */
export type DefaultsTree = { readonly [key: string]: LeafValue };

/** Options of {@link defaultsLayer}. */
export interface DefaultsLayerOptions {
  /**
   * Who ships these defaults, usually the package name: the source is named `defaults:<name>` and origins
   * read `defaults @acme/cache#cache.ttlSeconds`.
   * @example '@acme/cache'
   */
  readonly name: string;
  /**
   * The package's `@Section` classes. The defaults may set only keys inside these sections: a library that
   * brings configuration must not change the application's own values.
   */
  readonly sections: readonly Constructor[];
  /** Values for every environment. */
  readonly values: DefaultsTree;
  /**
   * Values for one environment, over `values`.
   * @example { production: { cache: { ttlSeconds: 300 } } }
   */
  readonly environments?: { readonly [environment: string]: DefaultsTree };
}

/**
 * Defaults a package ships for its own sections, as a source at the bottom of the stack (list it first:
 * every other source, files included, lies over it). Unlike property initialisers they can differ per
 * environment, show up in `explain` with the package's name, and use `${…}` templates (`${env:REDIS_URL}`).
 *
 * @example
 * ```ts
 * // in @acme/cache
 * export const cacheDefaults = () =>
 *   defaultsLayer({ name: '@acme/cache', sections: [CacheConfig], values: { cache: { ttlSeconds: 60 } } });
 * // in the application
 * sources: [cacheDefaults(), fileSource({ dir: 'config' }), envSource({ prefix: 'APP_' })]
 * ```
 */
export function defaultsLayer(options: DefaultsLayerOptions): ConfigSource {
  if (!/^[\w@./-]+$/.test(options.name)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `defaultsLayer: name must be a package-like name (letters, digits, @ . / _ -), got "${options.name}"`,
    );
  }
  const name = `defaults:${options.name}`;
  return {
    name,
    async load(context) {
      const own = options.sections.map((cls) => {
        const section = context.schema.sections.find((s) => s.cls === cls);
        if (!section) {
          throw new SourceError(
            name,
            `${cls.name} is not a section of this configuration; add it to the definition's "sections"`,
          );
        }
        return section.segments;
      });
      const { environments } = options;
      // Own properties only: an environment named `constructor` must not find Object's.
      const forEnvironment =
        environments && Object.hasOwn(environments, context.environment)
          ? environments[context.environment]
          : undefined;
      const layers = [options.values, forEnvironment].flatMap((tree) =>
        tree === undefined
          ? []
          : [
              layerFromTree({
                source: name,
                tree,
                originOf: (path) => ({ source: 'defaults', locator: `${options.name}#${path.join('.')}` }),
              }),
            ],
      );
      const entries = layers.flatMap((layer) => layer.entries);
      for (const entry of entries) {
        const inside = own.some((segments) => segments.every((segment, i) => entry.path[i] === segment));
        if (!inside) {
          throw new SourceError(
            name,
            `sets ${entry.path.join('.')}, outside its own sections (${own.map((s) => s.join('.')).join(', ')}); a package's defaults may set only its own configuration`,
          );
        }
      }
      return { source: name, entries, textual: false, warnings: [] };
    },
  };
}
