import type { Config, LeafValue } from '@strata/core';
import { loadConfig } from '@strata/core';
import { afterEach } from 'vitest';
import { type TestSource, testSource } from '@strata-internal/test-support';
import { SECRET, sections } from './sections.js';

const open: Config[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((config) => config.close()));
});

/** A real configuration over an editable in-test source (closed after each test), the secret set. */
export async function loadTestConfig(
  tree: { [key: string]: LeafValue } = {},
): Promise<{ config: Config; source: TestSource }> {
  const source = testSource({ database: { password: SECRET }, ...tree });
  const config = await loadConfig({ sections, sources: [source] }, { env: {}, argv: [] });
  open.push(config);
  return { config, source };
}

/** A configuration over a given source (closed after each test). */
export async function loadWith(source: TestSource): Promise<Config> {
  const config = await loadConfig({ sections, sources: [source] }, { env: {}, argv: [] });
  open.push(config);
  return config;
}
