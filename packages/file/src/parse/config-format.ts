import { extname } from 'node:path';
import type { ConfigFormat } from './parsed-config.js';

const byExtension: Readonly<Record<string, ConfigFormat>> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.toml': 'toml',
};

/** The format a file name implies (`.json`, `.yaml`/`.yml`, `.toml`), or undefined for anything else. */
export function configFormatOf(file: string): ConfigFormat | undefined {
  return byExtension[extname(file).toLowerCase()];
}
