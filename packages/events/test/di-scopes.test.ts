import { StrataError, strataModule } from '@strata/core';
import { Container, inject, injectable } from 'inversify';
import { describe, expect, test, vi } from 'vitest';
import type { Live } from '../src/index.js';
import { liveIdentifier, liveModule, rebindOnChange } from '../src/index.js';
import { loadTestConfig } from './support/load.js';
import { DatabaseConfig, PoolConfig, ServerConfig } from './support/sections.js';

@injectable()
class Repository {
  constructor(
    readonly database: DatabaseConfig,
    @inject(liveIdentifier(DatabaseConfig)) readonly live: Live<DatabaseConfig>,
  ) {}
}

@injectable()
class RequestContext {
  constructor(readonly database: DatabaseConfig) {}
}

@injectable()
class RequestHandler {
  constructor(
    readonly context: RequestContext,
    readonly again: RequestContext,
    readonly pool: PoolConfig,
  ) {}
}

/** A container in the given pattern with a singleton, a request-scoped and a transient consumer. */
function containerFor(
  pattern: 'strataModule' | 'rebindOnChange',
  config: Parameters<typeof strataModule>[0],
) {
  const container = new Container();
  if (pattern === 'strataModule') container.load(strataModule(config));
  else rebindOnChange(container, config);
  container.load(liveModule(config));
  container.bind(Repository).toSelf().inSingletonScope();
  container.bind(RequestContext).toSelf().inRequestScope();
  container.bind(RequestHandler).toSelf().inTransientScope();
  return container;
}

describe.each(['strataModule', 'rebindOnChange'] as const)('%s with scopes', (pattern) => {
  test('a singleton keeps its instance (its Live handle shows the new one); later resolutions see the new snapshot', async () => {
    const { config, source } = await loadTestConfig();
    const container = containerFor(pattern, config);
    const repository = container.get(Repository);
    const handlerBefore = container.get(RequestHandler);

    source.set('database.port', 6000);
    source.set('database.pool.size', 12);
    await config.reload();

    const handlerAfter = container.get(RequestHandler);
    expect(container.get(Repository)).toBe(repository);
    expect(repository.database.port).toBe(5432);
    expect(repository.live.current.port).toBe(6000);
    expect(handlerBefore.context.database.port).toBe(5432);
    expect(handlerAfter.context.database.port).toBe(6000);
    expect(handlerAfter.context.database).toBe(config.get(DatabaseConfig));
    expect(handlerAfter.pool).toBe(config.get(PoolConfig));
    // Request scope: one RequestContext per resolution, built from the snapshot current at that time.
    expect(handlerAfter.context).toBe(handlerAfter.again);
    expect(handlerAfter.context).not.toBe(handlerBefore.context);
  });

  test('a rejected change leaves resolutions on the last good instances', async () => {
    const { config, source } = await loadTestConfig();
    const container = containerFor(pattern, config);
    const before = container.get(ServerConfig);
    source.set('server.port', 'eighty');
    expect((await config.reload()).status).toBe('rejected');
    expect(container.get(ServerConfig)).toBe(before);
  });
});

describe('rebindOnChange', () => {
  test('binds constants and rebinds every class to the new snapshot after a change', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    rebindOnChange(container, config);
    const database = container.get(DatabaseConfig);
    expect(database).toBe(config.get(DatabaseConfig));
    expect(container.get(DatabaseConfig)).toBe(database);

    source.set('server.greeting', 'salut');
    await config.reload();
    expect(container.get(ServerConfig).greeting).toBe('salut');
    // Unchanged sections are rebound too, so the container always serves what config.get() returns.
    expect(container.get(DatabaseConfig)).toBe(config.get(DatabaseConfig));
    expect(container.get(PoolConfig)).toBe(config.get(PoolConfig));
  });

  test("the container's deactivation hooks receive the replaced instance", async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    rebindOnChange(container, config);
    const retired: ServerConfig[] = [];
    container.onDeactivation(ServerConfig, (old) => {
      retired.push(old);
    });
    const first = container.get(ServerConfig);
    source.set('server.port', 8181);
    await config.reload();
    expect(retired).toEqual([first]);
    expect(retired[0]).toBe(first);
  });

  test('unsubscribing stops rebinding and leaves the last bindings', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    const stop = rebindOnChange(container, config);
    stop();
    const before = container.get(ServerConfig);
    source.set('server.port', 8282);
    await config.reload();
    expect(container.get(ServerConfig)).toBe(before);
  });

  test('refuses a container where the classes are already bound (strataModule)', async () => {
    const { config } = await loadTestConfig();
    const container = new Container();
    container.load(strataModule(config));
    let thrown: unknown;
    try {
      rebindOnChange(container, config);
    } catch (error) {
      thrown = error;
    }
    expect(StrataError.is(thrown, 'DEFINITION_INVALID')).toBe(true);
    expect((thrown as Error).message).toMatch(/DatabaseConfig, PoolConfig, ServerConfig already bound/);
  });

  test('an error while rebinding is reported, not thrown into the reload', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    const onListenerError = vi.fn();
    rebindOnChange(container, config, { onListenerError });
    container.onDeactivation(ServerConfig, () => {
      throw new Error('cleanup failed');
    });
    container.get(ServerConfig);
    source.set('server.port', 8383);
    expect((await config.reload()).status).toBe('changed');
    expect(onListenerError).toHaveBeenCalledWith(new Error('cleanup failed'), {
      event: 'changed',
      listener: 'rebindOnChange',
    });
  });
});
