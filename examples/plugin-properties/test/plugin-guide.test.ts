import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigSource, Section, SourceError, defineConfig, loadConfig } from '@strata/core';
import { IsInt, IsString } from '@strata/core/rules';
import { layerFromTree } from '@strata/core/source';
import { propertiesSource } from '@strata-examples/plugin-properties';

// The code of docs/plugins.md's reference part, run: the guide quotes these lines.

@Section('database')
class DatabaseConfig {
  @IsString() url = 'postgres://localhost/app';
  @IsInt() poolSize = 10;
}

/** A source serving a JSON document, as a plugin for a JSON-speaking store would. */
function jsonSource(name: string, url: string, text: string): ConfigSource {
  return {
    name,
    async load() {
      let tree: { [key: string]: string | number };
      try {
        tree = JSON.parse(text) as { [key: string]: string | number };
      } catch (error) {
        throw new SourceError(name, `${url} did not answer JSON`, { cause: error });
      }
      return layerFromTree({
        source: name,
        textual: false, // JSON is typed: a string for a number field is an error
        tree,
        originOf: (path) => ({ source: 'http-json', locator: `${url}#${path.join('.')}` }),
      });
    },
  };
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-guide-'));
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

describe('the plugin guide', () => {
  it('layerFromTree builds a layer from a parsed tree, with an origin per leaf', async () => {
    const source = jsonSource('store', 'https://store/app', '{"database":{"poolSize":30}}');
    const config = await loadConfig({ sections: [DatabaseConfig], sources: [source] });
    expect(config.get(DatabaseConfig).poolSize).toBe(30);
    expect(config.explain('database.poolSize')?.source).toEqual({
      source: 'http-json',
      locator: 'https://store/app#database.poolSize',
    });
    await config.close();
    const typed = jsonSource('store', 'https://store/app', '{"database":{"poolSize":"30"}}');
    await expect(loadConfig({ sections: [DatabaseConfig], sources: [typed] })).rejects.toThrow(
      /database\.poolSize: expected a number, got a string/,
    );
    const broken = jsonSource('store', 'https://store/app', '{');
    await expect(loadConfig({ sections: [DatabaseConfig], sources: [broken] })).rejects.toThrow(
      'Source "store": https://store/app did not answer JSON',
    );
  });

  it('a definition lists sources as a function of the environment', async () => {
    const definition = defineConfig({
      sections: [DatabaseConfig],
      sources: ({ environment, env }) => [
        propertiesSource({ file: 'app.properties' }),
        ...(environment === 'production' ? [propertiesSource({ file: 'production.properties' })] : []),
        ...(env.EXTRA_PROPERTIES ? [propertiesSource({ file: env.EXTRA_PROPERTIES })] : []),
      ],
    });
    const cwd = await project({
      'app.properties': 'database.pool_size=5\n',
      'production.properties': 'database.pool_size=50\n',
      'extra.properties': 'database.url=postgres://extra/app\n',
    });
    const development = await loadConfig(definition, { cwd, environment: 'development', env: {} });
    expect(development.get(DatabaseConfig).poolSize).toBe(5);
    const production = await loadConfig(definition, {
      cwd,
      environment: 'production',
      env: { EXTRA_PROPERTIES: 'extra.properties' },
    });
    expect(production.get(DatabaseConfig)).toMatchObject({ poolSize: 50, url: 'postgres://extra/app' });
    await Promise.all([development.close(), production.close()]);
  });
});
