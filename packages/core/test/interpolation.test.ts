// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings here are Strata templates, not JavaScript ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  InputLimitError,
  InterpolationCycleError,
  NoInterpolation,
  type Origin,
  Section,
  Secret,
  StrataError,
  UnsafeKeyError,
  loadConfig,
} from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

@Section('db')
class DbConfig {
  @IsString() host = 'localhost';
  @IsInt() port = 5432;
  @IsString() @IsOptional() name?: string;
  @IsString() @IsOptional() url?: string;
  @Secret() @IsString() @IsOptional() password?: string;
  @NoInterpolation() @IsString() @IsOptional() raw?: string;
  @IsString({ each: true }) @IsOptional() hosts?: string[];
}

@Section('app')
class AppConfig {
  @IsString() @IsOptional() a?: string;
  @IsString() @IsOptional() b?: string;
  @IsString() @IsOptional() c?: string;
  @IsInt() @IsOptional() port?: number;
}

const sections = [DbConfig, AppConfig];
const dir = mkdtempSync(path.join(tmpdir(), 'strata-interpolation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the load should fail'),
    (error: unknown) => error,
  );
}

describe('interpolation', () => {
  it('refers to other keys, variables and files, with fallbacks and $${ escapes', async () => {
    const secretFile = path.join(dir, 'name.txt');
    writeFileSync(secretFile, 'orders\n');
    const config = await loadConfig(
      {
        sections,
        sources: [
          fixedSource('file', {
            'db.host': 'db.internal',
            'db.name': `\${file:${secretFile}}`,
            'db.url': 'postgres://${db.host}:${db.port}/${db.name}?app=${env:APP_NAME:-none}&x=$${literal}',
            'app.a': '${env:MISSING:-fallback ${db.host}}',
            'app.port': '${env:PORT}',
          }),
        ],
      },
      { env: { PORT: '8080' } },
    );
    const db = config.get(DbConfig);
    expect(db.name).toBe('orders');
    expect(db.url).toBe('postgres://db.internal:5432/orders?app=none&x=${literal}');
    expect(config.get(AppConfig).a).toBe('fallback db.internal');
    // The expanded text converts to the declared type, as a variable's would.
    expect(config.get(AppConfig).port).toBe(8080);
  });

  it('explain shows the template origin and each referenced value with its own origin', async () => {
    const config = await loadConfig(
      {
        sections,
        sources: [fixedSource('file', { 'db.host': 'h', 'db.url': 'pg://${db.host}:${db.port}/${env:DB}' })],
      },
      { env: { DB: 'orders' } },
    );
    const explained = config.explain('db.url')!;
    expect(explained.value).toBe('pg://h:5432/orders');
    expect(explained.source).toMatchObject({ source: 'file', locator: 'db.url' });
    const origin = explained.source as Origin;
    expect(origin.references).toEqual([
      { name: 'db.host', origin: { source: 'file', locator: 'db.host' } },
      { name: 'db.port', origin: { source: 'default', locator: 'db.port' } },
      { name: 'env:DB', origin: { source: 'env', locator: 'DB' } },
    ]);
    // The candidate is the value as the source gave it: the template.
    expect(explained.candidates.map((c) => [c.value, c.winner])).toEqual([
      ['pg://${db.host}:${db.port}/${env:DB}', true],
    ]);
  });

  it('a value built from a secret is secret: redacted in explain, inspect, JSON and diffs', async () => {
    const source = fixedSource('file', {
      'db.password': 'hunter2',
      'db.url': 'pg://u:${db.password}@h/x',
      'app.a': 'token=${secret:env:TOKEN}',
      'app.b': '${env:API_KEY}',
    });
    const config = await loadConfig(
      { sections, sources: [source], interpolation: { secretEnv: ['API_KEY'] } },
      { env: { TOKEN: 's3cr3t-token', API_KEY: 'k-123456' } },
    );
    expect(config.get(DbConfig).url).toBe('pg://u:hunter2@h/x');
    for (const path of ['db.url', 'app.a', 'app.b']) expect(config.snapshot.isSecret(path)).toBe(true);
    const printed = [
      JSON.stringify(config.explain('db.url')),
      JSON.stringify(config.explain('app.a')),
      JSON.stringify(config.snapshot),
      inspect(config.get(DbConfig)),
      inspect(config.get(AppConfig)),
    ].join('\n');
    for (const secret of ['hunter2', 's3cr3t-token', 'k-123456']) expect(printed).not.toContain(secret);
    // The referenced value's reference is marked secret too, so tools can tell why.
    const url = config.explain('db.url')!.source as Origin;
    expect(url.references?.[0]?.origin.secret).toBe(true);
  });

  it('the secret source policy applies to what a template referenced', async () => {
    const policy = { secretSources: ['env'] as const };
    const fromEnv = await loadConfig(
      { sections, ...policy, sources: [fixedSource('file', { 'db.password': '${env:PW}' })] },
      { env: { PW: 'pw-from-env' } },
    );
    expect(fromEnv.get(DbConfig).password).toBe('pw-from-env');
    const error = await failure(
      loadConfig({
        sections,
        ...policy,
        sources: [fixedSource('file', { 'app.b': 'x', 'db.password': 'plain ${app.b}' })],
      }),
    );
    expect((error as Error).message).toContain(
      'db.password: is a secret and may only come from env, not plain text from file',
    );
  });

  it('a cycle is an INTERPOLATION_CYCLE error listing each step with its origin', async () => {
    const error = await failure(
      loadConfig({
        sections,
        sources: [fixedSource('file', { 'app.a': 'x${app.b}', 'app.b': '${app.c}', 'app.c': '${app.a}' })],
      }),
    );
    expect(InterpolationCycleError.is(error)).toBe(true);
    const cycle = error as InterpolationCycleError;
    expect(cycle.code).toBe('INTERPOLATION_CYCLE');
    expect(cycle.cycle.map((step) => step.path)).toEqual(['app.a', 'app.b', 'app.c']);
    expect(cycle.message).toContain('app.a (file app.a) → app.b (file app.b) → app.c (file app.c) → app.a');
    const self = await failure(
      loadConfig({ sections, sources: [fixedSource('file', { 'app.a': '${app.a}' })] }),
    );
    expect(InterpolationCycleError.is(self)).toBe(true);
  });

  it('a missing key, variable or file names the reference and the referring origin', async () => {
    const error = await failure(
      loadConfig(
        {
          sections,
          sources: [
            fixedSource('file', {
              'app.a': '${db.hots}',
              'app.b': '${env:NOPE}',
              'app.c': `\${file:${path.join(dir, 'absent.txt')}}`,
              'db.url': '${db}',
              'db.name': '${db.hosts}',
            }),
          ],
        },
        { env: {} },
      ),
    );
    expect(ConfigValidationError.is(error)).toBe(true);
    const issues = (error as ConfigValidationError).issues.map((i) => [
      i.path,
      i.constraint,
      i.message,
      i.origin?.locator,
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['app.a', 'interpolation', 'refers to ${db.hots}, which is not a known setting', 'app.a'],
        ['app.b', 'interpolation', 'refers to ${env:NOPE}, but the variable NOPE is not set', 'app.b'],
        [
          'app.c',
          'interpolation',
          expect.stringMatching(/^refers to \$\{file:.*absent\.txt\}, but .*absent\.txt does not exist$/),
          'app.c',
        ],
        [
          'db.url',
          'interpolation',
          'refers to ${db}, which is a group of settings, not a single value',
          'db.url',
        ],
        [
          'db.name',
          'interpolation',
          'refers to ${db.hosts}, which no source sets and which has no default',
          'db.name',
        ],
      ]),
    );
  });

  it('is off per source (remote kinds by default), per field and per definition', async () => {
    const template = 'x-${db.host}-$${y}';
    const vault = fixedSource('vault:secret/app', { 'app.a': template });
    const asked = { ...fixedSource('custom', { 'app.b': template }), interpolate: true };
    const off = { ...fixedSource('file', { 'app.c': template }), name: 'file', interpolate: false };
    const config = await loadConfig({
      sections,
      sources: [fixedSource('env', { 'db.raw': template }), vault, asked, off],
    });
    expect(config.get(DbConfig).raw).toBe(template);
    expect(config.get(AppConfig)).toMatchObject({ a: template, b: 'x-localhost-${y}', c: template });
    const skipped = await loadConfig({
      sections,
      interpolation: { skip: ['app'] },
      sources: [fixedSource('file', { 'app.a': template, 'db.url': template })],
    });
    expect(skipped.get(AppConfig).a).toBe(template);
    expect(skipped.get(DbConfig).url).toBe('x-localhost-${y}');
    const none = await loadConfig({
      sections,
      interpolation: false,
      sources: [fixedSource('file', { 'db.url': template })],
    });
    expect(none.get(DbConfig).url).toBe(template);
  });

  it('values from a source that does not interpolate can still be referred to, literally', async () => {
    const config = await loadConfig({
      sections,
      sources: [
        fixedSource('vault:secret/app', { 'app.a': 'v-${not.a.ref}' }),
        fixedSource('file', { 'app.b': '[${app.a}]' }),
      ],
    });
    expect(config.get(AppConfig).b).toBe('[v-${not.a.ref}]');
  });

  it('malformed templates are issues naming the problem', async () => {
    const error = await failure(
      loadConfig({
        sections,
        sources: [fixedSource('file', { 'app.a': 'x ${db.host', 'app.b': 'x ${}', 'app.c': '${env:1BAD}' })],
      }),
    );
    const messages = (error as ConfigValidationError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'app.a: has an unterminated "${" at character 3; close it with "}" or write "$${" for a literal "${"',
        expect.stringMatching(/^app\.b: has an empty reference/),
        'app.c: refers to the variable "1BAD", which is not a variable name',
      ]),
    );
  });

  it('refuses a reference through __proto__ with UNSAFE_KEY and pollutes nothing', async () => {
    const error = await failure(
      loadConfig({ sections, sources: [fixedSource('file', { 'app.a': '${__proto__.polluted}' })] }),
    );
    expect(UnsafeKeyError.is(error)).toBe(true);
    expect((error as Error).message).toContain('Refusing key "__proto__.polluted" from file app.a');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A variable name that is an Object.prototype property is simply not set.
    const error2 = await failure(
      loadConfig(
        {
          sections,
          sources: [fixedSource('file', { 'app.a': '${env:constructor}', 'app.b': '${env:__proto__}' })],
        },
        { env: {} },
      ),
    );
    expect((error2 as ConfigValidationError).issues.map((i) => i.message)).toEqual([
      'refers to ${env:constructor}, but the variable constructor is not set',
      'refers to ${env:__proto__}, but the variable __proto__ is not set',
    ]);
  });

  it('bounds expansion: output length and reference depth are INPUT_LIMIT errors', async () => {
    // Each level doubles: 2^40 characters if nothing stopped it. Memoised, the bound stops it at once.
    const values: Record<string, string> = { 'app.a': '${app.b}${app.b}', 'app.b': '${app.c}${app.c}' };
    values['app.c'] = 'x'.repeat(600_000);
    const long = await failure(loadConfig({ sections, sources: [fixedSource('file', values)] }));
    expect(InputLimitError.is(long)).toBe(true);
    expect((long as InputLimitError).limit).toBe('maxStringLength');
    expect((long as Error).message).toContain('the value of app.b built from its template (file app.b)');

    @Section('chain')
    class ChainConfig {
      @IsString({ each: true }) @IsOptional() links?: string[];
    }
    const chained: Record<string, string> = {};
    for (let i = 0; i < 70; i++) chained[`app${i}.v`] = `\${app${i + 1}.v}`;
    const chainSections = Array.from({ length: 71 }, (_, i) => {
      @Section(`app${i}`)
      class Link {
        @IsString() @IsOptional() v?: string;
      }
      return Link;
    });
    const deep = await failure(
      loadConfig({ sections: [ChainConfig, ...chainSections], sources: [fixedSource('file', chained)] }),
    );
    expect(InputLimitError.is(deep)).toBe(true);
    expect((deep as InputLimitError).limit).toBe('maxDepth');
  });

  it('a reload that changes a referenced value changes the referring one in the same change', async () => {
    const source = fixedSource('file', { 'db.host': 'one', 'db.url': 'pg://${db.host}' });
    const config = await loadConfig({ sections, sources: [source] });
    const diffs: unknown[] = [];
    config.on('changed', (event) => diffs.push(event.diff.map((c) => [c.path, c.before, c.after])));
    source.values = { 'db.host': 'two', 'db.url': 'pg://${db.host}' };
    const result = await config.reload();
    expect(result.status).toBe('changed');
    expect(config.get(DbConfig).url).toBe('pg://two');
    expect(diffs).toEqual([
      [
        ['db.host', 'one', 'two'],
        ['db.url', 'pg://one', 'pg://two'],
      ],
    ]);
    // A reload that would make a cycle is rejected; the last good values stay.
    source.values = { 'db.host': '${db.url}', 'db.url': 'pg://${db.host}' };
    const rejected = await config.reload();
    expect(rejected.status).toBe('rejected');
    expect(StrataError.is(rejected.error, 'INTERPOLATION_CYCLE')).toBe(true);
    expect(config.get(DbConfig).url).toBe('pg://two');
  });
});
