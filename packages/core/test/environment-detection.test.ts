import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IsString } from 'class-validator';
import { afterAll, describe, expect, it } from 'vitest';
import { detectEnvironment, loadConfig, Section } from '@strata/core';

const dir = mkdtempSync(path.join(tmpdir(), 'strata-env-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const namespace = path.join(dir, 'namespace');
writeFileSync(namespace, 'staging\n');
const none = path.join(dir, 'absent');

describe('environment detection', () => {
  it('checks, in order: option, definition, STRATA_ENV, APP_ENV, NODE_ENV, Kubernetes, CI, default', () => {
    const all = { STRATA_ENV: 's', APP_ENV: 'a', NODE_ENV: 'n', CI: 'true' };
    const detect = (options: Partial<Parameters<typeof detectEnvironment>[0]>) => {
      const found = detectEnvironment({ env: {}, kubernetesNamespaceFile: namespace, ...options });
      return [found.name, found.source.kind, found.source.detail];
    };
    expect(detect({ option: 'o', definition: 'd', env: all })).toEqual([
      'o',
      'option',
      'the environment option',
    ]);
    expect(detect({ definition: 'd', env: all })).toEqual(['d', 'definition', 'the definition']);
    expect(detect({ env: all })).toEqual(['s', 'STRATA_ENV', 'STRATA_ENV']);
    expect(detect({ env: { ...all, STRATA_ENV: ' ' } })).toEqual(['a', 'APP_ENV', 'APP_ENV']);
    expect(detect({ env: { NODE_ENV: 'n', CI: 'true' } })).toEqual(['n', 'NODE_ENV', 'NODE_ENV']);
    expect(detect({ env: { CI: 'true' } })).toEqual(['staging', 'kubernetes', namespace]);
    expect(detect({ env: { CI: 'true' }, kubernetesNamespaceFile: none })).toEqual(['test', 'ci', 'CI=true']);
    expect(detect({ env: { GITHUB_ACTIONS: 'true' }, kubernetesNamespaceFile: false })).toEqual([
      'test',
      'ci',
      'GITHUB_ACTIONS',
    ]);
    expect(detect({ env: { CI: 'false' }, kubernetesNamespaceFile: none })).toEqual([
      'development',
      'default',
      'nothing set it',
    ]);
  });

  it('reads only a regular namespace file holding a DNS label', () => {
    const junk = path.join(dir, 'junk');
    writeFileSync(junk, 'Not A Namespace!\n');
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    const toZero = path.join(dir, 'zero');
    symlinkSync('/dev/zero', toZero);
    for (const file of [junk, folder, toZero, none]) {
      expect(detectEnvironment({ env: {}, kubernetesNamespaceFile: file }).source.kind).toBe('default');
    }
  });

  it('a loaded configuration says which input decided its environment', async () => {
    @Section('app')
    class App {
      @IsString() name = 'x';
    }
    const config = await loadConfig(
      { sections: [App], sources: [] },
      { env: { APP_ENV: 'qa' }, kubernetesNamespaceFile: namespace },
    );
    expect(config.environment).toBe('qa');
    expect(config.environmentSource).toEqual({ kind: 'APP_ENV', detail: 'APP_ENV' });
    const fromPod = await loadConfig(
      { sections: [App], sources: [] },
      { env: {}, kubernetesNamespaceFile: namespace },
    );
    expect([fromPod.environment, fromPod.environmentSource.kind]).toEqual(['staging', 'kubernetes']);
  });
});
