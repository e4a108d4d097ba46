import { IsInt, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, Env, Secret, Section, loadConfig } from '@strata/core';
import { argvSource, dotenvSource, envSource } from '@strata/env';

@Section('database')
class DatabaseConfig {
  @Env('DATABASE_URL') @IsString() url!: string;
  @Secret() @IsString() password!: string;
  @IsInt() poolSize = 10;
  @IsString() apiURL = 'x';
}

describe('describe(): how a field can be set', () => {
  it('names the variables, .env file and flag in "is required" hints, highest precedence first', async () => {
    const error = (await loadConfig(
      {
        sections: [DatabaseConfig],
        sources: [dotenvSource({ prefix: 'APP_' }), envSource({ prefix: 'APP_' }), argvSource()],
      },
      { env: {}, argv: [], cwd: '/nonexistent-dir-for-test' },
    ).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      'database.url: is required — not set by any source (--database.url, or env DATABASE_URL or APP_DATABASE__URL, or DATABASE_URL or APP_DATABASE__URL in .env)',
    );
    expect(error.message).toContain(
      'database.password: is required — not set by any source (--database.password, or env APP_DATABASE__PASSWORD',
    );
  });

  it('spells names in UPPER_SNAKE with the separator', async () => {
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [envSource({ prefix: 'SVC_', separator: '___' })] },
      { env: { DATABASE_URL: 'u', SVC_DATABASE___PASSWORD: 'p' }, argv: [] },
    );
    expect(config.explain('database.poolSize')?.inputs).toEqual(['env SVC_DATABASE___POOL_SIZE']);
    expect(config.explain('database.apiURL')?.inputs).toEqual(['env SVC_DATABASE___API_URL']);
    await config.close();
  });
});
