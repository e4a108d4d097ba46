import 'reflect-metadata';
import { loadConfig, Section } from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { Flag } from '@strata/flags';

/** The benchmarked flag: three targeting rules and a 10 % split. */
@Section('features')
export class BenchFeatures {
  @Flag({ description: 'The benchmarked flag' })
  newCheckout = false;
}

/** The rule tree, as a source gives it. */
export const benchRules = {
  rules: [
    { name: 'staff', when: { email: { regex: '@example\\.com$' } }, value: true },
    { name: 'old-apps', when: { appVersion: { semver: '<2.0.0' } }, value: false },
    { name: 'markets', when: { country: ['DE', 'FR'], plan: 'enterprise' }, value: true },
  ],
  split: { true: 10, false: 90 },
};

/** A configuration holding {@link benchRules}, from an in-memory plugin layer. */
export function loadBenchConfig() {
  return loadConfig(
    {
      sections: [BenchFeatures],
      sources: [
        {
          name: 'bench',
          load: async () =>
            layerFromTree({
              source: 'bench',
              tree: { features: { newCheckoutRules: benchRules } },
              originOf: (path) => ({ source: 'bench', locator: path.join('.') }),
            }),
        },
      ],
    },
    { env: {}, argv: [], environment: 'bench' },
  );
}
