import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Container, inject, injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import {
  type Config,
  type ReadonlyDeep,
  ConfigValidationError,
  STRATA_CONFIG,
  Section,
  type Snapshot,
  STRATA_SNAPSHOT,
  loadConfig,
  overlayModule,
  strataModule,
} from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

class PoolConfig {
  @IsInt() @Min(1) @Max(50) max = 10;
}

@Section('database')
class DatabaseConfig {
  @IsString() url = 'postgres://main';
  @Type(() => PoolConfig) @ValidateNested() pool = new PoolConfig();
}

@Section('server')
class ServerConfig {
  @IsInt() port = 8080;
}

@injectable()
class Repository {
  constructor(
    readonly db: DatabaseConfig,
    readonly pool: PoolConfig,
    @inject(STRATA_CONFIG) readonly config: Config,
  ) {}
}

@injectable()
class ReadOnlyRepository {
  constructor(@inject(DatabaseConfig) readonly db: ReadonlyDeep<DatabaseConfig>) {}
}

async function setUp() {
  const file = fixedSource('file', { 'database.pool.max': 20 });
  const config = await loadConfig({ sections: [DatabaseConfig, ServerConfig], sources: [file] });
  const container = new Container();
  container.load(strataModule(config));
  container.bind(Repository).toSelf().inTransientScope();
  return { file, config, container };
}

describe('inversify integration', () => {
  it('injects sections and nested classes by type', async () => {
    const { config, container } = await setUp();
    const repository = container.get(Repository);
    expect(repository.db).toBe(config.get(DatabaseConfig));
    expect(repository.pool.max).toBe(20);
    expect(repository.config).toBe(config);
    expect(container.get(ServerConfig).port).toBe(8080);
    expect(container.get<Snapshot>(STRATA_SNAPSHOT)).toBe(config.snapshot);
    await config.close();
  });

  it('injects into a parameter typed ReadonlyDeep<T> when @inject names the class', async () => {
    const { config, container } = await setUp();
    container.bind(ReadOnlyRepository).toSelf();
    const repository = container.get(ReadOnlyRepository);
    expect(repository.db).toBe(config.get(DatabaseConfig));
    expect(() => {
      // @ts-expect-error the parameter's type refuses writes, as the frozen instance does at run time
      repository.db.pool.max = 1;
    }).toThrow(TypeError);
    // Without @inject, the metadata of a mapped type is Object: inversify cannot resolve it by type.
    expect(Reflect.getMetadata('design:paramtypes', ReadOnlyRepository)).toEqual([Object]);
    await config.close();
  });

  it('resolves the snapshot current at resolution time', async () => {
    const { file, config, container } = await setUp();
    const before = container.get(Repository);
    file.values = { 'database.pool.max': 30 };
    await config.reload();
    expect(container.get(Repository).pool.max).toBe(30);
    expect(before.pool.max).toBe(20);
    await config.close();
  });

  it('gives a child container a validated overlay of its own', async () => {
    const { config, container } = await setUp();
    const tenant = new Container({ parent: container });
    tenant.load(
      await overlayModule(config, {
        name: 'tenant-a',
        values: { database: { url: 'postgres://tenant-a', pool: { max: 5 } } },
      }),
    );
    tenant.bind(Repository).toSelf().inTransientScope();
    const repository = tenant.get(Repository);
    expect(repository.db.url).toBe('postgres://tenant-a');
    expect(repository.pool.max).toBe(5);
    expect(tenant.get(DatabaseConfig).url).toBe('postgres://tenant-a');
    expect(container.get(DatabaseConfig).url).toBe('postgres://main');
    expect(tenant.get(ServerConfig)).toBe(container.get(ServerConfig));
    const error = await overlayModule(config, {
      name: 'tenant-b',
      values: { database: { pool: { max: 500 } } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain(
      'database.pool.max: must not be greater than 50 — got 500 from overlay tenant-b:database.pool.max',
    );
    await config.close();
  });
});
