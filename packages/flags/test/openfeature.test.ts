import { writeFile } from 'node:fs/promises';
import { ErrorCode, type EventDetails, OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import type { Config } from '@strata/core';
import { type TempDir, waitFor } from '@strata-internal/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { StrataProvider } from '../src/openfeature/index.js';
import { loadFlagsConfig } from './support/load.js';

let opened: { config: Config; temp: TempDir; file: string } | undefined;
let domain = 0;
afterEach(async () => {
  await OpenFeature.clearProviders();
  await opened?.config.close();
  await opened?.temp.cleanup();
  opened = undefined;
});

const rules = `features:
  newCheckoutRules:
    rules:
      - name: staff
        when: { email: { regex: '@example\\.com$' } }
        value: true
  bannerRules:
    split: { blue: 100 }
  pageSize: 50
  themeTargeting:
    variants: { dark: { dark: true } }
    rules:
      - name: night
        when: { segment: night }
        variant: dark
`;

/** A client of OpenFeature's own SDK, in a domain of its own, over a StrataProvider for `yaml`. */
async function clientOver(yaml: string, watch = false) {
  opened = await loadFlagsConfig(yaml, { watch });
  const provider = new StrataProvider(opened.config);
  const name = `strata-test-${domain++}`;
  await OpenFeature.setProviderAndWait(name, provider);
  return OpenFeature.getClient(name);
}

describe('StrataProvider through the OpenFeature server SDK', () => {
  test('typed resolution of boolean, string, number and object flags, with reason, variant and rule', async () => {
    const client = await clientOver(rules);
    const staff = await client.getBooleanDetails('features.newCheckout', false, { email: 'ann@example.com' });
    expect(staff).toMatchObject({
      flagKey: 'features.newCheckout',
      value: true,
      variant: 'true',
      reason: 'TARGETING_MATCH',
      flagMetadata: { rule: 'staff' },
    });
    expect(staff.errorCode).toBeUndefined();
    expect(await client.getBooleanDetails('features.newCheckout', true, {})).toMatchObject({
      value: false,
      reason: 'DEFAULT',
    });
    expect(await client.getStringDetails('features.banner', 'x', { targetingKey: 'u-1' })).toMatchObject({
      value: 'blue',
      reason: 'SPLIT',
    });
    expect(await client.getNumberDetails('features.pageSize', 0)).toMatchObject({
      value: 50,
      reason: 'STATIC',
    });
    expect(await client.getObjectValue('features.theme', {}, { segment: 'night' })).toEqual({ dark: true });
  });

  test('TYPE_MISMATCH and FLAG_NOT_FOUND give the caller its default, with the error code', async () => {
    const client = await clientOver(rules);
    const mismatch = await client.getStringDetails('features.newCheckout', 'fallback');
    expect(mismatch).toMatchObject({
      value: 'fallback',
      reason: 'ERROR',
      errorCode: ErrorCode.TYPE_MISMATCH,
    });
    expect(mismatch.errorMessage).toContain('features.newCheckout is a boolean flag');
    expect(await client.getObjectDetails('features.pageSize', { a: 1 })).toMatchObject({
      value: { a: 1 },
      errorCode: ErrorCode.TYPE_MISMATCH,
    });
    expect(await client.getBooleanDetails('features.missing', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(await client.getBooleanDetails('features.title', true)).toMatchObject({
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(await client.getStringDetails('features.banner', 'x', {})).toMatchObject({
      value: 'x',
      errorCode: ErrorCode.TARGETING_KEY_MISSING,
    });
  });

  test('a reload emits PROVIDER_CONFIGURATION_CHANGED naming exactly the flags whose value or rules changed', async () => {
    const client = await clientOver(rules, true);
    const events: EventDetails[] = [];
    client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      if (details) events.push(details);
    });
    await writeFile(
      opened!.file,
      rules.replace('example\\.com', 'example\\.org').replace('pageSize: 50', 'pageSize: 60'),
    );
    const event = await waitFor('a ConfigurationChanged event', () => events[0]);
    expect(event.flagsChanged).toEqual(['features.newCheckout', 'features.pageSize']);
    expect(event.providerName).toBe('strata');
    expect(await client.getBooleanValue('features.newCheckout', false, { email: 'ann@example.org' })).toBe(
      true,
    );

    // A change to ordinary values only is not a flag change.
    await writeFile(
      opened!.file,
      `${rules.replace('example\\.com', 'example\\.org').replace('pageSize: 50', 'pageSize: 60')}  title: store\n`,
    );
    await waitFor('the title change', () => opened!.config.snapshot.value('features.title') === 'store');
    expect(events).toHaveLength(1);
  });
});
