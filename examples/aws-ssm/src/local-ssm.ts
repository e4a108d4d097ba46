import { type SsmTestServer, startSsmTestServer } from '../../../test/support/src/servers/ssm/index.js';

/**
 * Start the repository's SSM test server on 127.0.0.1 (a free port) holding the demo's parameters, for
 * machines without AWS. It speaks Parameter Store's JSON protocol, so the real AWS SDK talks to it unchanged.
 */
export function startLocalSsm(environment: string): Promise<SsmTestServer> {
  const at = `/app/${environment}`;
  return startSsmTestServer({
    parameters: {
      [`${at}/database/host`]: 'db.internal',
      [`${at}/database/port`]: '5432',
      [`${at}/database/pool_size`]: '20',
      [`${at}/database/password`]: { value: 'first-password-from-ssm', type: 'SecureString' },
      [`${at}/http/allowed_origins`]: {
        value: 'https://app.example.com,https://admin.example.com',
        type: 'StringList',
      },
      [`${at}/http/trusted_ports`]: { value: '8080,8443', type: 'StringList' },
    },
  });
}
