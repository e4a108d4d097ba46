import { afterEach, describe, expect, test } from 'vitest';
import type { Config } from '@strata/core';
import type { TempDir } from '@strata-internal/test-support';
import { createFlags } from '../src/index.js';
import { loadFlagsConfig } from './support/load.js';

let opened: { config: Config; temp: TempDir } | undefined;
afterEach(async () => {
  await opened?.config.close();
  await opened?.temp.cleanup();
  opened = undefined;
});

async function flagsOver(yaml: string, now?: () => number) {
  opened = await loadFlagsConfig(yaml);
  return createFlags(opened.config, now ? { now } : {});
}

describe('evaluate', () => {
  test('a flag without rules is STATIC: its value in code or from a source', async () => {
    const flags = await flagsOver('features:\n  banner: blue\n');
    expect(flags.evaluate('features.newCheckout', { targetingKey: 'u1' })).toEqual({
      flag: 'features.newCheckout',
      value: false,
      variant: 'false',
      reason: 'STATIC',
      rule: undefined,
    });
    expect(flags.evaluate('features.banner').value).toBe('blue');
  });

  test('the first rule whose conditions hold decides; none → DEFAULT with the flag value', async () => {
    const flags = await flagsOver(`
features:
  newCheckout: false
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: '@example\\.com$' } }
        value: true
      - name: old-app
        when: { appVersion: { semver: '<2.0.0' } }
        value: false
      - name: markets
        when: { country: [DE, FR], age: { gte: 18, lt: 65 }, plan: pro }
        value: true
`);
    const evaluate = (context: Record<string, unknown>) => flags.evaluate('features.newCheckout', context);
    expect(evaluate({ email: 'ann@example.com' })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
      rule: 'staff',
    });
    expect(evaluate({ email: 'ann@example.org', appVersion: '1.9.3' })).toMatchObject({
      value: false,
      reason: 'TARGETING_MATCH',
      rule: 'old-app',
    });
    expect(evaluate({ country: 'DE', age: 30, plan: 'pro' })).toMatchObject({ value: true, rule: 'markets' });
    expect(evaluate({ country: 'DE', age: 70, plan: 'pro' })).toMatchObject({
      value: false,
      reason: 'DEFAULT',
    });
    expect(evaluate({ country: 'DE', age: '30', plan: 'pro' })).toMatchObject({ reason: 'DEFAULT' });
    expect(evaluate({ appVersion: 'not-a-version' })).toMatchObject({ reason: 'DEFAULT', rule: undefined });
  });

  test('a split buckets flagKey + targetingKey with murmur3 the way flagd does, and is sticky', async () => {
    const flags = await flagsOver(`
features:
  newCheckoutRules:
    split: { true: 10, false: 90 }
`);
    let on = 0;
    for (let i = 0; i < 10_000; i++) {
      const result = flags.evaluate('features.newCheckout', { targetingKey: `user-${i}` });
      expect(result.reason).toBe('SPLIT');
      expect(result.rule).toBe('split');
      if (result.value === true) on++;
    }
    expect(on).toBeGreaterThan(900);
    expect(on).toBeLessThan(1100);
    const first = flags.evaluate('features.newCheckout', { targetingKey: 'user-7' });
    expect(flags.evaluate('features.newCheckout', { targetingKey: 'user-7' })).toBe(first);
    expect(flags.evaluate('features.newCheckout', {})).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'TARGETING_KEY_MISSING',
    });
  });

  test('variants name object values; a rule split may bucket by another attribute', async () => {
    const flags = await flagsOver(`
features:
  themeTargeting:
    variants: { light: { dark: false }, dark: { dark: true } }
    rules:
      - name: night-owls
        when: { segment: night }
        variant: dark
      - name: by-company
        split: { light: 50, dark: 50 }
        by: companyId
`);
    expect(flags.evaluate('features.theme', { segment: 'night' })).toMatchObject({
      value: { dark: true },
      variant: 'dark',
      rule: 'night-owls',
    });
    const a = flags.evaluate('features.theme', { companyId: 'acme', targetingKey: 'u1' });
    const b = flags.evaluate('features.theme', { companyId: 'acme', targetingKey: 'u2' });
    expect(a.reason).toBe('SPLIT');
    expect(b.variant).toBe(a.variant);
  });

  test('time windows: a rule applies from its start (inclusive) until its end (exclusive)', async () => {
    let now = Date.parse('2026-02-28T23:59:59Z');
    const flags = await flagsOver(
      `
features:
  bannerRules:
    rules:
      - name: spring-sale
        from: 2026-03-01T00:00:00Z
        until: 2026-04-01T00:00:00Z
        value: green
`,
      () => now,
    );
    expect(flags.evaluate('features.banner')).toMatchObject({ value: 'red', reason: 'DEFAULT' });
    now = Date.parse('2026-03-01T00:00:00Z');
    expect(flags.evaluate('features.banner')).toMatchObject({ value: 'green', rule: 'spring-sale' });
    now = Date.parse('2026-04-01T00:00:00Z');
    expect(flags.evaluate('features.banner')).toMatchObject({ value: 'red', reason: 'DEFAULT' });
  });

  test('an unknown key is FLAG_NOT_FOUND, and so is a value that is not a flag', async () => {
    const flags = await flagsOver('features: {}\n');
    expect(flags.evaluate('features.nope')).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    expect(flags.evaluate('features.title')).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' });
    expect(flags.list().map((flag) => flag.key)).toEqual([
      'features.newCheckout',
      'features.banner',
      'features.pageSize',
      'features.theme',
    ]);
  });

  test('explain lists every rule, which conditions a context passed and which rule decided', async () => {
    const flags = await flagsOver(`
features:
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: 'corp$' }, plan: [pro, team] }
        value: true
    split: { true: 10, false: 90 }
`);
    const explained = flags.explain('features.newCheckout', {
      email: 'a@corp',
      plan: 'free',
      targetingKey: 'u1',
    })!;
    expect(explained.rules[0]).toMatchObject({
      name: 'staff',
      conditions: [
        { attribute: 'email', operator: 'regex', operand: 'corp$', passed: true },
        { attribute: 'plan', operator: 'in', operand: ['pro', 'team'], passed: false },
      ],
      serves: { value: true, variant: 'true' },
      decided: false,
    });
    expect(explained.rules[1]).toMatchObject({
      name: 'split',
      split: [
        { variant: 'true', value: true, percent: 10 },
        { variant: 'false', value: false, percent: 90 },
      ],
      by: 'targetingKey',
      decided: true,
    });
    expect(explained.evaluation?.reason).toBe('SPLIT');
    expect(flags.explain('features.newCheckout')!.evaluation).toBeUndefined();
    expect(flags.explain('features.title')).toBeUndefined();
  });
});
