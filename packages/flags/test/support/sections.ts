import { Section } from '@strata/core';
import { Flag } from '../../src/index.js';

/** Flags of every value kind, as an application declares them. */
@Section('features')
export class FeaturesConfig {
  @Flag({ description: 'The new checkout flow' })
  newCheckout = false;

  @Flag({ description: 'The banner colour' })
  banner = 'red';

  @Flag({ description: 'Search results per page' })
  pageSize = 20;

  @Flag({ description: 'Theme settings', rulesKey: 'themeTargeting' })
  theme: { readonly dark: boolean } = { dark: false };

  /** Not a flag: flags sit among ordinary values. */
  title = 'shop';
}
