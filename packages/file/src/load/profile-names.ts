import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { profileExtensions } from '../file-source-options.js';

/**
 * The environment names that have a profile file in `dir` (`production.yaml` → `production`), leaving out
 * the fixed profiles `default` and `local` and the local overrides `local-<env>`.
 */
export async function environmentsIn(dir: string, profiles: readonly string[]): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const fixed = new Set(profiles.filter((p) => !p.includes('{env}')));
  const names = new Set<string>();
  for (const file of files) {
    const ext = path.extname(file).slice(1);
    if (!profileExtensions.includes(ext)) continue;
    const base = file.slice(0, -(ext.length + 1));
    if (fixed.has(base) || base.startsWith('local-') || base === '') continue;
    names.add(base);
  }
  return [...names].sort();
}

/** The file an environment's values belong in: the existing `<env>.*` profile, else `<env>.yaml`. */
export function environmentFile(dir: string, environment: string): string {
  for (const ext of profileExtensions) {
    const candidate = path.join(dir, `${environment}.${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  return path.join(dir, `${environment}.yaml`);
}
