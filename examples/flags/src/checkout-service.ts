import 'reflect-metadata';
import { type Config, loadConfig } from '@strata/core';
import { createFlags, type FlagEvaluation, type Flags } from '@strata/flags';
import definition from './definition.js';

/** A user as the checkout sees one. */
export interface Shopper {
  readonly id: string;
  readonly email?: string;
  readonly appVersion?: string;
}

/** The running service: its configuration, its flags and the one decision it makes with them. */
export interface CheckoutService {
  readonly config: Config;
  readonly flags: Flags;
  /** Which checkout a shopper gets, and why. */
  checkoutFor(shopper: Shopper): FlagEvaluation<boolean>;
  close(): Promise<void>;
}

/** Start the service in `cwd` (where `config/` is); `watch` follows edits of the rules. */
export async function startCheckout(options: { cwd: string; watch?: boolean }): Promise<CheckoutService> {
  const config = await loadConfig(definition, {
    cwd: options.cwd,
    environment: 'production',
    watch: options.watch ?? false,
  });
  const flags = createFlags(config);
  return {
    config,
    flags,
    checkoutFor: (shopper) =>
      flags.evaluate<boolean>('checkout.newFlow', {
        targetingKey: shopper.id,
        email: shopper.email,
        appVersion: shopper.appVersion,
      }),
    close: () => config.close(),
  };
}
