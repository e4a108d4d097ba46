/**
 * An AWS Secrets Manager test server speaking the AWS JSON 1.1 protocol, for driving the real
 * `@aws-sdk/client-secrets-manager` in tests and examples. No AWS endpoint can be reached from these machines.
 */
export { startSecretsManagerTestServer } from './start-secrets-manager-test-server.js';
export type {
  SecretsManagerFaultKind,
  SecretsManagerFaultOptions,
  SecretsManagerRequestLogEntry,
  SecretsManagerTestServer,
  SecretsManagerTestServerOptions,
  SeedSecret,
  StoredSecret,
  StoredSecretVersion,
} from './types.js';
