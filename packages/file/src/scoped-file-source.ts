import type { ScopedSource } from '@strata/core';
import { StrataError } from '@strata/core';
import { expandScopeTemplate } from '@strata/core/source';
import { fileSource } from './file-source.js';
import type { ProfileDirectoryOptions, SingleFileOptions } from './file-source-options.js';

/**
 * Options of {@link scopedFileSource}: those of a `fileSource` with one file or one profile directory, whose
 * path is a template naming scope levels, plus the level the files belong to.
 */
export type ScopedFileSourceOptions = (
  | Omit<SingleFileOptions, 'optional'>
  | Omit<ProfileDirectoryOptions, 'optional'>
) & {
  /**
   * The scope level whose value selects the file: `'tenant'`, `'user'`. The path may also name the levels
   * before it (`config/tenants/{tenant}/users/{user}.yaml` at level `user`).
   */
  level: string;
  /**
   * A scope without its file (or directory) has no layer from this source, instead of failing: most tenants
   * change nothing. `false` makes a missing file that scope's error.
   * @default true
   */
  optional?: boolean;
};

/**
 * Configuration files per scope, for the definition's `scopes.sources`: `file` (or `dir`) is a template whose
 * `{tenant}` / `{user}` placeholders are replaced by the scope's values (checked safe: no `/`, `\`, `..` or NUL,
 * so a tenant id cannot leave the folder). Each scope gets a `fileSource` of its own, with every option given
 * here (format, limits, watching), so a tenant file's values carry `config/tenants/acme.yaml:3:9` origins.
 *
 * @example scopedFileSource({ name: 'tenant-files', level: 'tenant', file: 'config/tenants/{tenant}.yaml' })
 */
export function scopedFileSource(options: ScopedFileSourceOptions): ScopedSource {
  const { level, ...rest } = options;
  const name = options.name ?? `file:${level}`;
  const template = rest.file ?? rest.dir;
  if (template === undefined || !template.includes(`{${level}}`)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `scopedFileSource "${name}": its ${rest.file === undefined ? 'dir' : 'file'} must name {${level}}, e.g. config/tenants/{${level}}.yaml`,
    );
  }
  return {
    name,
    level,
    forScope(scope) {
      const common = { ...rest, name, optional: options.optional ?? true };
      return rest.file !== undefined
        ? fileSource({ ...(common as SingleFileOptions), file: expandScopeTemplate(rest.file, scope) })
        : fileSource({ ...(common as ProfileDirectoryOptions), dir: expandScopeTemplate(template, scope) });
    },
  };
}
