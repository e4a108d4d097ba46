import { displayPath } from '../load/display-path.js';
import type { FileSnapshot } from '../load/file-snapshot.js';

const shown = 3;

/**
 * `config/production.yaml changed`, `config/local.yaml created`, `config/local.yaml deleted`; several
 * files are joined with commas (at most three named, then `and N more`).
 */
export function describeChange(before: FileSnapshot, after: FileSnapshot, cwd: string): string {
  const previous = new Map(before.files.map((f) => [f.path, f.digest]));
  const parts: string[] = [];
  for (const file of after.files) {
    const old = previous.get(file.path) ?? 'missing';
    if (old === file.digest) continue;
    const name = displayPath(cwd, file.path);
    if (file.digest === 'missing') parts.push(`${name} deleted`);
    else if (old === 'missing') parts.push(`${name} created`);
    else if (file.digest.startsWith('error:')) parts.push(`${name} unreadable (${file.digest.slice(6)})`);
    else parts.push(`${name} changed`);
  }
  if (parts.length === 0) return 'configuration files changed';
  if (parts.length <= shown) return parts.join(', ');
  return `${parts.slice(0, shown).join(', ')} and ${parts.length - shown} more`;
}
