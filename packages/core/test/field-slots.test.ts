import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, Deprecated, Section, loadConfig } from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

// Values, origins and candidates are kept per field in arrays numbered over every section and nested class:
// these check that each field reads its own entry, whatever section or depth it sits in.

class Pool {
  @IsInt() @Min(1) size = 5;
  @IsInt() idleMs = 1000;
}

@Section('db')
class DbConfig {
  @IsString() url = 'postgres://default';
  @Type(() => Pool) @ValidateNested() pool = new Pool();
  @IsInt() timeoutMs = 30;
}

@Section('server')
class ServerConfig {
  @IsInt() port = 80;
  @Deprecated({ replacedBy: 'server.port' }) @IsInt() listenPort = 0;
  @IsString() host = 'localhost';
}

describe('per-field values across sections and nested classes', () => {
  it('gives every field its own value, origin and candidates', async () => {
    const config = await loadConfig({
      sections: [DbConfig, ServerConfig],
      sources: [
        fixedSource('file', { 'server.host': 'a', 'db.pool.idleMs': 10, 'db.url': 'postgres://file' }),
        fixedSource('env', { 'DB.POOL.IDLE_MS': '20', 'SERVER.LISTEN_PORT': '8080' }, { textual: true }),
      ],
    });
    expect(config.get(DbConfig)).toMatchObject({ url: 'postgres://file', timeoutMs: 30 });
    expect(config.get(Pool)).toMatchObject({ size: 5, idleMs: 20 });
    expect(config.get(ServerConfig)).toMatchObject({ port: 8080, host: 'a', listenPort: 8080 });

    const idle = config.explain('db.pool.idleMs')!;
    expect(idle.source).toEqual({ source: 'env', locator: 'DB.POOL.IDLE_MS' });
    expect(idle.candidates.map((c) => [c.origin.source, c.value, c.winner])).toEqual([
      ['file', 10, false],
      ['env', '20', true],
    ]);
    // The deprecated key is a candidate of the field that replaces it, too.
    expect(config.explain('server.port')?.candidates.map((c) => [c.origin.locator, c.winner])).toEqual([
      ['SERVER.LISTEN_PORT', true],
    ]);
    expect(config.explain('db.pool.size')).toMatchObject({ source: 'default', value: 5, candidates: [] });
    expect(config.explain('db.timeoutMs')?.source).toBe('default');
    expect(config.explain('server.host')?.source).toEqual({ source: 'file', locator: 'server.host' });
  });

  it('names the origin of each failing field and reports conversions in the order sources set them', async () => {
    const error = await loadConfig({
      sections: [DbConfig, ServerConfig],
      sources: [
        fixedSource(
          'file',
          { 'server.port': 'x', 'db.pool.size': 0, 'db.timeoutMs': 'y' },
          { textual: true },
        ),
      ],
    }).catch((caught: unknown) => caught);
    expect(ConfigValidationError.is(error)).toBe(true);
    const issues = (error as ConfigValidationError).issues;
    expect(issues.map((issue) => [issue.path, issue.constraint, issue.origin?.locator])).toEqual([
      ['server.port', 'type', 'server.port'],
      ['db.timeoutMs', 'type', 'db.timeoutMs'],
      ['db.pool.size', 'min', 'db.pool.size'],
    ]);
  });
});
