/**
 * @strata/testing — the test kit: in-memory configurations with typed values, overrides applied through the
 * reload transaction, a source the test drives, a conformance suite for source plugins, and fast-check
 * arbitraries read from the schema. Everything public is listed here.
 */
export type { DeepPartial } from './deep-partial.js';
export type { SectionValues } from './section-values.js';
export { valuesFor } from './section-values.js';
export { TestingError } from './testing-error.js';
export type { TestSource, TestSourceOptions } from './test-source.js';
export { testSource } from './test-source.js';
export type { TestConfigOptions } from './create-test-config.js';
export { VALUES_SOURCE, createTestConfig } from './create-test-config.js';
export type { OverrideHandle } from './override-handle.js';
export { override } from './override.js';
export { testContainer } from './test-container.js';
export type { ArbitraryOptions } from './arbitrary/arbitrary-options.js';
export { arbitraryConfig } from './arbitrary/arbitrary-config.js';
export type { InvalidConfig } from './arbitrary/arbitrary-invalid.js';
export { arbitraryInvalid } from './arbitrary/arbitrary-invalid.js';
export type {
  ContractCheck,
  ContractContext,
  ContractFixture,
  ContractRunner,
  ContractTree,
  SourceContractFixtures,
} from './contract/source-contract-fixtures.js';
export { ContractFailure } from './contract/contract-failure.js';
export { ContractSection } from './contract/contract-section.js';
export { describeSourceContract } from './contract/describe-source-contract.js';
export { sourceContract } from './contract/source-contract.js';
