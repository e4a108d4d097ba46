import { Container, inject, injectable, named } from 'inversify';
import { describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  Description,
  Secret,
  Section,
  StrataError,
  loadConfig,
  namedSection,
  strataModule,
} from '@strata/core';
import { IsInt, IsString, IsUrl, Max, Min } from '@strata/core/rules';
import { fixedSource } from '@strata-internal/test-support';

@Description('A database connection')
class DatabaseConfig {
  @IsUrl({ require_tld: false, protocols: ['postgres'] }) url = 'postgres://localhost/app';
  @IsInt() @Min(1) @Max(100) poolSize = 10;
  @Secret() @IsString() password = 'default-password';
}

@Section('server')
class ServerConfig {
  @IsInt() port = 8080;
}

const PrimaryDb = namedSection(DatabaseConfig, 'primary', 'databases.primary');
const ReplicaDb = namedSection(DatabaseConfig, 'replica', 'databases.replica');

@injectable()
class Repository {
  constructor(
    @inject(DatabaseConfig) @named('primary') readonly primary: DatabaseConfig,
    @inject(DatabaseConfig) @named('replica') readonly replica: DatabaseConfig,
    readonly server: ServerConfig,
  ) {}
}

describe('named sections', () => {
  it('binds one class at several paths, each with its own values and origins', async () => {
    const file = fixedSource('file', {
      'databases.primary.url': 'postgres://primary/app',
      'databases.replica.url': 'postgres://replica/app',
      'databases.replica.poolSize': 40,
    });
    const config = await loadConfig({ sections: [ServerConfig, PrimaryDb, ReplicaDb], sources: [file] });
    const primary = config.get(DatabaseConfig, 'primary');
    const replica = config.get(DatabaseConfig, 'replica');
    expect(primary).toBeInstanceOf(DatabaseConfig);
    expect([primary.url, primary.poolSize]).toEqual(['postgres://primary/app', 10]);
    expect([replica.url, replica.poolSize]).toEqual(['postgres://replica/app', 40]);
    expect(config.get(ReplicaDb)).toBe(replica);
    const explained = config.explain('databases.replica.poolSize');
    expect(explained?.source).toMatchObject({ source: 'file' });
    expect(config.explain('databases.primary.poolSize')?.source).toBe('default');
    expect(config.schema.object('databases.primary')?.description).toBe('A database connection');
    expect(config.snapshot.isSecret('databases.replica.password')).toBe(true);
    expect(config.explain('databases.replica.password')?.value).toBe('[redacted]');
    expect(JSON.stringify(config.toJSON())).not.toContain('default-password');
    expect(() => config.get(DatabaseConfig, 'archive')).toThrow(
      'DatabaseConfig has no section named "archive" in this configuration (named: "primary", "replica")',
    );
    expect(() => config.get(DatabaseConfig)).toThrow(StrataError);
    await config.close();
  });

  it('validates each path on its own and names the path in the problem', async () => {
    const file = fixedSource('file', { 'databases.replica.poolSize': 500 });
    const error = await loadConfig({ sections: [PrimaryDb, ReplicaDb], sources: [file] }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues.map((i) => i.path)).toEqual([
      'databases.replica.poolSize',
    ]);
  });

  it('gives the same class for the same name and path, so reloads and schema caches share it', () => {
    expect(namedSection(DatabaseConfig, 'primary', 'databases.primary')).toBe(PrimaryDb);
    expect(namedSection(DatabaseConfig, 'primary', 'other.primary')).not.toBe(PrimaryDb);
    expect(PrimaryDb.name).toBe('DatabaseConfig(primary)');
    expect(() => namedSection(DatabaseConfig, 'bad name', 'x')).toThrow(/a name is letters/);
    expect(() => namedSection(DatabaseConfig, 'ok', 'bad path!')).toThrow(/a section path is/);
  });

  it('refuses two named sections at overlapping paths', async () => {
    const inner = namedSection(DatabaseConfig, 'inner', 'databases.primary.inner');
    await expect(loadConfig({ sections: [PrimaryDb, inner], sources: [] })).rejects.toThrow(/overlaps/);
  });

  it('injects each by name with inversify, beside unnamed sections', async () => {
    const file = fixedSource('file', { 'databases.replica.poolSize': 7 });
    const config = await loadConfig({ sections: [ServerConfig, PrimaryDb, ReplicaDb], sources: [file] });
    const container = new Container();
    container.load(strataModule(config));
    container.bind(Repository).toSelf();
    const repository = container.get(Repository);
    expect(repository.primary).toBe(config.get(DatabaseConfig, 'primary'));
    expect(repository.replica.poolSize).toBe(7);
    expect(repository.server.port).toBe(8080);
    file.values = { 'databases.replica.poolSize': 8 };
    await config.reload();
    expect(container.get(Repository).replica.poolSize).toBe(8);
    await config.close();
  });
});
