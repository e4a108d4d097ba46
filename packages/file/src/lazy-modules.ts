import { createRequire } from 'node:module';

// Parsers, discovery and watching are loaded on first use, so an application pays at start-up only for the
// formats and features it uses (js-yaml alone reads a plain YAML profile). `require` loads ES modules too on
// Node 20.19+, and gives the same module instance an `import` would.
const load = createRequire(import.meta.url);
const cache = new Map<string, unknown>();

function lazy<T>(name: string): () => T {
  return () => {
    let module = cache.get(name);
    if (module === undefined) {
      module = load(name);
      cache.set(name, module);
    }
    return module as T;
  };
}

/** The `yaml` package (precise YAML parsing with positions). */
export const yamlModule = lazy<typeof import('yaml')>('yaml');
/** `jsonc-parser` (JSON with offsets). */
export const jsoncModule = lazy<typeof import('jsonc-parser')>('jsonc-parser');
/** `smol-toml`. */
export const tomlModule = lazy<typeof import('smol-toml')>('smol-toml');
/** `chokidar` (directory watching). */
export const chokidarModule = lazy<typeof import('chokidar')>('chokidar');
/** `cosmiconfig` (discovery). */
export const cosmiconfigModule = lazy<typeof import('cosmiconfig')>('cosmiconfig');
