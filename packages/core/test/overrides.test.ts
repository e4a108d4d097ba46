import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ChangedEvent,
  type Config,
  type ConfigEvent,
  type ConfigSource,
  ConfigValidationError,
  Reloadable,
  Secret,
  Section,
  StrataError,
  loadConfig,
} from '@strata/core';
import { fixedSource, recordingLogger, waitFor } from '@strata-internal/test-support';

@Section('server')
class ServerConfig {
  @IsInt() @Min(1) @Max(65535) port = 8080;
  @Reloadable(false) @IsString() host = '0.0.0.0';
  tags: string[] = [];
}

@Section('log')
class LogConfig {
  @IsIn(['debug', 'info', 'warn']) level = 'info';
}

@Section('db')
class DbConfig {
  @Secret() @IsString() password = 'initial-secret';
}

const open: Config[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const config of open.splice(0)) await config.close();
});

async function start(sources: ConfigSource[], options: { strict?: boolean; warnings?: string[] } = {}) {
  const logger = recordingLogger();
  const config = await loadConfig(
    { sections: [ServerConfig, LogConfig, DbConfig], sources },
    { strict: options.strict ?? false, logger },
  );
  open.push(config);
  const events: ConfigEvent[] = [];
  for (const type of ['changed', 'rejected', 'restartRequired'] as const) {
    config.on(type, (event) => events.push(event));
  }
  return { config, events, logger };
}

describe('runtime overrides', () => {
  it('sets a value above every source as one transaction, with its origin and reason', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start([file]);
    const result = await config.overrides.set('server.port', 9000, {
      actor: 'alice',
      reason: 'incident 4312',
    });
    expect(result).toMatchObject({ status: 'changed', generation: 2 });
    expect(config.get(ServerConfig).port).toBe(9000);
    expect(events).toEqual([
      {
        type: 'changed',
        generation: 2,
        previousGeneration: 1,
        diff: [
          {
            path: 'server.port',
            before: 1000,
            after: 9000,
            origin: { source: 'override', locator: 'alice' },
            secret: false,
          },
        ],
        reasons: [{ source: 'override', detail: 'set server.port by alice: incident 4312' }],
      },
    ]);
    expect(config.explain('server.port')?.candidates).toEqual([
      { origin: { source: 'file', locator: 'server.port' }, value: 1000, winner: false },
      { origin: { source: 'override', locator: 'alice' }, value: 9000, winner: true },
    ]);
    const [entry] = config.overrides.list();
    expect(entry).toMatchObject({
      path: 'server.port',
      value: 9000,
      origin: { source: 'override', locator: 'alice' },
      secret: false,
      text: false,
      reason: 'incident 4312',
      expiresAt: undefined,
    });
    expect(entry?.setAt).toBeInstanceOf(Date);
    expect(config.history().at(-1)?.reasons).toEqual([
      { source: 'override', detail: 'set server.port by alice: incident 4312' },
    ]);
  });

  it('works as docs/live-reload.md shows it', async () => {
    const { config } = await start([fixedSource('file', { 'log.level': 'warn' })]);
    await config.overrides.set('log.level', 'debug', {
      actor: 'alice',
      reason: 'incident 4312',
      ttlMs: 15 * 60_000,
    });
    expect(config.get(LogConfig).level).toBe('debug');
    expect(config.explain('log.level')?.source).toEqual({ source: 'override', locator: 'alice' });
    expect(config.overrides.list()).toMatchObject([
      { path: 'log.level', value: 'debug', reason: 'incident 4312' },
    ]);

    await config.overrides.delete('log.level');
    expect(config.get(LogConfig).level).toBe('warn');
  });

  it('refuses an invalid override with the usual error and keeps the last good configuration', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start([file]);
    const error = await config.overrides.set('server.port', 70000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain(
      'server.port: must not be greater than 65535 — got 70000 from override runtime',
    );
    expect(config.generation).toBe(1);
    expect(config.get(ServerConfig).port).toBe(1000);
    expect(config.overrides.list()).toEqual([]);
    expect(events).toMatchObject([{ type: 'rejected', generation: 1, error }]);
    // The refused value does not come back with the next change.
    await config.overrides.set('log.level', 'debug');
    expect(config.get(ServerConfig).port).toBe(1000);
  });

  it('keeps overrides through a source reload; the rest of the change applies', async () => {
    const file = fixedSource('file', { 'server.port': 1000, 'log.level': 'warn' });
    const { config } = await start([file]);
    await config.overrides.set('server.port', 9000);
    file.values = { 'server.port': 2000, 'log.level': 'debug' };
    const result = await config.reload();
    expect(result.status).toBe('changed');
    expect(config.get(ServerConfig).port).toBe(9000);
    expect(config.get(LogConfig).level).toBe('debug');
    expect(config.overrides.list().map((o) => o.path)).toEqual(['server.port']);
    expect(config.explain('server.port')?.candidates.map((c) => [c.value, c.winner])).toEqual([
      [2000, false],
      [9000, true],
    ]);
  });

  it("deletes an override (and those below a path): the source's value applies again", async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start([file]);
    await config.overrides.set({ server: { port: 9000, tags: ['a'] }, 'log.level': 'debug' });
    expect(config.overrides.list().map((o) => o.path)).toEqual(['server.port', 'server.tags', 'log.level']);
    const deleted = await config.overrides.delete('server', { actor: 'bob' });
    expect(deleted.status).toBe('changed');
    expect(config.get(ServerConfig)).toMatchObject({ port: 1000, tags: [] });
    expect(config.get(LogConfig).level).toBe('debug');
    expect((events.at(-1) as ChangedEvent).reasons).toEqual([
      { source: 'override', detail: 'delete server by bob' },
    ]);
    // Nothing to delete: no transaction, no event. An empty path is a path like any other, not "everything".
    const count = events.length;
    expect(await config.overrides.delete('server.port')).toMatchObject({ status: 'unchanged' });
    expect(await config.overrides.delete('')).toMatchObject({ status: 'unchanged' });
    expect(config.overrides.list().map((o) => o.path)).toEqual(['log.level']);
    expect(events).toHaveLength(count);
    await config.overrides.clear();
    expect(config.overrides.list()).toEqual([]);
    expect(config.get(LogConfig).level).toBe('info');
  });

  it('rolls back to a generation before the override, and forward to one with it', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config } = await start([file]);
    await config.overrides.set('server.port', 9000); // generation 2
    const result = await config.rollback(1);
    expect(result).toMatchObject({ status: 'changed', generation: 3 });
    expect(config.get(ServerConfig).port).toBe(1000);
    expect(config.overrides.list()).toEqual([]);
    await config.rollback(2);
    expect(config.get(ServerConfig).port).toBe(9000);
    expect(config.overrides.list().map((o) => o.path)).toEqual(['server.port']);
  });

  it('refuses unsafe paths with UNSAFE_KEY, whatever the form, and changes nothing', async () => {
    const { config, events } = await start([fixedSource('file', {})]);
    const attempts = [
      config.overrides.set('__proto__.polluted', 'yes'),
      config.overrides.set('server.constructor', 'yes'),
      config.overrides.set({ server: JSON.parse('{"__proto__": {"polluted": "yes"}}') }),
      config.overrides.set('server.tags', JSON.parse('[{"prototype": {"polluted": "yes"}}]')),
      config.overrides.delete('log.__proto__'),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(StrataError.is(error, 'UNSAFE_KEY'), String(error)).toBe(true);
      expect((error as Error).message).toContain('from override runtime');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.generation).toBe(1);
    expect(events).toEqual([]);
  });

  it('treats unknown keys as every layer does: an error under strict, a warning otherwise', async () => {
    const strict = await start([fixedSource('file', {})], { strict: true });
    const error = await strict.config.overrides.set('server.prot', 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toMatch(
      /server\.prot: is not a known setting.*did you mean server\.port/s,
    );
    const relaxed = await start([fixedSource('file', {})]);
    expect(await relaxed.config.overrides.set('server.prot', 1)).toMatchObject({ status: 'unchanged' });
    expect(relaxed.logger.lines.map((line) => line.message).join('\n')).toContain(
      'Override "server.prot" from override runtime is not a known setting (did you mean server.port?); it has no effect',
    );
    // A path the schema does not know may be a misspelt secret: list() does not show its value.
    expect(relaxed.config.overrides.list()).toMatchObject([{ path: 'server.prot', value: '[redacted]' }]);
  });

  it('takes typed values, and converts text only when asked', async () => {
    const { config } = await start([fixedSource('file', {})]);
    const error = await config.overrides.set('server.port', '9000').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigValidationError);
    await config.overrides.set({ 'server.port': '9000', 'server.tags': '["a","b"]' }, { text: true });
    expect(config.get(ServerConfig)).toMatchObject({ port: 9000, tags: ['a', 'b'] });
    expect(config.overrides.list().map((o) => [o.value, o.text])).toEqual([
      ['9000', true],
      ['["a","b"]', true],
    ]);
  });

  it('redacts an override of a @Secret field in events, explain and list()', async () => {
    const { config, events } = await start([fixedSource('file', {})]);
    await config.overrides.set('db.password', 'CANARY-override-7f1');
    expect(config.get(DbConfig).password).toBe('CANARY-override-7f1');
    expect(config.overrides.list()).toMatchObject([
      { path: 'db.password', value: '[redacted]', secret: true },
    ]);
    expect(config.explain('db.password')?.candidates.map((c) => c.value)).toEqual(['[redacted]']);
    await config.overrides.set('db.password', 'x').catch(() => undefined);
    const shown = JSON.stringify([events, config.history(), config.overrides.list(), config.toJSON()]);
    expect(shown).not.toContain('CANARY-override-7f1');
    expect((events[0] as ChangedEvent).diff).toEqual([
      {
        path: 'db.password',
        before: '[redacted]',
        after: '[redacted]',
        origin: { source: 'override', locator: 'runtime' },
        secret: true,
      },
    ]);
  });

  it('keeps a @Reloadable(false) value until restart, as for a change from a source', async () => {
    const { config, events } = await start([fixedSource('file', {})]);
    await config.overrides.set({ 'server.host': 'b', 'server.port': 9000 });
    expect(config.get(ServerConfig)).toMatchObject({ host: '0.0.0.0', port: 9000 });
    expect(events.map((e) => e.type)).toEqual(['restartRequired', 'changed']);
    expect(config.awaitingRestart).toEqual(['server.host']);
  });

  it('composes changes queued together, and copies values the caller may change later', async () => {
    const { config } = await start([fixedSource('file', {})]);
    const tags = ['a'];
    await Promise.all([
      config.overrides.set('server.port', 9000),
      config.overrides.set('server.tags', tags),
      config.overrides.update({ set: { 'log.level': 'debug' }, delete: ['server.port'] }),
    ]);
    tags.push('b');
    await config.reload();
    expect(config.get(ServerConfig)).toMatchObject({ port: 8080, tags: ['a'] });
    expect(config.get(LogConfig).level).toBe('debug');
    expect((await config.derive({})).get(LogConfig).level).toBe('debug');
  });

  it('lets an override with a time-to-live lapse through the same transaction', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start([file]);
    await config.overrides.set('server.port', 9000, { ttlMs: 30, actor: 'alice' });
    expect(config.overrides.list()[0]?.expiresAt).toBeInstanceOf(Date);
    const lapsed = await waitFor('the override to lapse', () =>
      events.find(
        (e): e is ChangedEvent => e.type === 'changed' && e.reasons[0]?.detail === 'expired server.port',
      ),
    );
    expect(lapsed.diff).toMatchObject([{ path: 'server.port', before: 9000, after: 1000 }]);
    expect(config.overrides.list()).toEqual([]);
    expect(config.get(ServerConfig).port).toBe(1000);
  });

  it('runs one expiry timer per configuration, which close() clears', async () => {
    vi.useFakeTimers();
    const { config } = await start([fixedSource('file', { 'server.port': 1000 })]);
    await config.overrides.set('server.port', 9000, { ttlMs: 60_000 });
    await config.overrides.set('log.level', 'debug', { ttlMs: 120_000 });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(config.get(ServerConfig).port).toBe(1000);
    expect(config.overrides.list().map((o) => o.path)).toEqual(['log.level']);
    expect(vi.getTimerCount()).toBe(1);
    await config.close();
    expect(vi.getTimerCount()).toBe(0);
    await expect(config.overrides.set('server.port', 1)).rejects.toThrow(/closed/);
  });

  it('leaves no active resource behind after close()', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const { config } = await start([fixedSource('file', {})]);
    await config.overrides.set('server.port', 9000, { ttlMs: 3_600_000 });
    await config.close();
    expect(timeouts()).toBeLessThanOrEqual(before);
  });

  it('keeps an override whose lapse is refused, without retrying it in a loop', async () => {
    vi.useFakeTimers();
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start([file]);
    await config.overrides.set('server.port', 9000, { ttlMs: 1_000 });
    // The source changes to a value that is only valid because the override hides it.
    file.values = { 'server.port': 70000 };
    expect((await config.reload()).status).toBe('unchanged');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.at(-1)).toMatchObject({
      type: 'rejected',
      reasons: [{ source: 'override', detail: 'expired server.port' }],
    });
    expect(config.get(ServerConfig).port).toBe(9000);
    expect(config.overrides.list().map((o) => o.path)).toEqual(['server.port']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses values no configuration can hold, naming the path', async () => {
    const { config } = await start([fixedSource('file', {})]);
    const error = await config.overrides
      .set('log.level', undefined as unknown as string)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('log.level: cannot be overridden with undefined');
    expect(config.get(LogConfig).level).toBe('info');
  });

  it('refuses a time-to-live that is not a positive number of milliseconds', async () => {
    const { config } = await start([fixedSource('file', {})]);
    for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(config.overrides.set('server.port', 1, { ttlMs })).rejects.toThrow(RangeError);
    }
  });
});
