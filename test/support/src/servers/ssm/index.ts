/**
 * An SSM Parameter Store test server speaking the AWS JSON 1.1 protocol, for driving the real
 * `@aws-sdk/client-ssm` in tests and examples. No AWS endpoint can be reached from these machines.
 */
export { startSsmTestServer } from './start-ssm-test-server.js';
export { SSM_TEST_CIPHERTEXT_PREFIX } from './parameter-store.js';
export { REPEATED_NEXT_TOKEN } from './next-token.js';
export type {
  SeedParameter,
  SsmFaultKind,
  SsmFaultOptions,
  SsmParameterType,
  SsmRequestLogEntry,
  SsmTestClientOptions,
  SsmTestServer,
  SsmTestServerOptions,
  StoredParameter,
} from './types.js';
