import {
  type BeforeApplicationShutdown,
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnModuleDestroy,
  Scope,
} from '@nestjs/common';
import { ContextIdFactory, NestFactory } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  Config,
  ConfigValidationError,
  STRATA_CONFIG as CORE_STRATA_CONFIG,
  Snapshot,
  StrataError,
} from '@strata/core';
import type { Live } from '@strata/events';
import { afterEach, describe, expect, test } from 'vitest';
import { InjectLive, STRATA_CONFIG, StrataModule, liveToken } from '../src/index.js';
import { type TestSource, testSource } from '@strata-internal/test-support';
import { DatabaseConfig, GreetingConfig, PoolConfig, sections } from './support/sections.js';

/** A singleton: built once at bootstrap. */
@Injectable()
class Repository {
  constructor(
    readonly database: DatabaseConfig,
    readonly pool: PoolConfig,
    @InjectLive(DatabaseConfig) readonly live: Live<DatabaseConfig>,
    readonly config: Config,
    @Inject(STRATA_CONFIG) readonly configByToken: Config,
  ) {}
}

/** Request-scoped: built for each request (each context id). */
@Injectable({ scope: Scope.REQUEST })
class RequestContext {
  constructor(
    readonly database: DatabaseConfig,
    readonly snapshot: Snapshot,
  ) {}
}

/** Transient: built for each consumer and each `resolve`. */
@Injectable({ scope: Scope.TRANSIENT })
class Job {
  constructor(readonly greeting: GreetingConfig) {}
}

@Controller('config')
class ConfigController {
  constructor(
    readonly greeting: GreetingConfig,
    readonly repository: Repository,
  ) {}

  @Get()
  read(): { text: string; url: string } {
    return { text: this.greeting.text, url: this.repository.database.url };
  }
}

const open: TestingModule[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((module) => module.close()));
});

const quiet = { env: {}, argv: [] } as const;

/** Compile a testing module (closed after the test). */
async function compile(metadata: ModuleMetadata): Promise<TestingModule> {
  const module = await Test.createTestingModule(metadata).compile();
  open.push(module);
  return module;
}

/** A testing module with the consumers above over a configuration read from `source`. */
async function appOver(source: TestSource): Promise<TestingModule> {
  return compile({
    imports: [StrataModule.forRoot({ sections, sources: [source] }, quiet)],
    providers: [Repository, RequestContext, Job],
    controllers: [ConfigController],
  });
}

function validSource(): TestSource {
  return testSource({ database: { url: 'postgres://db/one' }, greeting: { text: 'hello' } });
}

describe('StrataModule.forRoot', () => {
  test('injects sections and nested classes by type into services and controllers, and the Config itself', async () => {
    const module = await appOver(validSource());
    const repository = module.get(Repository);
    const config = module.get(Config);

    expect(repository.database).toBe(config.get(DatabaseConfig));
    expect(repository.database).toBeInstanceOf(DatabaseConfig);
    expect(repository.database.url).toBe('postgres://db/one');
    expect(repository.pool).toBe(config.get(PoolConfig));
    expect(repository.config).toBe(config);
    expect(repository.configByToken).toBe(config);
    expect(repository.live.current).toBe(config.get(DatabaseConfig));
    expect(module.get(liveToken(DatabaseConfig))).toBe(repository.live);
    expect(module.get(ConfigController).read()).toEqual({ text: 'hello', url: 'postgres://db/one' });
    // Outside a constructor: resolve (sections are transient, so Nest's get() refuses them) or ask the Config.
    expect(await module.resolve(DatabaseConfig)).toBe(config.get(DatabaseConfig));
    // The same key as core's inversify identifier, so shared code names the configuration one way.
    expect(STRATA_CONFIG).toBe(CORE_STRATA_CONFIG);
  });

  test('after a reload, singletons keep their instances, Live and new request-scoped and transient resolutions see the new ones', async () => {
    const source = validSource();
    const module = await appOver(source);
    const config = module.get(Config);
    const repository = module.get(Repository);
    const controller = module.get(ConfigController);
    const before = await module.resolve(RequestContext, ContextIdFactory.create());
    const seen: Array<[number, number]> = [];
    repository.live.subscribe((next, prev) => seen.push([prev.port, next.port]));

    source.set('database.port', 6000);
    source.set('greeting.text', 'bonjour');
    expect((await config.reload()).status).toBe('changed');

    expect(module.get(Repository)).toBe(repository);
    expect(repository.database.port).toBe(5432);
    expect(controller.read().text).toBe('hello');
    expect(repository.live.current.port).toBe(6000);
    expect(seen).toEqual([[5432, 6000]]);
    expect(before.database.port).toBe(5432);

    const after = await module.resolve(RequestContext, ContextIdFactory.create());
    expect(after.database.port).toBe(6000);
    expect(after.database).toBe(config.get(DatabaseConfig));
    expect(after.snapshot.generation).toBe(before.snapshot.generation + 1);
    expect((await module.resolve(Job)).greeting.text).toBe('bonjour');
  });

  test('an invalid reload is rejected: Live and new resolutions keep the last good values', async () => {
    const source = validSource();
    const module = await appOver(source);
    const config = module.get(Config);
    const repository = module.get(Repository);

    source.set('database.port', 0);
    const result = await config.reload();
    expect(result.status).toBe('rejected');
    expect(result.error?.message).toContain('database.port');

    expect(repository.live.current.port).toBe(5432);
    expect((await module.resolve(RequestContext, ContextIdFactory.create())).database.port).toBe(5432);
  });

  test('reports a Live subscriber that throws to onListenerError; the reload still applies', async () => {
    const source = validSource();
    const reported: Array<{ error: unknown; listener: string }> = [];
    const module = await compile({
      imports: [
        StrataModule.forRoot(
          { sections, sources: [source] },
          {
            ...quiet,
            onListenerError: (error, context) => reported.push({ error, listener: context.listener }),
          },
        ),
      ],
      providers: [Repository],
    });
    module.get(Repository).live.subscribe(() => {
      throw new Error('listener failed');
    });
    source.set('database.port', 7000);
    expect((await module.get(Config).reload()).status).toBe('changed');
    expect(reported).toEqual([
      { error: new Error('listener failed'), listener: 'Live<DatabaseConfig>.subscribe' },
    ]);
    expect(module.get(Repository).live.current.port).toBe(7000);
  });

  test("closing the application closes the configuration, after the providers' own destroy hooks", async () => {
    const seenAtDestroy: boolean[] = [];
    @Injectable()
    class Pool implements OnModuleDestroy, BeforeApplicationShutdown {
      constructor(private readonly config: Config) {}
      onModuleDestroy(): void {
        seenAtDestroy.push(this.config.closed);
      }
      beforeApplicationShutdown(): void {
        seenAtDestroy.push(this.config.closed);
      }
    }
    const module = await Test.createTestingModule({
      imports: [StrataModule.forRoot({ sections, sources: [validSource()] }, quiet)],
      providers: [Pool],
    }).compile();
    const config = module.get(Config);
    expect(config.closed).toBe(false);
    await module.close();
    expect(seenAtDestroy).toEqual([false, false]);
    expect(config.closed).toBe(true);
  });

  test('fails the bootstrap with the ConfigValidationError naming each missing or invalid key', async () => {
    const source = testSource({ database: { port: 0 } });
    const failure = await Test.createTestingModule({
      imports: [StrataModule.forRoot({ sections, sources: [source] }, quiet)],
      providers: [Repository],
    })
      .compile()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(ConfigValidationError.is(failure)).toBe(true);
    const message = (failure as ConfigValidationError).message;
    expect(message).toContain('database.url');
    expect(message).toContain('database.port');
    expect(message).toContain('test:database.port');
  });

  test('NestFactory.createApplicationContext rejects with the same error when abortOnError is off', async () => {
    @Module({
      imports: [StrataModule.forRoot({ sections, sources: [testSource({})] }, quiet)],
      providers: [Repository],
    })
    class AppModule {}
    const failure = await NestFactory.createApplicationContext(AppModule, {
      abortOnError: false,
      logger: false,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ConfigValidationError.is(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/database\.url: .*required/);
  });
});

describe('module scope', () => {
  @Module({ providers: [Repository], exports: [Repository] })
  class FeatureModule {}

  test('isGlobal makes the sections injectable in modules that do not import it', async () => {
    const module = await compile({
      imports: [
        StrataModule.forRoot({ sections, sources: [validSource()] }, { ...quiet, isGlobal: true }),
        FeatureModule,
      ],
    });
    expect(module.get(Repository).database.url).toBe('postgres://db/one');
  });

  test('without isGlobal, a module that does not import it cannot inject the sections', async () => {
    const failure = await Test.createTestingModule({
      imports: [StrataModule.forRoot({ sections, sources: [validSource()] }, quiet), FeatureModule],
    })
      .compile()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(String(failure)).toMatch(/DatabaseConfig/);
  });

  test('modules importing the same forRoot value share one configuration', async () => {
    const strata = StrataModule.forRoot({ sections, sources: [validSource()] }, quiet);
    @Module({ imports: [strata], providers: [Repository], exports: [Repository] })
    class First {}
    @Injectable()
    class Other {
      constructor(readonly config: Config) {}
    }
    @Module({ imports: [strata], providers: [Other], exports: [Other] })
    class Second {}
    const module = await compile({ imports: [First, Second] });
    expect(module.get(Other).config).toBe(module.get(Repository).config);
  });
});

describe('StrataModule.forRootAsync', () => {
  @Injectable()
  class Settings {
    readonly databaseUrl = 'postgres://from-settings';
  }
  @Module({ providers: [Settings], exports: [Settings] })
  class SettingsModule {}

  test('loads the definition its factory returns, with injected dependencies', async () => {
    const module = await compile({
      imports: [
        StrataModule.forRootAsync({
          sections,
          imports: [SettingsModule],
          inject: [Settings],
          useFactory: async (settings: Settings) => ({
            definition: { sections, sources: [testSource({ database: { url: settings.databaseUrl } })] },
            options: quiet,
          }),
        }),
      ],
      providers: [Repository],
    });
    expect(module.get(Repository).database.url).toBe('postgres://from-settings');
    expect(module.get(Repository).live.current.url).toBe('postgres://from-settings');
  });

  test('fails the bootstrap when the definition lists other sections than the option', async () => {
    const failure = await Test.createTestingModule({
      imports: [
        StrataModule.forRootAsync({
          sections: [DatabaseConfig],
          useFactory: () => ({
            definition: { sections, sources: [validSource()] },
            options: quiet,
          }),
        }),
      ],
    })
      .compile()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(StrataError.is(failure, 'DEFINITION_INVALID')).toBe(true);
    expect((failure as Error).message).toContain('not in the "sections" option: GreetingConfig');
  });
});
