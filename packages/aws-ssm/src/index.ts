/**
 * @strata/aws-ssm — AWS Systems Manager Parameter Store as a Strata configuration source.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export { ssmSource } from './ssm-source.js';
export type { ScopedSsmSourceOptions } from './scoped-ssm-source.js';
export { scopedSsmSource } from './scoped-ssm-source.js';
export type { SsmBackoffOptions, SsmLeafAndBranch, SsmSourceOptions } from './ssm-source-options.js';
