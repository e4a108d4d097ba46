import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IsInt, IsString, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { type ChangedEvent, ConfigValidationError, Section, loadConfig } from '@strata/core';
import { parseProperties, propertiesSource } from '@strata-examples/plugin-properties';

@Section('database')
class DatabaseConfig {
  @IsString() url = 'postgres://localhost/app';
  @IsInt() @Min(1) poolSize = 10;
}

async function project(text: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-props-'));
  await writeFile(path.join(dir, 'app.properties'), text);
  return dir;
}

// The rules every source keeps (origins, abort, unsafe keys, one signal per change, no handle left) are
// checked by @strata/testing's source contract in contract.test.ts; these tests are about .properties files.
describe('the properties source plugin', () => {
  it('parses comments, separators and continuations with line numbers', () => {
    expect(parseProperties('# c\n! c\na.b=1\nc.d : two\ne.f three \\\n  four\n')).toEqual([
      { key: 'a.b', value: '1', line: 3 },
      { key: 'c.d', value: 'two', line: 4 },
      { key: 'e.f', value: 'three four', line: 5 },
    ]);
  });

  it('loads through the engine: relaxed names, conversion, file:line origins, validation', async () => {
    const cwd = await project('database.url=postgres://x\ndatabase.pool_size=25\n');
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [propertiesSource({ file: 'app.properties' })] },
      { cwd },
    );
    expect(config.get(DatabaseConfig).poolSize).toBe(25);
    expect(config.explain('database.poolSize')?.source).toEqual({
      source: 'properties',
      locator: 'app.properties:2',
    });
    await config.close();
    const bad = await project('database.pool_size=0\n');
    const error = await loadConfig(
      { sections: [DatabaseConfig], sources: [propertiesSource({ file: 'app.properties' })] },
      { cwd: bad },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain(
      'database.poolSize: must not be less than 1 — got 0 from properties app.properties:1',
    );
  });

  it('reloads when the file is replaced by an editor save', async () => {
    const cwd = await project('database.pool_size=25\n');
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [propertiesSource({ file: 'app.properties' })] },
      { cwd, watch: true },
    );
    const changed = new Promise<ChangedEvent>((resolve) => config.once('changed', resolve));
    await writeFile(path.join(cwd, 'app.properties.tmp'), 'database.pool_size=30\n');
    await rename(path.join(cwd, 'app.properties.tmp'), path.join(cwd, 'app.properties'));
    const event = await changed;
    expect(event.diff).toMatchObject([{ path: 'database.poolSize', before: 25, after: 30 }]);
    expect(config.get(DatabaseConfig).poolSize).toBe(30);
    await config.close();
  });
});
