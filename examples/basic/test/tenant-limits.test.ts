import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig, StrataError, strataModule } from '@strata/core';
import { Container } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import { LimitsConfig } from '../src/limits.js';
import { QuotaHandler } from '../src/quota-handler.js';
import definition from '../src/tenant-definition.js';

// A tenant overriding a limit, with the example's real files: config/tenants/acme.yaml raises acme's quota.
const cwd = fileURLToPath(new URL('..', import.meta.url));
const env = { APP_DATABASE__PASSWORD: 'test-password' };

const configs: Config[] = [];
afterEach(async () => {
  for (const config of configs.splice(0)) await config.close();
});

describe('tenant limits', () => {
  it("gives a handler resolved in acme's scope acme's limit, and the service's elsewhere", async () => {
    const config = await loadConfig(definition, { cwd, env, environment: 'development' });
    configs.push(config);
    const container = new Container();
    container.load(strataModule(config));
    container.bind(QuotaHandler).toSelf().inTransientScope();

    const handler = () => container.get(QuotaHandler);
    const quota = (tenant: string) => config.runInScope({ tenant }, () => handler().quota());
    expect(await quota('acme')).toBe('6000 requests per minute');
    expect(await quota('globex')).toBe('600 requests per minute');
    expect(handler().quota()).toBe('600 requests per minute');
  });

  it("explains acme's limit with the tenant file's line", async () => {
    const config = await loadConfig(definition, { cwd, env, environment: 'development' });
    configs.push(config);
    const acme = await config.scope({ tenant: 'acme' });
    expect(acme.get(LimitsConfig).requestsPerMinute).toBe(6000);
    const why = acme.explain('limits.requestsPerMinute');
    expect(why?.source).toEqual({ source: 'file', locator: 'config/tenants/acme.yaml:3:22' });
    expect(why?.defaultValue).toBe(600);
  });

  it('refuses a tenant id that would leave config/tenants', async () => {
    const config = await loadConfig(definition, { cwd, env, environment: 'development' });
    configs.push(config);
    const error = await config.scope({ tenant: '../development' }).catch((e: unknown) => e);
    expect(StrataError.is(error, 'SCOPE_INVALID')).toBe(true);
  });
});
