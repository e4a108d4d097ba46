// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
import { IsInt, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { defaultsLayer, formatOrigin, loadConfig, Section, StrataError } from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

@Section('cache')
class CacheConfig {
  @IsInt() ttlSeconds = 1;
  @IsString() url = 'none';
}

@Section('app')
class AppConfig {
  @IsString() name = 'app';
}

const cacheDefaults = () =>
  defaultsLayer({
    name: '@acme/cache',
    sections: [CacheConfig],
    values: { cache: { ttlSeconds: 60, url: 'redis://${env:REDIS_HOST:-localhost}:6379' } },
    environments: { production: { cache: { ttlSeconds: 300 } } },
  });

describe('defaultsLayer', () => {
  it("is a package's defaults at the bottom of the stack, per environment, with templates", async () => {
    const development = await loadConfig(
      { sections: [CacheConfig, AppConfig], sources: [cacheDefaults()] },
      { env: {} },
    );
    expect({ ...development.get(CacheConfig) }).toEqual({ ttlSeconds: 60, url: 'redis://localhost:6379' });
    const production = await loadConfig(
      {
        sections: [CacheConfig, AppConfig],
        sources: [cacheDefaults(), fixedSource('file', { 'cache.url': 'redis://cache.prod:6379' })],
      },
      { environment: 'production', env: { REDIS_HOST: 'ignored' } },
    );
    expect({ ...production.get(CacheConfig) }).toEqual({ ttlSeconds: 300, url: 'redis://cache.prod:6379' });
    const ttl = production.explain('cache.ttlSeconds')!;
    expect(ttl.candidates.map((c) => formatOrigin(c.origin))).toEqual([
      'defaults @acme/cache#cache.ttlSeconds',
      'defaults @acme/cache#cache.ttlSeconds',
    ]);
  });

  it('may set only its own sections, and needs them in the definition', async () => {
    const intruder = defaultsLayer({ name: 'evil', sections: [CacheConfig], values: { app: { name: 'x' } } });
    const error = await loadConfig({ sections: [CacheConfig, AppConfig], sources: [intruder] }).catch(
      (e: unknown) => e,
    );
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('sets app.name, outside its own sections (cache)');
    const absent = await loadConfig({ sections: [AppConfig], sources: [cacheDefaults()] }).catch(
      (e: unknown) => e,
    );
    expect((absent as Error).message).toContain('CacheConfig is not a section of this configuration');
    expect(() => defaultsLayer({ name: 'a b', sections: [], values: {} })).toThrow(/package-like name/);
    const constructorEnv = await loadConfig(
      { sections: [CacheConfig, AppConfig], sources: [cacheDefaults()] },
      { environment: 'constructor', env: {} },
    );
    expect(constructorEnv.get(CacheConfig).ttlSeconds).toBe(60);
  });
});
