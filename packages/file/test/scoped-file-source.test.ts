import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Config, loadConfig, ParseError, ScopeError, Secret, Section, StrataError } from '@strata/core';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSource, scopedFileSource } from '../src/index.js';
import { pause, tempDir } from '@strata-internal/test-support';

@Section('limits')
class LimitsConfig {
  @IsInt() @Min(1) @Max(10_000) requestsPerMinute = 100;
}

@Section('billing')
class BillingConfig {
  @Secret() @IsString() apiKey = 'service-key';
}

const open: Config[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const config of open.splice(0)) await config.close();
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A project with `config/default.yaml` and the given tenant and user files, loaded with scoped file sources. */
async function project(files: Record<string, string>, options: { watch?: boolean } = {}) {
  const { dir, cleanup } = await tempDir('strata-scoped-file-');
  cleanups.push(cleanup);
  const all = { 'config/default.yaml': 'limits:\n  requestsPerMinute: 100\n', ...files };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const config = await loadConfig(
    {
      sections: [LimitsConfig, BillingConfig],
      sources: [fileSource({ dir: 'config', pollIntervalMs: 0 })],
      scopes: {
        sources: [
          scopedFileSource({ name: 'tenant-files', level: 'tenant', file: 'config/tenants/{tenant}.yaml' }),
          scopedFileSource({
            name: 'user-files',
            level: 'user',
            file: 'config/tenants/{tenant}/users/{user}.json',
          }),
        ],
      },
    },
    { cwd: dir, environment: 'production', watch: options.watch ?? false, debounceMs: 10 },
  );
  open.push(config);
  return { dir, config };
}

describe('scopedFileSource', () => {
  it("lays a tenant's file over the service, with the tenant file's line in explain", async () => {
    const { config } = await project({
      'config/tenants/acme.yaml': '# acme pays for more\nlimits:\n  requestsPerMinute: 500\n',
      'config/tenants/acme/users/u-42.json': '{\n  "limits": { "requestsPerMinute": 600 }\n}\n',
    });
    const acme = await config.scope({ tenant: 'acme' });
    expect(acme.get(LimitsConfig).requestsPerMinute).toBe(500);
    const explained = acme.explain('limits.requestsPerMinute')!;
    expect(explained.source).toMatchObject({ source: 'file', locator: 'config/tenants/acme.yaml:3:22' });
    expect(explained.candidates.map((c) => c.origin.locator)).toEqual([
      'config/default.yaml:2:22',
      'config/tenants/acme.yaml:3:22',
    ]);
    const user = await config.scope({ tenant: 'acme', user: 'u-42' });
    expect(user.get(LimitsConfig).requestsPerMinute).toBe(600);
    expect(user.originOf('limits.requestsPerMinute')?.locator).toBe(
      'config/tenants/acme/users/u-42.json:2:36',
    );
    // A tenant without a file has the service's values.
    expect((await config.scope({ tenant: 'globex' })).get(LimitsConfig).requestsPerMinute).toBe(100);
  });

  it('fails an invalid tenant file alone, naming the tenant, the file, the line and the key', async () => {
    const { config } = await project({
      'config/tenants/acme.yaml': 'limits:\n  requestsPerMinute: 50000\n',
      'config/tenants/globex.yaml': 'limits:\n  requestsPerMinute: 900\n',
    });
    const error = await config.scope({ tenant: 'acme' }).catch((e: unknown) => e);
    expect(ScopeError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /tenant "acme".*limits\.requestsPerMinute.*50000 from file config\/tenants\/acme\.yaml:2:22/s,
    );
    expect(config.get(LimitsConfig).requestsPerMinute).toBe(100);
    expect((await config.scope({ tenant: 'globex' })).get(LimitsConfig).requestsPerMinute).toBe(900);
  });

  it('fails a tenant file that does not parse with its line', async () => {
    const { config } = await project({ 'config/tenants/acme.yaml': 'limits:\n  requestsPerMinute: [1,\n' });
    const error = (await config.scope({ tenant: 'acme' }).catch((e: unknown) => e)) as ScopeError;
    expect(ScopeError.is(error)).toBe(true);
    expect(ParseError.is(error.cause)).toBe(true);
    expect(error.message).toMatch(/tenant "acme".*config\/tenants\/acme\.yaml:\d+/s);
  });

  it('keeps a tenant id from leaving the tenants folder', async () => {
    const { config } = await project({ 'config/secret.yaml': 'limits:\n  requestsPerMinute: 1\n' });
    for (const tenant of ['../secret', '..', 'x/../../secret', 'secret\u0000']) {
      const error = await config.scope({ tenant }).catch((e: unknown) => e);
      expect(StrataError.is(error, 'SCOPE_INVALID'), tenant).toBe(true);
    }
  });

  it('keeps a secret from a tenant file redacted in toJSON, explain and errors', async () => {
    const { config } = await project({
      'config/tenants/acme.yaml': 'billing:\n  apiKey: acme-TOP-SECRET\nlimits:\n  requestsPerMinute: 0\n',
      'config/tenants/globex.yaml': 'billing:\n  apiKey: globex-TOP-SECRET\n',
    });
    const error = (await config.scope({ tenant: 'acme' }).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('acme-TOP-SECRET');
    const globex = await config.scope({ tenant: 'globex' });
    expect(globex.get(BillingConfig).apiKey).toBe('globex-TOP-SECRET');
    expect(JSON.stringify(globex)).not.toContain('TOP-SECRET');
    expect(JSON.stringify(globex.explain('billing.apiKey'))).not.toContain('TOP-SECRET');
  });

  it('applies an edited tenant file on the next scope() while watching, and a new tenant file too', async () => {
    const { dir, config } = await project(
      { 'config/tenants/acme.yaml': 'limits:\n  requestsPerMinute: 500\n' },
      { watch: true },
    );
    expect((await config.scope({ tenant: 'acme' })).get(LimitsConfig).requestsPerMinute).toBe(500);
    expect((await config.scope({ tenant: 'globex' })).get(LimitsConfig).requestsPerMinute).toBe(100);
    await writeFile(join(dir, 'config/tenants/acme.yaml'), 'limits:\n  requestsPerMinute: 700\n');
    await writeFile(join(dir, 'config/tenants/globex.yaml'), 'limits:\n  requestsPerMinute: 800\n');
    // The views are rebuilt lazily: poll scope() as requests would, until the watchers have reported.
    const limitOf = async (tenant: string) =>
      (await config.scope({ tenant })).get(LimitsConfig).requestsPerMinute;
    for (
      let deadline = Date.now() + 8000;
      (await limitOf('acme')) !== 700 || (await limitOf('globex')) !== 800;
    ) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the edited tenant files');
      await pause(10);
    }
    expect(config.get(LimitsConfig).requestsPerMinute).toBe(100);
  });

  it('refuses a template that does not name its level', () => {
    expect(() => scopedFileSource({ level: 'tenant', file: 'config/tenants.yaml' })).toThrow(
      /must name \{tenant\}/,
    );
  });
});
