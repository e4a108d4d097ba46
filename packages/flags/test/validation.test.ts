import { writeFile } from 'node:fs/promises';
import {
  type Config,
  ConfigValidationError,
  type Constructor,
  formatOrigin,
  loadConfig,
  Secret,
  Section,
} from '@strata/core';
import { envSource } from '@strata/env';
import { rejectionOf, type TempDir, waitFor } from '@strata-internal/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { createFlags, Flag } from '../src/index.js';
import { loadFlagsConfig } from './support/load.js';
import { FeaturesConfig } from './support/sections.js';

let opened: { config: Config; temp: TempDir; file: string } | undefined;
afterEach(async () => {
  await opened?.config.close();
  await opened?.temp.cleanup();
  opened = undefined;
});

async function loadError(yaml: string): Promise<ConfigValidationError> {
  const error = await rejectionOf(loadFlagsConfig(yaml));
  expect(ConfigValidationError.is(error), String(error)).toBe(true);
  return error as ConfigValidationError;
}

describe('rules are validated with the configuration', () => {
  test.each([
    [
      'an unknown operator',
      `when: { email: { regx: 'x' } }\n        value: true`,
      'unknown operator "regx" (did you mean "regex"?)',
    ],
    [
      'a bad regex',
      `when: { email: { regex: '([a-z' } }\n        value: true`,
      'when.email.regex: not a valid regular expression',
    ],
    [
      'a bad semver range',
      `when: { v: { semver: '>>1.2' } }\n        value: true`,
      'expected a semver range',
    ],
    ['a value of the wrong type', `value: 'yes'`, 'value: expected a boolean'],
    ['no outcome', `when: { a: 1 }`, 'needs exactly one of value, variant or split'],
    ['a split not summing to 100', `split: { true: 10, false: 80 }`, 'the percentages sum to 90, not 100'],
    ['a fractional percentage', `split: { true: 10.5, false: 89.5 }`, 'expected a whole percentage'],
    [
      'an empty time window',
      `from: 2026-03-01T00:00:00Z\n        until: 2026-03-01T00:00:00Z\n        value: true`,
      'the time window is empty',
    ],
    [
      'an instant without zone',
      `from: 2026-03-01T00:00:00\n        value: true`,
      'expected an ISO 8601 instant with a zone',
    ],
    ['an unknown rule key', `valeu: true`, 'valeu: not a rule key (did you mean "value"?)'],
  ])(
    '%s → CONFIG_INVALID naming the rules key, its file:line and the problem',
    async (_name, rule, message) => {
      const error = await loadError(`features:
  newCheckout: false
  newCheckoutRules:
    rules:
      - name: broken
        ${rule}
`);
      const issue = error.issues.find((i) => i.path === 'features.newCheckoutRules');
      expect(issue, error.message).toBeDefined();
      expect(issue!.constraint).toBe('flagRules');
      expect(issue!.message).toContain(message);
      expect(issue!.message).toContain('rules[0] ("broken")');
      expect(formatOrigin(issue!.origin!)).toMatch(/config[\\/]default\.yaml:\d+:\d+$/);
      expect(error.message).toContain('features.newCheckoutRules');
    },
  );

  test('every problem of a tree is reported at once', async () => {
    const error = await loadError(`features:
  newCheckoutRules:
    rule: []
    split: { true: 50, maybe: 50 }
`);
    const message = error.issues.find((i) => i.path === 'features.newCheckoutRules')!.message;
    expect(message).toContain('rule: not a rule key (did you mean "rules"?)');
    expect(message).toContain('split.maybe: a boolean flag splits between true and false');
  });

  test('a split names variants only when the flag declares them', async () => {
    const error = await loadError(`features:
  themeTargeting:
    split: { dark: 50, light: 50 }
`);
    expect(error.message).toContain('an object flag splits between named variants');
  });

  test('rules from an environment variable are JSON text, validated the same way', async () => {
    const load = (text: string) =>
      loadConfig(
        { sections: [FeaturesConfig], sources: [envSource({ prefix: 'APP_' })] },
        { env: { APP_FEATURES__NEW_CHECKOUT_RULES: text }, argv: [], environment: 'test' },
      );
    const config = await load('{"split":{"true":100,"false":0}}');
    expect(createFlags(config).evaluate('features.newCheckout', { targetingKey: 'u' }).value).toBe(true);
    await config.close();
    const error = await rejectionOf(load('{"split":{"true":100,"false":10}}'));
    expect(String((error as Error).message)).toContain('APP_FEATURES__NEW_CHECKOUT_RULES');
    expect(String((error as Error).message)).toContain('sum to 110');
  });
});

describe('a rule change arrives through the reload transaction', () => {
  test('a valid edit applies live; an invalid one is rejected with its origin and the last good rules stay', async () => {
    opened = await loadFlagsConfig(
      `features:
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: '@example\\.com$' } }
        value: true
`,
      { watch: true },
    );
    const { config } = opened;
    const { file } = opened;
    const flags = createFlags(config);
    const staff = { email: 'ann@example.com' };
    expect(flags.evaluate('features.newCheckout', staff).value).toBe(true);

    await writeFile(
      file,
      `features:
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: '@example\\.org$' } }
        value: true
`,
    );
    await waitFor('the edited rule', () => flags.evaluate('features.newCheckout', staff).value === false);

    const rejected = new Promise<unknown>((resolve) => config.once('rejected', resolve));
    await writeFile(
      file,
      `features:
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: '(' } }
        value: true
`,
    );
    const event = (await rejected) as { error: ConfigValidationError };
    const issue = event.error.issues.find((i) => i.path === 'features.newCheckoutRules')!;
    expect(issue.message).toContain('not a valid regular expression');
    expect(formatOrigin(issue.origin!)).toMatch(/default\.yaml:\d+/);
    expect(flags.evaluate('features.newCheckout', { email: 'bob@example.org' })).toMatchObject({
      value: true,
      rule: 'staff',
    });
  });
});

describe('secret flags', () => {
  @Section('mirror')
  class MirrorConfig {
    @Flag({ description: 'The download mirror', secret: true })
    url = 'https://mirror.example.com';
  }

  @Section('plain')
  class SecretOnlyConfig {
    @Secret()
    @Flag({ description: 'Marked @Secret instead of secret: true' })
    url = 'x';
  }

  const load = (text: string, sections: Constructor[] = [MirrorConfig]) =>
    loadConfig(
      { sections, sources: [envSource({ prefix: 'APP_' })] },
      { env: { APP_MIRROR__URL_RULES: text }, argv: [], environment: 'test' },
    );

  test('the rules of a secret flag are secret, and their problems are reported without quoting them', async () => {
    const error = await rejectionOf(load('{"split":{"https://token-canary-4d1e.example":60,"b":30}}'));
    expect(ConfigValidationError.is(error)).toBe(true);
    expect(error.message).toContain('mirror.urlRules: has invalid rules for the secret flag url: 1 problem');
    expect(error.message).not.toContain('token-canary-4d1e');
    const config = await load('{"split":{"https://token-canary-4d1e.example":100}}');
    expect(config.snapshot.isSecret('mirror.urlRules')).toBe(true);
    expect(JSON.stringify(config.snapshot)).not.toContain('token-canary-4d1e');
    const result = createFlags(config).evaluate('mirror.url', { targetingKey: 'u' });
    expect(result.value).toBe('https://token-canary-4d1e.example');
    // Variants go to logs and telemetry: a secret flag's are never its values' text.
    expect(result.variant).toBeUndefined();
    await config.close();
  });

  test('@Secret() on a flag instead of secret: true is refused by createFlags', async () => {
    const config = await loadConfig(
      { sections: [SecretOnlyConfig], sources: [] },
      { env: {}, argv: [], environment: 'test' },
    );
    try {
      expect(() => createFlags(config)).toThrow(
        /plain\.url is @Secret but its rules \(plain\.urlRules\) are not/,
      );
    } finally {
      await config.close();
    }
  });
});
