import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, Secret, Section, loadConfig } from '@strata/core';
import { fileSource } from '@strata/file';

@Section('database')
class DatabaseConfig {
  @Secret() @IsString() password!: string;
}

async function configDir(files: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'strata-file-describe-'));
  await mkdir(path.join(cwd, 'config'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(cwd, 'config', name), text);
  return cwd;
}

describe('file source: environments() and describe()', () => {
  it('lists the environments that have a profile file', async () => {
    const cwd = await configDir({
      'default.yaml': '',
      'production.yaml': '',
      'staging.json': '{}',
      'local.yaml': '',
      'local-production.yaml': '',
      'notes.txt': '',
    });
    const source = fileSource({ dir: 'config' });
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [source] },
      { cwd, env: {}, environment: 'x' },
    ).catch((e: unknown) => e);
    expect(config).toBeInstanceOf(ConfigValidationError);
    const context = { environment: 'x', cwd } as Parameters<NonNullable<typeof source.environments>>[0];
    expect(await source.environments?.(context)).toEqual(['production', 'staging']);
  });

  it('names the environment file (its real extension) and the shared files in "is required" hints', async () => {
    const cwd = await configDir({ 'default.yaml': '', 'staging.json': '{}' });
    for (const [environment, file] of [
      ['staging', 'config/staging.json or config/default.yaml'],
      ['production', 'config/production.yaml or config/default.yaml'],
    ] as const) {
      const error = await loadConfig(
        { sections: [DatabaseConfig], sources: [fileSource({ dir: 'config' })] },
        { cwd, env: {}, environment },
      ).catch((e: unknown) => e);
      expect((error as Error).message).toContain(
        `database.password: is required — not set by any source (database.password in ${file})`,
      );
    }
  });

  it('lists every existing profile file, highest precedence first, in the hint', async () => {
    const cwd = await configDir({ 'default.toml': '', 'local.yaml': '', 'local-production.json': '{}' });
    const error = await loadConfig(
      { sections: [DatabaseConfig], sources: [fileSource({ dir: 'config' })] },
      { cwd, env: {}, environment: 'production' },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      '(database.password in config/local-production.json or config/local.yaml or config/production.yaml or config/default.toml)',
    );
  });
});
