import { existsSync } from 'node:fs';
import path from 'node:path';
import { environmentFile } from './profile-names.js';
import { profileExtensions } from '../file-source-options.js';

/**
 * The files in `dir` a value for `environment` can be set in, highest precedence first: every profile file
 * that exists (`local.yaml`, `default.yaml`, …) plus the environment's own file even before it exists (the
 * usual place for a value only that environment has). A hint that named only `production.yaml` sent people
 * away from the `default.yaml` where the value had always lived.
 */
export function profileInputFiles(dir: string, profiles: readonly string[], environment: string): string[] {
  const files: string[] = [];
  for (let i = profiles.length - 1; i >= 0; i--) {
    const profile = profiles[i]!;
    if (profile.includes('{env}') && environment === '') continue;
    const name = profile.replaceAll('{env}', environment);
    if (name === environment) {
      files.push(environmentFile(dir, environment));
      continue;
    }
    for (const ext of profileExtensions) {
      const candidate = path.join(dir, `${name}.${ext}`);
      if (existsSync(candidate)) files.push(candidate);
    }
  }
  if (files.length === 0) {
    // No environment and no file yet: the first fixed profile is where a shared value goes.
    const fixed = profiles.find((profile) => !profile.includes('{env}')) ?? 'default';
    files.push(path.join(dir, `${fixed}.yaml`));
  }
  return [...new Set(files)];
}
