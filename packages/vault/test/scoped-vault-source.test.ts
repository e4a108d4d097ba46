import { loadConfig, Secret, Section, StrataError } from '@strata/core';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { scopedVaultSource } from '../src/index.js';
import { useVault } from './support/use-vault.js';

@Section('limits')
class LimitsConfig {
  @IsInt() @Min(1) @Max(10_000) requestsPerMinute = 100;
}

@Section('billing')
class BillingConfig {
  @Secret() @IsString() apiKey = 'service-key';
}

const vault = useVault();

describe('scopedVaultSource', () => {
  it("reads a tenant's secret over the service's values, with path@version origins", async () => {
    const server = await vault.server({
      secrets: {
        'secret/app/tenants/acme': [{ apiKey: 'acme-old' }, { apiKey: 'acme-key', requestsPerMinute: '900' }],
        'secret/app/tenants/bad': { apiKey: 'bad-key', requestsPerMinute: '90000' },
      },
      tokens: ['t'],
    });
    const config = await loadConfig(
      {
        sections: [LimitsConfig, BillingConfig],
        sources: [],
        scopes: {
          sources: [
            scopedVaultSource({
              name: 'tenant-secrets',
              level: 'tenant',
              address: server.url,
              auth: { method: 'token', token: 't' },
              kv: 2,
              secrets: [
                { path: 'secret/app/tenants/{tenant}', keys: ['apiKey'], into: 'billing' },
                { path: 'secret/app/tenants/{tenant}', keys: ['requestsPerMinute'], into: 'limits' },
              ],
            }),
          ],
        },
      },
      { env: {}, argv: [] },
    );
    vault.onCleanup(() => config.close());
    const acme = await config.scope({ tenant: 'acme' });
    expect(acme.get(BillingConfig).apiKey).toBe('acme-key');
    expect(acme.get(LimitsConfig).requestsPerMinute).toBe(900);
    expect(acme.originOf('billing.apiKey')).toMatchObject({
      source: 'vault',
      locator: 'secret/data/app/tenants/acme#apiKey',
      version: 2,
    });
    expect(JSON.stringify(acme)).not.toContain('acme-key');
    // No secret for a tenant: that tenant changes nothing.
    expect((await config.scope({ tenant: 'globex' })).get(BillingConfig).apiKey).toBe('service-key');
    // An invalid tenant fails alone, naming the secret; its secret value stays out of the message.
    const error = (await config.scope({ tenant: 'bad' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /tenant "bad".*limits\.requestsPerMinute.*secret\/data\/app\/tenants\/bad/s,
    );
    expect(error.message).not.toContain('bad-key');
    // A tenant id cannot reach another path.
    const refused = await config.scope({ tenant: '../../sys' }).catch((e: unknown) => e);
    expect(StrataError.is(refused, 'SCOPE_INVALID')).toBe(true);
    expect(server.requests({}).some((r) => r.path.includes('..'))).toBe(false);
  });

  it('makes a missing secret that scope\'s error with missing: "error"', async () => {
    const server = await vault.server({ secrets: {}, tokens: ['t'] });
    const config = await loadConfig(
      {
        sections: [LimitsConfig],
        sources: [],
        scopes: {
          sources: [
            scopedVaultSource({
              level: 'tenant',
              missing: 'error',
              address: server.url,
              auth: { method: 'token', token: 't' },
              kv: 2,
              secrets: [{ path: 'secret/app/tenants/{tenant}', into: 'limits' }],
            }),
          ],
        },
      },
      { env: {}, argv: [] },
    );
    vault.onCleanup(() => config.close());
    await expect(config.scope({ tenant: 'acme' })).rejects.toThrow(/tenant "acme".*Nothing is there/s);
  });

  it('refuses secrets whose paths do not name the level', () => {
    expect(() => scopedVaultSource({ level: 'tenant', secrets: [{ path: 'secret/app' }] })).toThrow(
      /must name \{tenant\}/,
    );
  });
});
