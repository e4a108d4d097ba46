import { Section } from '@strata/core';
import { IsInt, Max, Min } from '@strata/core/rules';
import { Flag } from '@strata/flags';

/** The checkout service's settings: a flag among ordinary values. */
@Section('checkout')
export class CheckoutConfig {
  @Flag({ description: 'The new checkout flow (rolled out by percentage)' })
  newFlow = false;

  /** An ordinary value beside the flag. */
  currency = 'EUR';
}

/** Per-tenant limits: the service's default, which a tenant's own file may raise (config/tenants/acme.yaml). */
@Section('limits')
export class LimitsConfig {
  /** Items a cart may hold. */
  @IsInt() @Min(1) @Max(10_000) itemsPerCart = 50;
}
