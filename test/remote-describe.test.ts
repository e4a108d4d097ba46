import { ssmSource } from '@strata/aws-ssm';
import { ConfigValidationError, Secret, Section, loadConfig } from '@strata/core';
import { vaultSource } from '@strata/vault';
import { IsInt, IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { type SsmTestServer, startSsmTestServer } from '@strata-internal/test-support/ssm';
import { startVaultTestServer, type VaultTestServer } from '@strata-internal/test-support/vault';

@Section('database')
class DatabaseConfig {
  @Secret() @IsString() password!: string;
  @IsInt() port!: number;
}

let vault: VaultTestServer | undefined;
let ssm: SsmTestServer | undefined;
afterEach(async () => {
  await vault?.stop();
  await ssm?.stop();
});

describe('remote sources describe how they would set a field', () => {
  it('names the Vault secret and the SSM parameter in "is required" hints', async () => {
    vault = await startVaultTestServer({
      secrets: { 'secret/app/production': { unrelated: 'x' } },
      tokens: ['root'],
    });
    ssm = await startSsmTestServer({ parameters: { '/app/production/other': 'x' } });
    const error = await loadConfig(
      {
        sections: [DatabaseConfig],
        sources: [
          vaultSource({
            address: vault.url,
            auth: { method: 'token', token: 'root' },
            secrets: [{ path: 'secret/app/{env}', into: 'database' }],
            pollIntervalMs: 0,
          }),
          ssmSource({ path: '/app/{env}/', clientOptions: ssm.clientOptions, pollIntervalMs: 0 }),
        ],
      },
      { environment: 'production', env: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain(
      'database.password: is required — not set by any source (aws-ssm /app/production/database/password, or vault secret/app/production#password)',
    );
    expect(message).toContain(
      'database.port: is required — not set by any source (aws-ssm /app/production/database/port, or vault secret/app/production#port)',
    );
  });
});
