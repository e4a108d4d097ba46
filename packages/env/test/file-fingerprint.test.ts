import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintFile, fingerprintText } from '../src/dotenv/file-fingerprint.js';

// The watcher fingerprints `.env` files synchronously: whatever the path points at, it must not block the
// process or read past the byte limit.
describe('fingerprintFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-fingerprint-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('digests a regular file as the load digests its text', async () => {
    const text = '\uFEFFAPP_A=é\n';
    await writeFile(join(dir, '.env'), text);
    expect(fingerprintFile(join(dir, '.env'))).toBe(fingerprintText(text));
    expect(fingerprintFile(join(dir, 'none'))).toBe('missing');
  });

  it('holds the byte limit while reading a file whose size says 0 (/proc)', async () => {
    await symlink('/proc/self/status', join(dir, '.env'));
    expect(fingerprintFile(join(dir, '.env'), 64)).toBe('error:too-large');
  });

  it('does not block on a FIFO or read a device', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await symlink(join(dir, 'fifo'), join(dir, '.env'));
    await symlink('/dev/zero', join(dir, '.env.zero'));
    expect(fingerprintFile(join(dir, '.env'))).toBe('error:not-a-regular-file');
    expect(fingerprintFile(join(dir, '.env.zero'))).toBe('error:not-a-regular-file');
  });
});
