import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Layer, ParseError, SourceError, StrataError, UnsafeKeyError } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileSourceOptions, fileSource } from '../src/index.js';
import { sourceContext, tempDir } from '@strata-internal/test-support';
import { fixtures } from './support/fixtures.js';

/** `path = value @ locator` per entry, in layer order. */
function lines(layer: Layer): string[] {
  return layer.entries.map((e) => `${e.path.join('.')} = ${JSON.stringify(e.value)} @ ${e.origin.locator}`);
}

/** What the engine would make of one layer: later entries win. */
function effective(layer: Layer): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const entry of layer.entries) result[entry.path.join('.')] = entry.value;
  return result;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function scratch(files: Record<string, string>): Promise<string> {
  const { dir, cleanup } = await tempDir('strata-file-');
  cleanups.push(cleanup);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('fileSource profiles', () => {
  it('loads default, <env>, local, local-<env> in order, each as json, yaml, yml, toml', async () => {
    const source = fileSource({ dir: 'profiles' });
    expect(source.name).toBe('file');
    const layer = await source.load(sourceContext({ cwd: fixtures, environment: 'production' }));
    expect(layer.source).toBe('file');
    expect(layer.textual).toBe(false);
    expect(lines(layer)).toEqual([
      'server.host = "json-default" @ profiles/default.json:3:13',
      'server.port = 8080 @ profiles/default.json:4:13',
      'features = ["a","b"] @ profiles/default.json:6:15',
      'server.host = "yaml-default" @ profiles/default.yaml:2:9',
      'server.timeout = 30 @ profiles/default.yaml:3:12',
      'log.level = "info" @ profiles/default.yaml:5:10',
      'server.host = "prod.example.com" @ profiles/production.yaml:2:9',
      'log.level = "warn" @ profiles/production.yaml:4:10',
      'server.port = 443 @ profiles/production.toml:2:8',
      'log.level = "debug" @ profiles/local.json:1:21',
      'server.port = 9443 @ profiles/local-production.yml:2:9',
    ]);
    expect(effective(layer)).toEqual({
      'server.host': 'prod.example.com',
      'server.port': 9443,
      'server.timeout': 30,
      'log.level': 'debug',
      features: ['a', 'b'],
    });
    expect(layer.warnings).toEqual([
      'profiles/default exists in several formats (profiles/default.json, profiles/default.yaml); all are loaded, later ones win',
      'profiles/production exists in several formats (profiles/production.yaml, profiles/production.toml); all are loaded, later ones win',
    ]);
  });

  it('uses the context environment and skips missing profiles', async () => {
    const layer = await fileSource({ dir: 'profiles', name: 'config-files' }).load(
      sourceContext({ cwd: fixtures, environment: 'staging' }),
    );
    expect(layer.source).toBe('config-files');
    expect(effective(layer)).toEqual({
      'server.host': 'yaml-default',
      'server.port': 8080,
      'server.timeout': 30,
      'log.level': 'debug',
      features: ['a', 'b'],
      never: 'loaded',
    });
  });

  it('accepts a custom profile list with {env}', async () => {
    const layer = await fileSource({ dir: 'profiles', profiles: ['local-{env}', '{env}'] }).load(
      sourceContext({ cwd: fixtures, environment: 'production' }),
    );
    expect(layer.entries.map((e) => e.origin.locator.split(':')[0])).toEqual([
      'profiles/local-production.yml',
      'profiles/production.yaml',
      'profiles/production.yaml',
      'profiles/production.toml',
    ]);
  });

  it('refuses an environment that is not a plain file name', async () => {
    const error = await failureOf(
      fileSource({ dir: 'profiles' }).load(sourceContext({ cwd: fixtures, environment: '../secrets' })),
    );
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toContain('"../secrets"');
  });

  it('reads the same on its first load (synchronous reads) as on later loads (asynchronous)', async () => {
    const context = sourceContext({ cwd: fixtures, environment: 'production' });
    const profiles = fileSource({ dir: 'profiles' });
    const first = lines(await profiles.load(context));
    expect(first.length).toBeGreaterThan(5);
    expect(lines(await profiles.load(context))).toEqual(first);
    const single = fileSource({ file: 'profiles/default.yaml' });
    const firstSingle = lines(await single.load(context));
    expect(firstSingle).toEqual([
      'server.host = "yaml-default" @ profiles/default.yaml:2:9',
      'server.timeout = 30 @ profiles/default.yaml:3:12',
      'log.level = "info" @ profiles/default.yaml:5:10',
    ]);
    expect(lines(await single.load(context))).toEqual(firstSingle);
    const missing = fileSource({ dir: 'nope' });
    const errors = [await failureOf(missing.load(context)), await failureOf(missing.load(context))];
    expect(errors.map((e) => e.message)).toEqual([errors[1]?.message, errors[0]?.message]);
    expect(StrataError.is(errors[0], 'SOURCE_FAILED')).toBe(true);
  });

  it('fails on a missing directory unless optional', async () => {
    const error = await failureOf(fileSource({ dir: 'nope' }).load(sourceContext({ cwd: fixtures })));
    expect(error).toBeInstanceOf(SourceError);
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.message).toBe(
      `Source "file": configuration directory nope does not exist (resolved against ${fixtures}); create it or pass optional: true`,
    );
    const layer = await fileSource({ dir: 'nope', optional: true }).load(sourceContext({ cwd: fixtures }));
    expect(layer.entries).toEqual([]);
  });

  it('propagates parse errors and unsafe keys with the file relative to cwd', async () => {
    const cwd = await scratch({
      'config/default.yaml': 'ok: 1\n',
      'config/production.json': '{\n  "a": 1,\n  "a": 2\n}\n',
    });
    const error = await failureOf(fileSource({ dir: 'config' }).load(sourceContext({ cwd: cwd })));
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).file).toBe('config/production.json');
    expect([(error as ParseError).line, (error as ParseError).column]).toEqual([3, 3]);

    const unsafe = await scratch({ 'config/local.toml': '[server]\n__proto__ = { polluted = true }\n' });
    const refused = await failureOf(fileSource({ dir: 'config' }).load(sourceContext({ cwd: unsafe })));
    expect(refused).toBeInstanceOf(UnsafeKeyError);
    expect((refused as UnsafeKeyError).origin.locator).toBe('config/local.toml:2:13');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps null values and empty files', async () => {
    const cwd = await scratch({ 'config/default.yaml': 'a:\nb: null\n', 'config/local.json': '' });
    const layer = await fileSource({ dir: 'config' }).load(sourceContext({ cwd: cwd }));
    expect(lines(layer)).toEqual([
      'a = null @ config/default.yaml:1:3',
      'b = null @ config/default.yaml:2:4',
    ]);
  });

  it('gives YAML origins whose position survives spreading and serialising', async () => {
    const dir = await scratch({ 'config/default.yaml': 'server:\n  host: a\n  port: 8080\n' });
    const layer = await fileSource({ dir: 'config' }).load(
      sourceContext({ cwd: dir, environment: 'production' }),
    );
    const origin = layer.entries[1]!.origin;
    expect({ ...origin }).toEqual({ source: 'file', locator: 'config/default.yaml:3:9' });
    expect(JSON.parse(JSON.stringify(origin))).toEqual({
      source: 'file',
      locator: 'config/default.yaml:3:9',
    });
    expect(Object.keys(origin)).toEqual(['source', 'locator']);
    expect(layer.entries.map((entry) => entry.origin.locator)).toEqual([
      'config/default.yaml:2:9',
      'config/default.yaml:3:9',
    ]);
  });
});

describe('fileSource single file', () => {
  it('loads one explicit file', async () => {
    const layer = await fileSource({ file: 'single/settings.yaml' }).load(sourceContext({ cwd: fixtures }));
    expect(lines(layer)).toEqual([
      'server.port = 3000 @ single/settings.yaml:2:9',
      'server.host = "single" @ single/settings.yaml:3:9',
    ]);
  });

  it('fails on a missing file unless optional', async () => {
    const error = await failureOf(
      fileSource({ file: 'single/missing.yaml' }).load(sourceContext({ cwd: fixtures })),
    );
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toContain('configuration file single/missing.yaml does not exist');
    expect(error.message).toContain('optional: true');
    const layer = await fileSource({ file: 'single/missing.yaml', optional: true }).load(
      sourceContext({ cwd: fixtures }),
    );
    expect(layer.entries).toEqual([]);
  });

  it('takes an explicit format for other extensions', async () => {
    const cwd = await scratch({ 'app.conf': 'port = 1\n' });
    const layer = await fileSource({ file: 'app.conf', format: 'toml' }).load(sourceContext({ cwd: cwd }));
    expect(lines(layer)).toEqual(['port = 1 @ app.conf:1:8']);
    expect(() => fileSource({ file: 'app.conf' })).toThrow(/cannot tell the format of app.conf/);
  });

  it('refuses options without exactly one mode', () => {
    for (const options of [{}, { dir: 'a', file: 'b.yaml' }] as unknown as FileSourceOptions[]) {
      let caught: unknown;
      try {
        fileSource(options);
      } catch (error) {
        caught = error;
      }
      expect(StrataError.is(caught, 'DEFINITION_INVALID')).toBe(true);
    }
  });
});

describe('fileSource discovery (cosmiconfig)', () => {
  it('finds .myapprc.yaml with positions', async () => {
    const layer = await fileSource({ discover: { name: 'myapp' } }).load(
      sourceContext({ cwd: join(fixtures, 'discover/rc-yaml') }),
    );
    expect(lines(layer)).toEqual(['server.port = 7000 @ .myapprc.yaml:2:9']);
  });

  it('finds myapp.config.json with positions', async () => {
    const layer = await fileSource({ discover: { name: 'myapp' } }).load(
      sourceContext({ cwd: join(fixtures, 'discover/config-json') }),
    );
    expect(lines(layer)).toEqual(['server.port = 7100 @ myapp.config.json:3:13']);
  });

  it('finds a package.json key, which comes first in the search order', async () => {
    const cwd = await scratch({
      'package.json': '{\n  "name": "svc",\n  "myapp": {\n    "server": { "port": 7300 }\n  }\n}\n',
      '.myapprc.yaml': 'server:\n  port: 1\n',
    });
    const layer = await fileSource({ discover: { name: 'myapp' } }).load(sourceContext({ cwd: cwd }));
    expect(lines(layer)).toEqual(['server.port = 7300 @ package.json:4:25']);
  });

  it('skips a package.json without the key', async () => {
    const cwd = await scratch({
      'package.json': '{ "name": "svc" }\n',
      '.myapprc': '{"server": {"port": 2}}\n',
    });
    const layer = await fileSource({ discover: { name: 'myapp' } }).load(sourceContext({ cwd: cwd }));
    expect(lines(layer)).toEqual(['server.port = 2 @ .myapprc:1:21']);
  });

  it('searches upward to stopDir only when asked', async () => {
    const cwd = join(fixtures, 'discover');
    const up = fileSource({ discover: { name: 'myapp', searchFrom: 'nested/deeper', stopDir: 'nested' } });
    expect(lines(await up.load(sourceContext({ cwd: cwd })))).toEqual([
      'server.port = 7200 @ nested/.myapprc.yaml:2:9',
    ]);

    const here = fileSource({ discover: { name: 'myapp', searchFrom: 'nested/deeper' } });
    const error = await failureOf(here.load(sourceContext({ cwd: cwd })));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toContain('no configuration for "myapp" found from nested/deeper');
    const optional = fileSource({ discover: { name: 'myapp', searchFrom: 'nested/deeper' }, optional: true });
    expect((await optional.load(sourceContext({ cwd: cwd }))).entries).toEqual([]);
  });

  it('refuses $import in a discovered JavaScript config: cosmiconfig would read the files itself, unbounded', async () => {
    const cwd = await scratch({
      '.myapprc.mjs': "export default { $import: ['./zero'], server: { port: 1 } };\n",
    });
    await symlink('/dev/zero', join(cwd, 'zero'));
    const error = await failureOf(fileSource({ discover: { name: 'myapp' } }).load(sourceContext({ cwd })));
    expect(StrataError.is(error, 'SOURCE_FAILED'), error.message).toBe(true);
    expect(error.message).toContain('.myapprc.mjs: $import is not supported');
  });

  it('sees new content on every load (caches cleared)', async () => {
    const cwd = await scratch({ '.myapprc.yaml': 'port: 1\n' });
    const source = fileSource({ discover: { name: 'myapp' } });
    expect(effective(await source.load(sourceContext({ cwd: cwd })))).toEqual({ port: 1 });
    await writeFile(join(cwd, '.myapprc.yaml'), 'port: 2\n');
    expect(effective(await source.load(sourceContext({ cwd: cwd })))).toEqual({ port: 2 });
    await writeFile(join(cwd, 'package.json'), '{ "myapp": { "port": 3 } }');
    expect(effective(await source.load(sourceContext({ cwd: cwd })))).toEqual({ port: 3 });
  });

  it('loads JavaScript configs fresh each time, with file-only origins', async () => {
    const cwd = await scratch({
      'myapp.config.mjs': 'export default { server: { port: 1 }, tags: ["x"] };\n',
    });
    const source = fileSource({ discover: { name: 'myapp' } });
    const first = await source.load(sourceContext({ cwd: cwd }));
    expect(lines(first)).toEqual(['server.port = 1 @ myapp.config.mjs', 'tags = ["x"] @ myapp.config.mjs']);
    expect(first.warnings).toEqual([
      'myapp.config.mjs is JavaScript: its values have no line numbers in origins',
    ]);
    await writeFile(join(cwd, 'myapp.config.mjs'), 'export default { server: { port: 2 } };\n');
    expect(effective(await source.load(sourceContext({ cwd: cwd })))).toEqual({ 'server.port': 2 });

    const cjs = await scratch({ '.myapprc.cjs': 'module.exports = { port: 1 };\n' });
    expect(effective(await source.load(sourceContext({ cwd: cjs })))).toEqual({ port: 1 });
    await writeFile(join(cjs, '.myapprc.cjs'), 'module.exports = { port: 2 };\n');
    expect(effective(await source.load(sourceContext({ cwd: cjs })))).toEqual({ port: 2 });
  });

  it('does not search TypeScript config files', async () => {
    const cwd = await scratch({ 'myapp.config.ts': 'export default { port: 1 };\n' });
    const layer = await fileSource({ discover: { name: 'myapp' }, optional: true }).load(
      sourceContext({ cwd: cwd }),
    );
    expect(layer.entries).toEqual([]);
  });

  it('reports parse errors of the found file with its position', async () => {
    const cwd = await scratch({ '.myapprc.yaml': 'a: 1\na: 2\n' });
    const error = await failureOf(
      fileSource({ discover: { name: 'myapp' } }).load(sourceContext({ cwd: cwd })),
    );
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toMatch(/^\.myapprc\.yaml:2:1: map keys must be unique/);
  });
});
