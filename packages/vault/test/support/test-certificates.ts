import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM files of a throw-away CA, a server certificate it signed and a client certificate it signed. */
export interface TestCertificates {
  readonly dir: string;
  /** Paths. */
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** The server certificate's only name (no IP address in it, so a client must be told the name). */
  readonly serverName: string;
  read(path: string): Buffer;
}

/**
 * Generate certificates with the `openssl` command (node:crypto makes keys but not X.509 certificates):
 * an EC P-256 CA, a server certificate for `vault.internal` only, and a client certificate. Takes ~100 ms.
 */
export function makeTestCertificates(dir: string): TestCertificates {
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const serverName = 'vault.internal';
  const key = (name: string): void =>
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name);
  key('ca.key');
  run(
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=Strata Test CA',
    '-out',
    'ca.pem',
  );
  const leaf = (name: string, subject: string, ext: string): void => {
    key(`${name}.key`);
    run('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    );
  };
  leaf('server', `/CN=${serverName}`, `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
  leaf('client', '/CN=strata-app', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key'),
    serverName,
    read: (path) => readFileSync(path),
  };
}
