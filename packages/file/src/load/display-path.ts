import { relative, sep } from 'node:path';

/** `config/production.yaml`: a path relative to `cwd`, with forward slashes, as origins and messages show it. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}
