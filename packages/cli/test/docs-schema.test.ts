import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  copyFixture,
  type FixtureCopy,
  fixture,
  strata,
} from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

describe('strata schema', () => {
  let copy: FixtureCopy;
  let validate: ValidateFunction;

  beforeAll(async () => {
    copy = await copyFixture('rich');
    const result = await strata(['schema', '--out', 'config.schema.json'], { cwd: copy.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('wrote config.schema.json');
    const schema = JSON.parse(await readFile(join(copy.dir, 'config.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('uri', (text: string) => URL.canParse(text));
    ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    validate = ajv.compile(schema);
  });
  afterAll(() => copy.remove());

  const load = async (file: string): Promise<unknown> => parse(await readFile(file, 'utf8'));

  it("accepts the fixture's real config files and a minimal one", async () => {
    for (const file of [
      'config/default.yaml',
      'config/development.yaml',
      'schema-cases/valid-minimal.yaml',
    ]) {
      const ok = validate(await load(join(copy.dir, file)));
      expect({ file, errors: validate.errors ?? null }).toEqual({ file, errors: null });
      expect(ok).toBe(true);
    }
  });

  it('refuses each broken file for the reason it is broken', async () => {
    const expected: Record<string, string> = {
      'invalid-type.yaml': 'type',
      'invalid-unknown-key.yaml': 'additionalProperties',
      'invalid-range.yaml': 'minimum',
      'invalid-enum.yaml': 'enum',
      'invalid-pattern.yaml': 'pattern',
      'invalid-format.yaml': 'format',
      'invalid-items.yaml': 'type',
      'invalid-version.yaml': 'maximum',
      'invalid-integer.yaml': 'type',
    };
    const files = (await readdir(join(copy.dir, 'schema-cases'))).filter((f) => f.startsWith('invalid-'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      expect(validate(await load(join(copy.dir, 'schema-cases', file))), file).toBe(false);
      expect(
        validate.errors?.map((error) => error.keyword),
        file,
      ).toContain(expected[file]);
    }
  });

  it('describes sections, nested classes, dotted sections and deprecations', async () => {
    const schema = JSON.parse((await strata(['schema'], { cwd: fixture('rich') })).stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.configVersion).toMatchObject({ type: 'integer', maximum: 2 });
    const http = schema.properties.http;
    expect(http.additionalProperties).toBe(false);
    expect(http.properties.tls.properties.enabled).toEqual({
      type: 'boolean',
      description: 'Serve HTTPS.',
      default: false,
    });
    expect(http.properties.name).toMatchObject({
      type: 'string',
      minLength: 3,
      maxLength: 20,
      pattern: '^[a-z][a-z0-9-]*$',
    });
    expect(http.properties.allowedOrigins).toMatchObject({
      type: 'array',
      maxItems: 5,
      items: { type: 'string' },
    });
    const billing = schema.properties.services.properties.billing.properties;
    expect(billing.legacyEndpoint.deprecated).toBe(true);
    // A secret's default never appears.
    expect(billing.apiKey.default).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('dev-only-api-key');
  });

  it("keeps a description as written, adding a full stop only before Strata's own notes", async () => {
    const schema = JSON.parse((await strata(['schema'], { cwd: fixture('basic') })).stdout);
    const server = schema.properties.server;
    expect(server.description).toBe('Where the HTTP server listens.');
    expect(server.properties.port.description).toBe('TCP port');
    expect(schema.properties.database.properties.password.description).toBe(
      'Database password. Secret: prefer an environment variable or a secret store to a plain file.',
    );
  });
});

describe('strata docs', () => {
  it('writes a Markdown reference grouped by section', async () => {
    const result = await strata(['docs'], { cwd: fixture('rich') });
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toMatch(/^# Configuration reference\n/);
    expect(text).toContain('## http\n\nThe HTTP front end.');
    expect(text).toContain('## services.billing');
    expect(text).toContain('### http.timeoutMs\n\nRequest timeout.');
    expect(text).toContain('- **Type:** integer');
    expect(text).toContain('- **Default:** `5000`');
    expect(text).toContain('`min(100)`');
    expect(text).toContain('- **Set by:** `env RICH_HTTP__TIMEOUT_MS`');
    expect(text).toContain('- **Restart required:** yes');
    expect(text).toContain('### http.tls.enabled');
    expect(text).toContain('- **Type:** one of `fast`, `safe`');
    expect(text).toContain('`minLength(3)`, `matches(/^[a-z][a-z0-9-]*$/)`');
    expect(text).toContain('- **Deprecated:** since 2.0; use `services.billing.endpoint` instead');
    expect(text).toMatch(
      /### services\.billing\.apiKey\n\nBilling API key\.\n\n- \*\*Type:\*\* string\n- \*\*Default:\*\* `\[redacted\]`/,
    );
    expect(text).toContain('- **Secret:** yes');
    expect(text).not.toContain('dev-only-api-key');
  });
});

describe('strata env-example', () => {
  it('lists every variable with its default and description, secrets and required values empty', async () => {
    const copy = await copyFixture('basic');
    try {
      const result = await strata(['env-example', '--out', '.env.example'], { cwd: copy.dir });
      expect(result.code).toBe(0);
      const text = await readFile(join(copy.dir, '.env.example'), 'utf8');
      expect(text).toContain('# server.port — TCP port\n# integer; default 8080\n# APP_SERVER__PORT=8080\n');
      expect(text).toContain(
        '# database.password — Database password\n# string; secret; required\nAPP_DATABASE__PASSWORD=\n',
      );
      expect(text).toContain(
        '# log.level — Lowest level written\n# one of debug, info, warn, error; default info\n# APP_LOG__LEVEL=info\n',
      );
      expect(text).toContain('APP_DATABASE__URL=\n');
    } finally {
      await copy.remove();
    }
  });

  it('never shows a secret default', async () => {
    const result = await strata(['env-example'], { cwd: fixture('rich') });
    expect(result.stdout).toContain('# RICH_SERVICES__BILLING__API_KEY=\n');
    expect(result.stdout).not.toContain('dev-only-api-key');
  });
});
