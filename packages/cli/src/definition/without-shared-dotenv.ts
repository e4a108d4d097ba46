import path from 'node:path';
import type { ConfigDefinition, ConfigSource, Layer } from '@strata/core';
import type { LoadedDefinition } from './load-definition.js';

/**
 * The `.env` file a `dotenv` origin (`.env.local:3`) names, or undefined for any other origin. Locators are
 * `file:line`, and a file name may itself hold colons: the line is after the last one.
 */
export function dotenvFileOf(origin: { source: string; locator: string }): string | undefined {
  if (origin.source !== 'dotenv') return undefined;
  const colon = origin.locator.lastIndexOf(':');
  return colon < 0 ? origin.locator : origin.locator.slice(0, colon);
}

/**
 * A `.env` file meant for every environment (`.env`, `.env.local`), as opposed to one named for
 * `environment` (`.env.production`, `.env.production.local`).
 */
export function isSharedDotenvFile(file: string, environment: string): boolean {
  return !path.basename(file).split('.').includes(environment);
}

/**
 * A copy of a definition whose sources drop the values of shared `.env` files: a developer's `.env` holds
 * local values (a local password), and checking production with them makes a broken deploy look valid.
 * Files named for the environment (`.env.production`) still count. The names of the files whose values
 * were dropped are added to `leftOut`.
 */
export function withoutSharedDotenv(
  loaded: LoadedDefinition,
  environment: string,
  leftOut: Set<string>,
): LoadedDefinition {
  const { definition } = loaded;
  const original = definition.sources;
  const wrap = (sources: readonly ConfigSource[]): ConfigSource[] =>
    sources.map((source) => filteredSource(source, environment, leftOut));
  const sources: ConfigDefinition['sources'] =
    typeof original === 'function' ? (setup) => wrap(original(setup)) : wrap(original);
  return { ...loaded, definition: { ...definition, sources } };
}

/** The source with its layer filtered; every other member delegates, so class-based sources keep `this`. */
function filteredSource(source: ConfigSource, environment: string, leftOut: Set<string>): ConfigSource {
  const filtered: ConfigSource = {
    name: source.name,
    load: async (context) => dropShared(await source.load(context), environment, leftOut),
  };
  return Object.assign(
    filtered,
    source.optional === undefined ? {} : { optional: source.optional },
    source.watch ? { watch: source.watch.bind(source) } : {},
    source.describe ? { describe: source.describe.bind(source) } : {},
    source.environments ? { environments: source.environments.bind(source) } : {},
    source.dispose ? { dispose: source.dispose.bind(source) } : {},
  );
}

function dropShared(layer: Layer, environment: string, leftOut: Set<string>): Layer {
  let dropped = false;
  const entries = layer.entries.filter((entry) => {
    const file = dotenvFileOf(entry.origin);
    if (file === undefined || !isSharedDotenvFile(file, environment)) return true;
    leftOut.add(file);
    dropped = true;
    return false;
  });
  return dropped ? { ...layer, entries } : layer;
}
