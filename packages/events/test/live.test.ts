import { strataModule } from '@strata/core';
import { Container, injectable } from 'inversify';
import { describe, expect, test, vi } from 'vitest';
import type { Live } from '../src/index.js';
import { bindLive, createLive, injectLive, liveIdentifier, liveModule } from '../src/index.js';
import { loadTestConfig } from './support/load.js';
import { DatabaseConfig, PoolConfig, ServerConfig } from './support/sections.js';

@injectable()
class ConnectionPool {
  constructor(
    @injectLive(DatabaseConfig) readonly database: Live<DatabaseConfig>,
    @injectLive(PoolConfig) readonly pool: Live<PoolConfig>,
  ) {}
}

@injectable()
class TypedPool {
  @injectLive(ServerConfig) readonly server!: Live<ServerConfig>;
  constructor(@injectLive(DatabaseConfig) readonly database: Live<DatabaseConfig>) {}
}

describe('Live<T>', () => {
  test('current is always the instance of the snapshot in effect', async () => {
    const { config, source } = await loadTestConfig();
    const live = createLive(config, DatabaseConfig);
    expect(live.current).toBe(config.get(DatabaseConfig));
    source.set('database.host', 'db-2');
    await config.reload();
    expect(live.current).toBe(config.get(DatabaseConfig));
    expect(live.current.host).toBe('db-2');
    expect(() => {
      // @ts-expect-error current is typed read-only, as the frozen instance is
      live.current.host = 'db-3';
    }).toThrow(TypeError);
    source.set('database.host', 42);
    await config.reload();
    expect(live.current.host).toBe('db-2');
  });

  test('subscribe gets next and prev after a change of its class, not of others', async () => {
    const { config, source } = await loadTestConfig();
    const live = createLive(config, PoolConfig);
    const listener = vi.fn();
    const stop = live.subscribe(listener);
    source.set('server.port', 9999);
    await config.reload();
    expect(listener).not.toHaveBeenCalled();
    source.set('database.pool.idleMs', 1);
    await config.reload();
    expect(listener).toHaveBeenCalledTimes(1);
    const [next, prev] = listener.mock.calls[0]! as [PoolConfig, PoolConfig];
    expect([prev.idleMs, next.idleMs]).toEqual([10_000, 1]);
    expect(next).toBe(live.current);
    stop();
    source.set('database.pool.idleMs', 2);
    await config.reload();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('a throwing subscriber is reported with its handle named', async () => {
    const { config, source } = await loadTestConfig();
    const reported: string[] = [];
    const live = createLive(config, ServerConfig, {
      onListenerError: (error, context) => reported.push(`${context.listener}: ${(error as Error).message}`),
    });
    const after = vi.fn();
    live.subscribe(() => {
      throw new Error('oops');
    });
    live.subscribe(after);
    source.set('server.greeting', 'hey');
    expect((await config.reload()).status).toBe('changed');
    expect(reported).toEqual(['Live<ServerConfig>.subscribe: oops']);
    expect(after).toHaveBeenCalledTimes(1);
  });

  test('refuses a class the configuration does not hold', async () => {
    const { config } = await loadTestConfig();
    class Other {}
    expect(() => createLive(config, Other)).toThrowError(/Other is not a configuration class/);
  });
});

describe('liveIdentifier', () => {
  test('one symbol per class, stable across calls, distinct for two classes of the same name', () => {
    const first = (() => class Settings {})();
    const second = (() => class Settings {})();
    expect(liveIdentifier(first)).toBe(liveIdentifier(first));
    expect(liveIdentifier(first)).not.toBe(liveIdentifier(second));
    expect(liveIdentifier(first).description).toBe('@strata/events/Live:Settings');
  });
});

describe('liveModule / bindLive', () => {
  test('a singleton injects Live handles that follow reloads', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    container.load(strataModule(config), liveModule(config));
    container.bind(ConnectionPool).toSelf().inSingletonScope();
    const pool = container.get(ConnectionPool);
    expect(pool.database.current.port).toBe(5432);

    source.set('database.port', 7777);
    source.set('database.pool.size', 50);
    await config.reload();

    expect(container.get(ConnectionPool)).toBe(pool);
    expect(pool.database.current.port).toBe(7777);
    expect(pool.pool.current.size).toBe(50);
    expect(container.get<Live<ServerConfig>>(liveIdentifier(ServerConfig)).current).toBe(
      config.get(ServerConfig),
    );
  });

  test('injectLive injects the handle into constructor parameters and properties, typed', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    container.load(strataModule(config), liveModule(config));
    container.bind(TypedPool).toSelf().inSingletonScope();
    const pool = container.get(TypedPool);
    expect(pool.database.current).toBe(config.get(DatabaseConfig));
    expect(pool.server.current).toBe(config.get(ServerConfig));
    source.set('database.port', 7778);
    await config.reload();
    expect(pool.database.current.port).toBe(7778);
  });

  test('injectLive refuses at compile time a parameter or property of another class (must not type-check)', () => {
    class Wrong {
      // @ts-expect-error a Live<ServerConfig> property cannot take DatabaseConfig's handle
      @injectLive(DatabaseConfig) readonly server!: Live<ServerConfig>;
      // @ts-expect-error nor a parameter
      constructor(@injectLive(ServerConfig) readonly database: Live<DatabaseConfig>) {}
    }
    expect(Wrong).toBeTypeOf('function');
  });

  test('bindLive returns the function that unbinds the handles and drops their subscribers', async () => {
    const { config, source } = await loadTestConfig();
    const container = new Container();
    const unbind = bindLive(container, config);
    const live = container.get<Live<DatabaseConfig>>(liveIdentifier(DatabaseConfig));
    const listener = vi.fn();
    live.subscribe(listener);
    source.set('database.port', 1);
    await config.reload();
    expect(listener).toHaveBeenCalledTimes(1);

    unbind();
    expect(container.isBound(liveIdentifier(DatabaseConfig))).toBe(false);
    source.set('database.port', 2);
    await config.reload();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
