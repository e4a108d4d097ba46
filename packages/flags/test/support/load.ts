import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Config, loadConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import { type TempDir, tempDir } from '@strata-internal/test-support';
import { FeaturesConfig } from './sections.js';

/** A configuration over `config/default.yaml` holding `yaml`, in a fresh temporary directory. */
export async function loadFlagsConfig(
  yaml: string,
  options: { watch?: boolean } = {},
): Promise<{ config: Config; file: string; temp: TempDir }> {
  const temp = await tempDir('strata-flags-');
  const file = path.join(temp.dir, 'config', 'default.yaml');
  await mkdir(path.dirname(file));
  await writeFile(file, yaml);
  try {
    const config = await loadConfig(
      { sections: [FeaturesConfig], sources: [fileSource({ dir: 'config' })] },
      { cwd: temp.dir, env: {}, argv: [], environment: 'test', watch: options.watch ?? false },
    );
    return { config, file, temp };
  } catch (error) {
    await temp.cleanup();
    throw error;
  }
}
