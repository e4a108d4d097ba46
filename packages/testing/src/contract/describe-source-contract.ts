import type { ConfigSource } from '@strata/core';
import { sourceContract } from './source-contract.js';
import type { ContractFixture, ContractRunner, SourceContractFixtures } from './source-contract-fixtures.js';

/**
 * Register the source contract under `describe(name)` with the runner's own `describe` and `it` (vitest,
 * jest, mocha and node:test all fit), so this package never imports a runner:
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * describeSourceContract('properties', (dir) => propertiesSource({ dir: dir.path }), fixtures, { describe, it });
 * ```
 *
 * The checks: every leaf has an origin; an aborted load is refused (or settles, for a local source);
 * `describe()` answers text or nothing; `__proto__`, `constructor` and `prototype` keys are refused; `watch`
 * signals once per change; `dispose` leaves no handle open (`process.getActiveResourcesInfo()`).
 */
export function describeSourceContract<F extends ContractFixture>(
  name: string,
  factory: (fixture: F) => ConfigSource,
  fixtures: SourceContractFixtures<F>,
  runner: ContractRunner,
): void {
  runner.describe(`source contract: ${name}`, () => {
    for (const check of sourceContract(factory, fixtures)) runner.it(check.name, check.run);
  });
}
