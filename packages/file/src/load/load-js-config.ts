import { sha256 } from './sha256.js';
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Loads a `.js`, `.cjs` or `.mjs` config file's default export, fresh every time: Node caches modules by
 * URL, so the URL carries a hash of the content, and a CommonJS file is dropped from the require cache
 * first. (cosmiconfig's own loader would keep serving the first version after an edit.)
 */
export async function loadJsConfig(filepath: string, content: string): Promise<unknown> {
  const real = await realpath(filepath);
  delete require.cache[real];
  const version = sha256().update(content).digest('hex').slice(0, 16);
  const module = (await import(`${pathToFileURL(real).href}?strata=${version}`)) as { default?: unknown };
  return module.default;
}
