import 'reflect-metadata';
import { ConfigValidationError } from '@strata/core';
import { createTestConfig, override, testContainer, valuesFor } from '@strata/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseConfig, LogConfig, ServerConfig } from '../src/sections.js';
import { UserService } from '../src/user-service.js';

// The service with configuration in memory: no files, no environment, the real pipeline and container.
const sections = [ServerConfig, DatabaseConfig, LogConfig];
const database = valuesFor(DatabaseConfig, { url: 'postgres://test/app', password: 'test-password' });

const configs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const config of configs.splice(0)) await config.close();
});

describe('UserService', () => {
  it('describes its configuration, injected by type', async () => {
    const config = await createTestConfig({ sections, values: [database] });
    configs.push(config);
    const container = testContainer(config);
    container.bind(UserService).toSelf();
    expect(container.get(UserService).describe()).toBe(
      'UserService → postgres://test/app (pool of 10), logging at info',
    );
  });

  it('sees an override for one test, then the values before it', async () => {
    const config = await createTestConfig({ sections, values: [database] });
    configs.push(config);
    const container = testContainer(config);
    container.bind(UserService).toSelf();
    {
      await using _ = await override(config, valuesFor(LogConfig, { level: 'debug' }));
      expect(container.get(UserService).describe()).toContain('logging at debug');
    }
    expect(container.get(UserService).describe()).toContain('logging at info');
  });

  it('cannot start without a password: the usual validation error', async () => {
    const error = await createTestConfig({
      sections,
      values: [valuesFor(DatabaseConfig, { url: 'postgres://test/app' })],
    }).catch((e: unknown) => e);
    expect(ConfigValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('database.password: is required');
  });
});
