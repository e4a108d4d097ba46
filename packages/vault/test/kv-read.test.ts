import { StrataError, UnsafeKeyError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import { rejectionOf, sourceContext, valuesOf } from '@strata-internal/test-support';
import { useVault } from './support/use-vault.js';

const vault = useVault();

describe('vaultSource reading KV', () => {
  it('reads a KV v2 secret into the root with origins carrying path@version', async () => {
    const server = await vault.server({
      secrets: { 'secret/app/production': [{ password: 'old' }, { password: 'p4ss', port: '5432' }] },
      tokens: ['root-token'],
    });
    const source = vault.track(vaultSource({ secrets: [{ path: 'secret/app/{env}' }], kv: 2 }));
    const layer = await source.load(
      sourceContext({ env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root-token' } }),
    );

    expect(source.name).toBe('vault:secret/app/{env}');
    expect(layer.textual).toBe(true);
    expect(valuesOf(layer)).toEqual({ password: 'p4ss', port: '5432' });
    expect(layer.entries[0]?.origin).toEqual({
      source: 'vault',
      locator: 'secret/data/app/production#password',
      version: 2,
      secret: true,
    });
    const reads = server.requests({ path: '/v1/secret/data/app/production' });
    expect(reads).toHaveLength(1);
    expect(reads[0]?.hasToken).toBe(true);
  });

  it('reads KV v1 (no version in origins) and puts keys under `into`', async () => {
    const server = await vault.server({
      mounts: { kv: { version: 1 } },
      secrets: { 'kv/legacy/db': { user: 'app', pool: { size: 5, idle: '10s' } } },
      tokens: ['t'],
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        secrets: [{ path: 'kv/legacy/db', kv: 1, into: 'database.main' }],
      }),
    );
    const layer = await source.load(sourceContext());
    expect(valuesOf(layer)).toEqual({
      'database.main.user': 'app',
      'database.main.pool.size': 5,
      'database.main.pool.idle': '10s',
    });
    const pool = layer.entries.find((e) => e.path.join('.') === 'database.main.pool.size');
    expect(pool?.origin).toEqual({ source: 'vault', locator: 'kv/legacy/db#pool.size', secret: true });
  });

  it('detects KV versions once per mount and caches them', async () => {
    const server = await vault.server({
      mounts: { secret: { version: 2 }, legacy: { version: 1 } },
      secrets: { 'secret/a': { one: '1' }, 'secret/b': { two: '2' }, 'legacy/c': { three: '3' } },
      tokens: ['t'],
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        secrets: [{ path: 'secret/a' }, { path: 'secret/b' }, { path: 'legacy/c' }],
      }),
    );
    const context = sourceContext();
    const first = await source.load(context);
    await source.load(context);

    expect(valuesOf(first)).toEqual({ one: '1', two: '2', three: '3' });
    expect(first.entries.map((e) => e.origin.locator)).toEqual([
      'secret/data/a#one',
      'secret/data/b#two',
      'legacy/c#three',
    ]);
    expect(server.requests({ path: '/v1/sys/internal/ui/mounts/' }).map((r) => r.path)).toEqual([
      '/v1/sys/internal/ui/mounts/secret/a',
      '/v1/sys/internal/ui/mounts/legacy/c',
    ]);
  });

  it('uses the mount Vault reports for multi-segment mounts, or the one given', async () => {
    const server = await vault.server({
      mounts: { 'kv/team-a': { version: 2 } },
      secrets: { 'kv/team-a/app': { key: 'auto' } },
      tokens: ['t'],
    });
    const auth = { method: 'token', token: 't' } as const;
    const auto = vault.track(
      vaultSource({ address: server.url, auth, secrets: [{ path: 'kv/team-a/app' }] }),
    );
    const given = vault.track(
      vaultSource({ address: server.url, auth, secrets: [{ mount: 'kv/team-a', path: 'app', kv: 2 }] }),
    );
    expect((await auto.load(sourceContext())).entries[0]?.origin.locator).toBe('kv/team-a/data/app#key');
    expect((await given.load(sourceContext())).entries[0]?.origin.locator).toBe('kv/team-a/data/app#key');
    expect(given.name).toBe('vault:kv/team-a/app');
  });

  it('reads a pinned version', async () => {
    const server = await vault.server({
      secrets: { 'secret/app': [{ v: 'one' }, { v: 'two' }, { v: 'three' }] },
      tokens: ['t'],
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        secrets: [{ path: 'secret/app', version: 2 }],
      }),
    );
    const layer = await source.load(sourceContext());
    expect(valuesOf(layer)).toEqual({ v: 'two' });
    expect(layer.entries[0]?.origin.version).toBe(2);
    expect(server.requests({ path: '/v1/secret/data/app' })[0]?.query).toEqual({ version: '2' });
  });

  it('sends the namespace header and names the namespace in origins', async () => {
    const server = await vault.server({
      mounts: { 'team-a/secret': { version: 2 } },
      secrets: { 'team-a/secret/app': { token_ttl: '1h' } },
      tokens: ['t'],
    });
    const source = vault.track(vaultSource({ address: server.url, secrets: [{ path: 'secret/app' }] }));
    const layer = await source.load(sourceContext({ env: { VAULT_TOKEN: 't', VAULT_NAMESPACE: 'team-a' } }));
    expect(valuesOf(layer)).toEqual({ token_ttl: '1h' });
    expect(layer.entries[0]?.origin.locator).toBe('team-a/secret/data/app#token_ttl');
    const requests = server.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.namespace === 'team-a')).toBe(true);
  });

  it('lets later secrets win and takes only the listed keys', async () => {
    const server = await vault.server({
      secrets: { 'secret/common': { a: 'common', b: 'common' }, 'secret/app': { a: 'app', c: 'app' } },
      tokens: ['t'],
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        kv: 2,
        secrets: [{ path: 'secret/common' }, { path: 'secret/app', keys: ['a'] }],
      }),
    );
    const layer = await source.load(sourceContext());
    expect(layer.entries.map((e) => [e.path.join('.'), e.value])).toEqual([
      ['a', 'common'],
      ['b', 'common'],
      ['a', 'app'],
    ]);

    const missing = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        kv: 2,
        secrets: [{ path: 'secret/app', keys: ['nope'] }],
      }),
    );
    const error = await rejectionOf(missing.load(sourceContext()));
    expect(error.message).toContain('key "nope" is not in the secret (it has: a, c)');
    expect(error.message).toContain('secret/app');
  });

  it('marks values non-secret when told to', async () => {
    const server = await vault.server({ secrets: { 'secret/app': { region: 'eu' } }, tokens: ['t'] });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        secret: false,
        secrets: [{ path: 'secret/app' }],
      }),
    );
    const layer = await source.load(sourceContext());
    expect(layer.entries[0]?.origin.secret).toBeUndefined();
  });

  it.each([
    ['at the top', '{"__proto__": {"polluted": true}}', '__proto__'],
    ['nested', '{"db": {"constructor": "x"}}', 'constructor'],
    ['holding an empty object', '{"ok": 1, "__proto__": {}}', '__proto__'],
  ])('refuses prototype-reaching keys %s and names the Vault path', async (_, json, segment) => {
    const server = await vault.server({ tokens: ['t'] });
    // JSON.parse keeps `__proto__` as an own key, as a client parsing Vault's answer sees it.
    server.writeSecret('secret/evil', JSON.parse(json));
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', token: 't' },
        secrets: [{ path: 'secret/evil' }],
      }),
    );
    const error = await rejectionOf(source.load(sourceContext()));
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.cause).toBeInstanceOf(UnsafeKeyError);
    expect((error.cause as UnsafeKeyError).segment).toBe(segment);
    expect(error.message).toContain('from vault secret/data/evil#');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects bad definitions where they are written', () => {
    expect(() => vaultSource({ secrets: [] })).toThrow(/at least one secret/);
    expect(() => vaultSource({ secrets: [{ path: 'secret/{region}/app' }] })).toThrow(
      /placeholder \{region\}/,
    );
    expect(() => vaultSource({ secrets: [{ path: 'secret/app', version: 0 }] })).toThrow(/positive integer/);
    expect(() =>
      vaultSource({ auth: { method: 'approle', roleId: '' }, secrets: [{ path: 'secret/app' }] }),
    ).toThrow(/roleId is required/);
  });

  it('fails clearly without an address, on a missing secret and on a version pin of KV v1', async () => {
    const noAddress = vault.track(vaultSource({ secrets: [{ path: 'secret/app' }] }));
    expect((await rejectionOf(noAddress.load(sourceContext()))).message).toMatch(
      /no Vault address: set the address option, VAULT_ADDR, or VAULT_AGENT_ADDR/,
    );

    const server = await vault.server({ mounts: { kv: { version: 1 }, secret: {} }, tokens: ['t'] });
    const auth = { method: 'token', token: 't' } as const;
    const missing = vault.track(
      vaultSource({ address: server.url, auth, secrets: [{ path: 'secret/nothing/{env}' }] }),
    );
    const error = await rejectionOf(missing.load(sourceContext({ environment: 'staging' })));
    expect(error.message).toContain(
      `Vault at ${server.url}: reading secret/nothing/staging failed: GET /v1/secret/data/nothing/staging answered 404`,
    );
    expect(error.message).toContain('check the path and the mount');

    const pinned = vault.track(
      vaultSource({ address: server.url, auth, secrets: [{ path: 'kv/app', version: 3 }] }),
    );
    expect((await rejectionOf(pinned.load(sourceContext()))).message).toContain(
      'mount "kv" is KV v1, which keeps no versions',
    );
  });
});
