import { IsInt, IsString, Max, Min } from 'class-validator';
import { Container, injectable } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Config,
  type ConfigSource,
  type LeafValue,
  REDACTED,
  ScopeError,
  type ScopedSource,
  type ScopeValues,
  ScopeView,
  Secret,
  Section,
  StrataError,
  loadConfig,
  strataModule,
} from '@strata/core';
import { expandScopeTemplate, layerFromTree, SourceError } from '@strata/core/source';
import { type FixedSource, fixedSource } from '@strata-internal/test-support';

@Section('limits')
class LimitsConfig {
  @IsInt() @Min(1) @Max(10_000) requestsPerMinute = 100;
  @IsInt() @Min(1) burst = 10;
}

@Section('api')
class ApiConfig {
  @Secret() @IsString() key = 'service-key';
  @IsString() region = 'eu';
}

/** A scoped source serving `values[scope value]`, recording every source it creates (and disposes). */
function scopedFixed(name: string, level: string, values: Record<string, Record<string, LeafValue>>) {
  const made: (FixedSource & { disposed: boolean })[] = [];
  const scoped: ScopedSource = {
    name,
    level,
    forScope(scope: ScopeValues): ConfigSource {
      const source = Object.assign(fixedSource(name, values[scope[level]!] ?? {}), { disposed: false });
      source.dispose = async () => {
        source.disposed = true;
      };
      made.push(source);
      return source;
    },
  };
  return { scoped, made };
}

const open: Config[] = [];
afterEach(async () => {
  for (const config of open.splice(0)) await config.close();
});

async function start(options: {
  service?: Record<string, LeafValue>;
  tenants?: Record<string, Record<string, LeafValue>>;
  users?: Record<string, Record<string, LeafValue>>;
  cacheSize?: number;
}) {
  const service = fixedSource('service', options.service ?? { 'limits.requestsPerMinute': 100 });
  const tenants = scopedFixed('tenant-files', 'tenant', options.tenants ?? {});
  const users = scopedFixed('user-files', 'user', options.users ?? {});
  const config = await loadConfig({
    sections: [LimitsConfig, ApiConfig],
    sources: [service],
    scopes: {
      sources: [users.scoped, tenants.scoped],
      ...(options.cacheSize ? { cacheSize: options.cacheSize } : {}),
    },
  });
  open.push(config);
  return { config, service, tenants, users };
}

describe('config.scope(): tenant and user layers over the service', () => {
  it("lays the tenant's then the user's values over the service's, with provenance", async () => {
    const { config } = await start({
      tenants: { acme: { 'limits.requestsPerMinute': 500, 'limits.burst': 50 } },
      users: { 'u-42': { 'limits.burst': 70 } },
    });
    const view = await config.scope({ tenant: 'acme', user: 'u-42' });
    expect(view).toBeInstanceOf(ScopeView);
    expect(view.get(LimitsConfig)).toMatchObject({ requestsPerMinute: 500, burst: 70 });
    // The user level wins over the tenant level although its source is listed first: levels order layers.
    const burst = view.explain('limits.burst')!;
    expect(burst.candidates.map((c) => [c.origin.source, c.value, c.winner])).toEqual([
      ['tenant-files', 50, false],
      ['user-files', 70, true],
    ]);
    expect(view.explain('limits.requestsPerMinute')!.candidates.map((c) => c.origin.source)).toEqual([
      'service',
      'tenant-files',
    ]);
    // The service itself is untouched.
    expect(config.get(LimitsConfig)).toMatchObject({ requestsPerMinute: 100, burst: 10 });
    expect(view.scope).toEqual({ tenant: 'acme', user: 'u-42' });
    expect(view.generation).toBe(config.generation);
  });

  it('keeps runtime overrides on top of every scope', async () => {
    const { config } = await start({ tenants: { acme: { 'limits.requestsPerMinute': 500 } } });
    await config.overrides.set('limits.requestsPerMinute', 5, { actor: 'ops' });
    const view = await config.scope({ tenant: 'acme' });
    expect(view.get(LimitsConfig).requestsPerMinute).toBe(5);
    expect(view.explain('limits.requestsPerMinute')!.candidates.map((c) => c.origin.source)).toEqual([
      'service',
      'tenant-files',
      'override',
    ]);
  });

  it('gives a scope without layers (or no scope values) the service configuration', async () => {
    const { config } = await start({ tenants: { acme: { 'limits.burst': 5 } } });
    expect((await config.scope({ tenant: 'other' })).get(LimitsConfig).burst).toBe(10);
    expect((await config.scope({})).toJSON()).toEqual(config.toJSON());
  });

  it('fails an invalid tenant alone, naming the tenant, the key and the rule', async () => {
    const { config } = await start({
      tenants: { acme: { 'limits.requestsPerMinute': 50_000 }, globex: { 'limits.burst': 20 } },
    });
    const error = await config.scope({ tenant: 'acme' }).catch((e: unknown) => e);
    expect(ScopeError.is(error)).toBe(true);
    expect(StrataError.is(error, 'SCOPE_FAILED')).toBe(true);
    const message = (error as ScopeError).message;
    expect(message).toContain('tenant "acme"');
    expect(message).toContain('limits.requestsPerMinute');
    expect(message).toContain('tenant-files limits.requestsPerMinute');
    expect((error as ScopeError).scope).toEqual({ tenant: 'acme' });
    expect(StrataError.is((error as ScopeError).cause, 'CONFIG_INVALID')).toBe(true);
    // The service and the other tenants carry on.
    expect(config.get(LimitsConfig).requestsPerMinute).toBe(100);
    expect((await config.scope({ tenant: 'globex' })).get(LimitsConfig).burst).toBe(20);
  });

  it.each([
    ['a parent folder', { tenant: '..' }],
    ['a path', { tenant: '../../etc/passwd' }],
    ['a slash', { tenant: 'a/b' }],
    ['a backslash', { tenant: 'a\\b' }],
    ['NUL', { tenant: 'acme\u0000.yaml' }],
    ['a control character', { tenant: 'acme\u001b[2J' }],
    ['a query', { tenant: 'acme?version=1' }],
    ['a percent escape', { tenant: '%2e%2e' }],
    ['an empty value', { tenant: '' }],
    ['a value past 128 characters', { tenant: 'a'.repeat(129) }],
    ['a number', { tenant: 42 as unknown as string }],
    ['an unknown level', { tenat: 'acme' }],
  ])('refuses %s as a scope value (SCOPE_INVALID)', async (_what, values) => {
    const { config, tenants } = await start({});
    const error = await config.scope(values).catch((e: unknown) => e);
    expect(StrataError.is(error, 'SCOPE_INVALID'), String(error)).toBe(true);
    const message = String((error as Error).message);
    expect(message.includes('\u001b') || message.includes('\u0000')).toBe(false);
    expect(tenants.made).toHaveLength(0);
  });

  it('suggests the level a misspelt key meant', async () => {
    const { config } = await start({});
    await expect(config.scope({ tenat: 'acme' })).rejects.toThrow(/did you mean "tenant"/);
  });

  it('keeps secrets of a tenant layer redacted in explain, toJSON and inspect', async () => {
    const { config } = await start({ tenants: { acme: { 'api.key': 'acme-SECRET-key' } } });
    const view = await config.scope({ tenant: 'acme' });
    expect(view.get(ApiConfig).key).toBe('acme-SECRET-key');
    expect(JSON.stringify(view)).not.toContain('acme-SECRET-key');
    expect(JSON.stringify(view.explain('api.key'))).not.toContain('acme-SECRET-key');
    expect(view.explain('api.key')!.value).toBe(REDACTED);
    const { inspect } = await import('node:util');
    expect(inspect(view)).not.toContain('acme-SECRET-key');
    expect(inspect(view)).toContain('tenant "acme"');
  });
});

describe('config.scope(): the cache', () => {
  it('returns the same view until something changes, loading each scope once', async () => {
    const { config, tenants } = await start({ tenants: { acme: { 'limits.burst': 5 } } });
    const first = await config.scope({ tenant: 'acme' });
    const [second, third] = await Promise.all([
      config.scope({ tenant: 'acme' }),
      config.scope({ tenant: 'acme' }),
    ]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(tenants.made).toHaveLength(1);
    expect(tenants.made[0]!.loads).toBe(1);
  });

  it('keeps at most cacheSize scopes, disposing the least recently used', async () => {
    const { config, tenants } = await start({ cacheSize: 2 });
    await config.scope({ tenant: 'a' });
    await config.scope({ tenant: 'b' });
    await config.scope({ tenant: 'a' }); // a is now the most recently used
    await config.scope({ tenant: 'c' }); // b goes
    expect(tenants.made.map((s) => s.disposed)).toEqual([false, true, false]);
    await config.scope({ tenant: 'a' });
    expect(tenants.made).toHaveLength(3); // a was still cached
    await config.scope({ tenant: 'b' });
    expect(tenants.made).toHaveLength(4); // b was loaded again
  });

  it('lets a scope pushed out while it loads finish that load before its sources are released', async () => {
    const config = await loadConfig({
      sections: [LimitsConfig],
      sources: [],
      scopes: {
        cacheSize: 1,
        sources: [
          {
            name: 'slow',
            level: 'tenant',
            forScope: (scope) => {
              let disposed = false;
              return {
                name: 'slow',
                async load() {
                  await new Promise((resolve) => setImmediate(resolve));
                  if (disposed) throw new SourceError('slow', 'the source was disposed');
                  const burst = scope.tenant === 'a' ? 1 : 2;
                  return layerFromTree({
                    source: 'slow',
                    tree: { limits: { burst } },
                    originOf: (path) => ({ source: 'slow', locator: path.join('.') }),
                  });
                },
                async dispose() {
                  disposed = true;
                },
              };
            },
          },
        ],
      },
    });
    open.push(config);
    const [a, b] = await Promise.all([config.scope({ tenant: 'a' }), config.scope({ tenant: 'b' })]);
    expect([a.get(LimitsConfig).burst, b.get(LimitsConfig).burst]).toEqual([1, 2]);
  });

  it('rebuilds views over a new service generation without reading the scope again', async () => {
    const { config, tenants } = await start({ tenants: { acme: { 'limits.burst': 5 } } });
    const before = await config.scope({ tenant: 'acme' });
    await config.overrides.set('limits.requestsPerMinute', 300);
    const after = await config.scope({ tenant: 'acme' });
    expect(after).not.toBe(before);
    expect(after.generation).toBe(config.generation);
    expect(after.get(LimitsConfig)).toMatchObject({ requestsPerMinute: 300, burst: 5 });
    expect(before.get(LimitsConfig).requestsPerMinute).toBe(100); // a view is immutable
    expect(tenants.made[0]!.loads).toBe(1);
  });

  it('reads the scopes again on config.reload()', async () => {
    const { config, tenants } = await start({ tenants: { acme: { 'limits.burst': 5 } } });
    await config.scope({ tenant: 'acme' });
    tenants.made[0]!.values = { 'limits.burst': 6 };
    await config.reload();
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).burst).toBe(6);
    // Reloading only service sources leaves the scopes' layers alone.
    tenants.made[0]!.values = { 'limits.burst': 7 };
    await config.reload({ sources: ['service'] });
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).burst).toBe(6);
    await config.reload({ sources: ['tenant-files'] });
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).burst).toBe(7);
  });

  it('retries a scope whose source is down, and keeps its last good layer through a later outage', async () => {
    const { config, tenants } = await start({ tenants: { acme: { 'limits.burst': 5 } } });
    const failing = tenants.scoped.forScope;
    let down = true;
    tenants.scoped.forScope = (scope) => {
      const source = failing(scope) as FixedSource;
      if (down) source.fail = new SourceError('tenant-files', 'store unreachable');
      return source;
    };
    await expect(config.scope({ tenant: 'acme' })).rejects.toThrow(/tenant "acme".*store unreachable/s);
    tenants.made[0]!.fail = undefined;
    down = false;
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).burst).toBe(5);
    tenants.made[0]!.fail = new SourceError('tenant-files', 'store unreachable');
    await config.reload();
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).burst).toBe(5);
  });

  it('refuses scopes after close', async () => {
    const { config, tenants } = await start({});
    await config.scope({ tenant: 'a' });
    await config.close();
    expect(tenants.made[0]!.disposed).toBe(true);
    await expect(config.scope({ tenant: 'a' })).rejects.toThrow(/closed/);
  });
});

describe('config.runInScope(): request-scoped sections through AsyncLocalStorage', () => {
  @injectable()
  class Handler {
    constructor(readonly limits: LimitsConfig) {}
  }

  it("gives a handler resolved inside a scope its tenant's section, and the service's outside", async () => {
    const { config } = await start({
      tenants: { acme: { 'limits.requestsPerMinute': 500 }, globex: { 'limits.requestsPerMinute': 900 } },
    });
    const container = new Container();
    container.load(strataModule(config));
    container.bind(Handler).toSelf().inTransientScope();
    const serve = (tenant: string) =>
      config.runInScope({ tenant }, async () => {
        await new Promise((resolve) => setImmediate(resolve)); // across an await, as a real handler
        expect(config.currentScope?.scope).toEqual({ tenant });
        return container.get(Handler).limits.requestsPerMinute;
      });
    // Interleaved requests each see their own tenant.
    expect(await Promise.all([serve('acme'), serve('globex'), serve('acme')])).toEqual([500, 900, 500]);
    expect(container.get(Handler).limits.requestsPerMinute).toBe(100);
    expect(config.currentScope).toBeUndefined();
  });

  it("does not lend one configuration's scope to another", async () => {
    const { config } = await start({ tenants: { acme: { 'limits.burst': 1 } } });
    const { config: other } = await start({});
    await config.runInScope({ tenant: 'acme' }, () => {
      expect(config.currentScope).toBeDefined();
      expect(other.currentScope).toBeUndefined();
    });
  });

  it('rejects without running the handler when the scope fails', async () => {
    const { config } = await start({ tenants: { acme: { 'limits.burst': 0 } } });
    let ran = false;
    await expect(
      config.runInScope({ tenant: 'acme' }, () => {
        ran = true;
      }),
    ).rejects.toThrow(ScopeError);
    expect(ran).toBe(false);
  });
});

describe('scopes in the definition', () => {
  it.each([
    [{ levels: [] as string[], sources: [] }, /levels is empty/],
    [{ levels: ['tenant', 'tenant'], sources: [] }, /listed twice/],
    [{ levels: ['__proto__ x'], sources: [] }, /not an identifier/],
    [{ sources: [], cacheSize: 0 }, /cacheSize/],
    [{ levels: ['env'], sources: [] }, /"env" is reserved/],
    [{ sources: [scopedFixed('t', 'team', {}).scoped] }, /level "team"/],
    [{ sources: [scopedFixed('service', 'tenant', {}).scoped] }, /two sources are named "service"/],
  ])('refuses %j', async (scopes, message) => {
    await expect(
      loadConfig({ sections: [LimitsConfig], sources: [fixedSource('service', {})], scopes }),
    ).rejects.toThrow(message);
  });
});

describe('expandScopeTemplate', () => {
  it('replaces each level once, and checks the values again', () => {
    expect(
      expandScopeTemplate('config/tenants/{tenant}/{user}.yaml', { tenant: 'acme', user: '{tenant}' }),
    ).toBe('config/tenants/acme/{tenant}.yaml');
    expect(() => expandScopeTemplate('secret/app/{tenant}', { tenant: '../admin' })).toThrow(/refused/);
    // `{env}` is the sources' own placeholder: left for them.
    expect(expandScopeTemplate('/app/{env}/tenants/{tenant}/', { tenant: 'acme' })).toBe(
      '/app/{env}/tenants/acme/',
    );
    expect(() => expandScopeTemplate('secret/app/{tenant}', { user: 'u' })).toThrow(/needs a tenant value/);
  });
});
