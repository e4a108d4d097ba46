import 'reflect-metadata';
import { type ChangedEvent, ConfigValidationError, loadConfig } from '@strata/core';
import { envSource } from '@strata/env';
import { createLive } from '@strata/events';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestConfig, override, testContainer, testSource, valuesFor } from '../src/index.js';
import { DatabaseConfig, HttpConfig, PoolConfig } from './fixtures-sections.js';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const config of closing.splice(0)) await config.close();
});

async function config(values: Parameters<typeof createTestConfig>[0]['values'] = []) {
  const made = await createTestConfig({ sections: [DatabaseConfig, HttpConfig], values });
  closing.push(made);
  return made;
}

describe('createTestConfig', () => {
  it('builds a real configuration from typed values, nested classes included', async () => {
    const made = await config([
      valuesFor(DatabaseConfig, { port: 6543, pool: { max: 3 } }),
      valuesFor(HttpConfig, { port: 9000 }),
    ]);
    expect(made.get(DatabaseConfig)).toMatchObject({ host: 'localhost', port: 6543, pool: { max: 3 } });
    expect(made.get(HttpConfig).port).toBe(9000);
    expect(made.explain('database.port')?.source).toEqual({
      source: 'test',
      locator: 'test-values:database.port',
    });
  });

  it('places values for a nested class at its path', async () => {
    const made = await config([valuesFor(PoolConfig, { max: 7 })]);
    expect(made.get(DatabaseConfig).pool.max).toBe(7);
  });

  it('fails loudly with the usual validation message', async () => {
    const error = await config([valuesFor(DatabaseConfig, { port: 0 })]).catch((e: unknown) => e);
    expect(ConfigValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('database.port');
    expect((error as Error).message).toContain('test-values:database.port');
  });

  it('reads no variables of the machine', async () => {
    process.env.APP_TESTING_PROBE = '1';
    const made = await config();
    expect(made.get(DatabaseConfig).port).toBe(5432);
    delete process.env.APP_TESTING_PROBE;
  });
});

describe('override', () => {
  it('applies through the reload transaction and restores with await using', async () => {
    const made = await config();
    const changes: ChangedEvent[] = [];
    made.on('changed', (event) => changes.push(event));
    const container = testContainer(made);
    {
      await using _ = await override(made, valuesFor(DatabaseConfig, { port: 7000 }));
      expect(made.get(DatabaseConfig).port).toBe(7000);
      expect(container.get(DatabaseConfig).port).toBe(7000);
      expect(changes.at(-1)?.diff.map((c) => c.path)).toEqual(['database.port']);
    }
    expect(made.get(DatabaseConfig).port).toBe(5432);
    expect(container.get(DatabaseConfig).port).toBe(5432);
    expect(changes).toHaveLength(2);
  });

  it('reaches a Live handle of @strata/events like a change from a source', async () => {
    const made = await config();
    const live = createLive(made, DatabaseConfig);
    const seen: number[] = [];
    live.subscribe((section) => seen.push(section.port));
    const handle = await override(made, valuesFor(DatabaseConfig, { port: 7001 }));
    expect(live.current.port).toBe(7001);
    await handle.restore();
    expect(live.current.port).toBe(5432);
    expect(seen).toEqual([7001, 5432]);
  });

  it('keeps later overrides when an earlier one is restored', async () => {
    const made = await config();
    const first = await override(made, valuesFor(DatabaseConfig, { port: 1001, host: 'a' }));
    const second = await override(made, valuesFor(DatabaseConfig, { port: 1002 }));
    await first.restore();
    expect(made.get(DatabaseConfig)).toMatchObject({ host: 'localhost', port: 1002 });
    await second.restore();
    await second.restore();
    expect(made.get(DatabaseConfig).port).toBe(5432);
  });

  it('throws the validation error for an invalid override and keeps the configuration', async () => {
    const made = await config();
    const error = await override(made, valuesFor(DatabaseConfig, { sslMode: 'verify-full' })).catch((e) => e);
    expect(ConfigValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('database.sslMode');
    expect(made.get(DatabaseConfig).sslMode).toBe('disable');
    // The refused values do not come back with the next override.
    await override(made, valuesFor(DatabaseConfig, { port: 2 }));
    expect(made.get(DatabaseConfig)).toMatchObject({ port: 2, sslMode: 'disable' });
  });

  it('queues the restore of a synchronous using before later reloads', async () => {
    const made = await config();
    {
      using _ = await override(made, valuesFor(HttpConfig, { port: 1 }));
      expect(made.get(HttpConfig).port).toBe(1);
    }
    await made.reload();
    expect(made.get(HttpConfig).port).toBe(8080);
  });

  it('works on a configuration made with plain loadConfig and a real source', async () => {
    const plain = await loadConfig(
      { sections: [HttpConfig], sources: [envSource({ prefix: 'APP_' })] },
      { env: { APP_HTTP__PORT: '3000' }, argv: [] },
    );
    closing.push(plain);
    const changes: ChangedEvent[] = [];
    plain.on('changed', (event) => changes.push(event));
    const first = await override(plain, valuesFor(HttpConfig, { port: 1 }));
    const second = await override(plain, valuesFor(HttpConfig, { port: 2 }));
    expect(plain.get(HttpConfig).port).toBe(2);
    // One override per path: the later value replaced the earlier one in the layer (the handle remembers it).
    expect(plain.explain('http.port')?.candidates.map((c) => [c.origin.source, c.value])).toEqual([
      ['env', '3000'],
      ['override', 2],
    ]);
    await first.restore();
    expect(plain.get(HttpConfig).port).toBe(2);
    await second.restore();
    expect(plain.get(HttpConfig).port).toBe(3000);
    expect(plain.overrides.list()).toEqual([]);
    expect(changes.map((c) => c.diff[0]?.origin?.source)).toEqual(['override', 'override', 'env']);
  });

  it('gives a path back to the earlier override when a later one is restored first', async () => {
    const made = await config();
    await override(made, valuesFor(DatabaseConfig, { port: 1001 }));
    const second = await override(made, valuesFor(DatabaseConfig, { port: 1002, host: 'b' }));
    await second.restore();
    expect(made.get(DatabaseConfig)).toMatchObject({ host: 'localhost', port: 1001 });
  });
});

describe('testSource', () => {
  it('drives changes, failures and recoveries without timers', async () => {
    // A second key stays after the delete below: a source left with no known key at all looks corrupted to
    // the reload guard (SUSPICIOUS_CHANGE), which is not what this test is about.
    const source = testSource({ values: { http: { port: 1 }, database: { host: 'db' } } });
    const made = await createTestConfig({ sections: [HttpConfig, DatabaseConfig], sources: [source] });
    closing.push(made);
    const events: string[] = [];
    made.on('changed', (e) => events.push(`changed ${e.diff.map((c) => `${c.path}=${String(c.after)}`)}`));
    made.on('sourceFailed', (e) => events.push(`failed ${e.source}: ${e.error.message}`));
    made.on('sourceRecovered', (e) => events.push(`recovered ${e.source}`));
    made.on('rejected', (e) => events.push(`rejected ${e.error.code}`));

    expect(made.get(HttpConfig).port).toBe(1);
    expect((await source.set('http.port', 2).settle()).status).toBe('changed');
    source.fail('connection refused');
    expect((await source.settle()).status).toBe('unchanged');
    expect(made.get(HttpConfig).port).toBe(2);
    source.recover().set('http.port', 3);
    await source.settle();
    expect((await source.set('http.port', -1).settle()).status).toBe('rejected');
    await source.delete('http.port').settle();
    expect(made.get(HttpConfig).port).toBe(8080);
    expect(events).toEqual([
      'changed http.port=2',
      'failed test: Source "test": connection refused',
      'recovered test',
      'changed http.port=3',
      'rejected CONFIG_INVALID',
      'changed http.port=8080',
    ]);
  });

  it('says when it is attached to no configuration', async () => {
    await expect(testSource().settle()).rejects.toThrow(/attached to no configuration/);
  });

  it('signals each change once to a watcher, and failures at once', () => {
    const source = testSource();
    const seen: string[] = [];
    source.watch?.({} as never, {
      changed: (reason) => seen.push(reason.detail),
      failed: (error, willRetry) => seen.push(`failed ${error.message} ${willRetry}`),
      recovered: () => seen.push('recovered'),
    });
    source.set('a.b', 1).delete('a.b').fail('down').recover();
    expect(seen).toEqual(['a.b set', 'a.b deleted', 'failed Source "test": down true', 'recovered']);
  });
});
