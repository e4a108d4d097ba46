// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '@strata-internal/test-support';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const example = path.join(root, 'examples/basic');
const cli = path.join(root, 'packages/cli/dist/bundle/bin.js');

async function exec(file: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  for (const file of [path.join(example, 'dist/main.js'), cli]) {
    if (!existsSync(file))
      throw new Error(
        `${path.relative(root, file)} is missing: run the build first (npx -y pnpm@10.34.9 build)`,
      );
  }
});

describe('examples/basic', () => {
  it('the demo resolves, injects, prints the redacted configuration and an explanation', async () => {
    const { code, stdout } = await exec(path.join(example, 'dist/main.js'), [], cleanEnv());
    expect(code).toBe(0);
    expect(stdout).toContain('Environment: development');
    expect(stdout).toContain(
      'UserService → postgres://localhost:5432/strata_dev (pool of 5), logging at debug',
    );
    expect(stdout).toContain('"password": "[redacted]"');
    expect(stdout).not.toContain('dev-only-password');
    expect(stdout).toMatch(/→ 5 from file config\/development\.yaml:5:13/);
    expect(stdout).toMatch(/ 10 from file config\/default\.yaml:7:13/);
    expect(stdout).toContain(
      'could also be set by: env APP_DATABASE__POOL_SIZE, database.poolSize in config/development.yaml or config/default.yaml',
    );
  });

  it('the demo takes APP_ variables over files', async () => {
    const { stdout } = await exec(
      path.join(example, 'dist/main.js'),
      [],
      cleanEnv({ APP_DATABASE__POOL_SIZE: '42' }),
    );
    expect(stdout).toContain('(pool of 42)');
    expect(stdout).toMatch(/→ "42" from env APP_DATABASE__POOL_SIZE/);
  });

  it('strata validate --env production fails naming database.password until APP_DATABASE__PASSWORD is set', async () => {
    const args = ['validate', '--cwd', 'examples/basic', '--env', 'production'];
    const failing = await exec(cli, args, cleanEnv());
    expect(failing.code).toBe(1);
    expect(failing.stdout + failing.stderr).toContain(
      'database.password: is required — not set by any source (env APP_DATABASE__PASSWORD, or database.password in config/production.yaml or config/default.yaml)',
    );
    const passing = await exec(cli, args, cleanEnv({ APP_DATABASE__PASSWORD: 'prod-secret-value' }));
    expect(passing.code).toBe(0);
    expect(passing.stdout + passing.stderr).not.toContain('prod-secret-value');
  });

  it('strata explain answers for an environment that is invalid right now', async () => {
    const { code, stdout } = await exec(
      cli,
      ['explain', 'database.poolSize', '--cwd', 'examples/basic', '--env', 'production'],
      cleanEnv(),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('database.poolSize = 40');
    expect(stdout).toMatch(/✓ file config\/production\.yaml:6:13 \[service\] +40/);
  });

  it('production takes its port from the shared platform level and builds its URL from a reference', async () => {
    const [port, url] = await Promise.all([
      exec(cli, ['explain', 'server.port', '--cwd', 'examples/basic', '--env', 'production'], cleanEnv()),
      exec(
        cli,
        ['explain', 'database.url', '--cwd', 'examples/basic', '--env', 'production'],
        cleanEnv({ DB_HOST: 'db.replica' }),
      ),
    ]);
    expect(port.stdout).toContain('server.port = 80');
    expect(port.stdout).toMatch(/- file platform\/global\.yaml:\d+:\d+ \[global\] +8080/);
    expect(port.stdout).toMatch(/✓ file platform\/production\.yaml:\d+:\d+ \[environment\] +80/);
    expect(url.stdout).toContain('database.url = "postgres://db.replica:5432/strata?connection_limit=40"');
    expect(url.stdout).toContain('    ${env:DB_HOST} from env DB_HOST');
    expect(url.stdout).toMatch(
      / {4}\$\{database\.poolSize\} from file config\/production\.yaml:6:13 \[service\]/,
    );
  });

  it('docs/cli.md shows the real output of each command on examples/basic', async () => {
    const doc = readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
    const section = /## On examples\/basic\n\n```\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(section).toBeDefined();
    const blocks = section!.trim().split(/\n\n(?=\$ )/);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      const [command = '', ...rest] = block.split('\n');
      const expected = rest.join('\n');
      const match = /^\$ (?:(APP_DATABASE__PASSWORD)=… )?strata (.*)$/.exec(command);
      expect(match, command).not.toBeNull();
      const args = match![2]!.split(' ');
      const env = match![1] ? cleanEnv({ APP_DATABASE__PASSWORD: 'a-documented-secret' }) : cleanEnv();
      const { code, stdout, stderr } = await exec(cli, [...args, '--cwd', 'examples/basic'], env);
      expect(`${stdout}${stderr}[exit ${code}]`.trim(), command).toBe(expected.trim());
    }
  });
});
