import { Section } from '@strata/core';
import { Flag } from '@strata/flags';

/** The checkout service's settings: a flag among ordinary values. */
@Section('checkout')
export class CheckoutConfig {
  @Flag({ description: 'The new checkout flow (rolled out by percentage)' })
  newFlow = false;

  /** An ordinary value beside the flag. */
  currency = 'EUR';
}
