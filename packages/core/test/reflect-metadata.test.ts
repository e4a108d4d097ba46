// Each public entry installs reflect-metadata's `Reflect.metadata` itself (loaded with require(), which on Node 20
// costs a fraction of an ES module import of that CommonJS file), so an application never imports it: classes
// defined after importing from Strata keep TypeScript's `design:type`. Checked on the built bundles, in a fresh
// process whose script imports nothing else.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// What TypeScript emits for `@Min(1) port!: number` with emitDecoratorMetadata: the metadata decorator is
// applied only when `Reflect.metadata` exists at class definition.
const script = (entry: string): string => `
const before = typeof Reflect.metadata;
await import('${entry}');
const { loadConfig, Section } = await import('@strata/core');
const { layerFromTree } = await import('@strata/core/source');
const { Min } = await import('@strata/core/rules');
const __metadata = (k, v) => (typeof Reflect === 'object' && typeof Reflect.metadata === 'function' ? Reflect.metadata(k, v) : () => {});
class Server {}
for (const decorate of [Min(1), __metadata('design:type', Number)]) decorate(Server.prototype, 'port');
Section('server')(Server);
// A textual source, as environment variables are: '8080' becomes a number only because of design:type.
const text = { name: 'text', load: async () => layerFromTree({ source: 'text', textual: true, tree: { server: { port: '8080' } }, originOf: (p) => ({ source: 'text', locator: p.join('.') }) }) };
const config = await loadConfig({ sections: [Server], sources: [text] }).catch((error) => error);
const port = config instanceof Error ? config.message : config.get(Server).port;
console.log(JSON.stringify({ before, after: typeof Reflect.metadata, port }));
`;

describe('reflect-metadata, installed by Strata (built dist)', () => {
  for (const entry of ['@strata/core', '@strata/core/rules', '@strata/core/tooling']) {
    it(`is installed by importing ${entry}, before any class is defined`, async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', script(entry)],
        {
          cwd: packageDir,
          env: { PATH: process.env.PATH ?? '' },
        },
      );
      expect(JSON.parse(stdout)).toEqual({ before: 'undefined', after: 'function', port: 8080 });
    });
  }
});
