/**
 * @strata/aws-secrets — AWS Secrets Manager as a Strata configuration source.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export { secretsManagerSource } from './secrets-manager-source.js';
export type {
  SecretFormat,
  SecretSpec,
  SecretsManagerSourceOptions,
} from './secrets-manager-source-options.js';
