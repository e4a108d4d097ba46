import { loadConfig, Section, StrataError } from '@strata/core';
import { IsInt, Max, Min } from 'class-validator';
import { describe, expect, it, onTestFinished } from 'vitest';
import { scopedSsmSource, ssmSource } from '../src/index.js';
import { startSsm } from './support/lifecycle.js';

@Section('limits')
class LimitsConfig {
  @IsInt() @Min(1) @Max(10_000) requestsPerMinute = 100;
}

describe('scopedSsmSource', () => {
  it("reads a tenant's parameters over the service's, with the parameter's ARN and version", async () => {
    const server = await startSsm({
      parameters: {
        '/app/prod/service/limits/requestsPerMinute': '200',
        '/app/prod/tenants/acme/limits/requestsPerMinute': '900',
        '/app/prod/tenants/bad/limits/requestsPerMinute': '90000',
      },
    });
    const config = await loadConfig(
      {
        sections: [LimitsConfig],
        sources: [ssmSource({ path: '/app/{env}/service/', clientOptions: server.clientOptions })],
        scopes: {
          sources: [
            scopedSsmSource({
              name: 'tenant-params',
              level: 'tenant',
              path: '/app/{env}/tenants/{tenant}/',
              clientOptions: server.clientOptions,
            }),
          ],
        },
      },
      { environment: 'prod', env: {}, argv: [] },
    );
    onTestFinished(() => config.close());
    expect(config.get(LimitsConfig).requestsPerMinute).toBe(200);
    const acme = await config.scope({ tenant: 'acme' });
    expect(acme.get(LimitsConfig).requestsPerMinute).toBe(900);
    expect(acme.originOf('limits.requestsPerMinute')).toMatchObject({
      source: 'aws-ssm',
      version: 1,
    });
    expect(acme.originOf('limits.requestsPerMinute')?.locator).toContain(
      'parameter/app/prod/tenants/acme/limits/requestsPerMinute',
    );
    // No parameters under a tenant's path: that tenant changes nothing.
    expect((await config.scope({ tenant: 'globex' })).get(LimitsConfig).requestsPerMinute).toBe(200);
    // An invalid tenant fails alone, naming the parameter.
    await expect(config.scope({ tenant: 'bad' })).rejects.toThrow(
      /tenant "bad".*limits\.requestsPerMinute.*tenants\/bad\/limits\/requestsPerMinute/s,
    );
    // A tenant id cannot reach another hierarchy.
    const error = await config.scope({ tenant: '../../prod' }).catch((e: unknown) => e);
    expect(StrataError.is(error, 'SCOPE_INVALID')).toBe(true);
    const paths = server.requestLog.map((r) => JSON.stringify(r)).join('\n');
    expect(paths).not.toContain('/app/prod/tenants/../');
  });

  it('refuses a path that does not name its level', () => {
    expect(() => scopedSsmSource({ level: 'tenant', path: '/app/{env}/' })).toThrow(/must name \{tenant\}/);
  });
});
