import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli/cli-error.js';
import { readCliFile } from '../cli/read-cli-file.js';
import { type ScaffoldFile, scaffoldFiles } from './scaffold-files.js';
import { workerFiles } from './worker-files.js';

/** The templates shipped with the CLI. */
export const builtInTemplates: Readonly<Record<string, readonly ScaffoldFile[]>> = {
  service: scaffoldFiles,
  worker: workerFiles,
};

/** A user's template directory holds at most this many files: a template is a handful of small files. */
const maxTemplateFiles = 200;

/**
 * The files of a template: a built-in one by name (`service`, `worker`), or every regular file under a
 * directory (a name with a slash, or one starting with `.`, resolved against `cwd`). Files are read through
 * the CLI's bounded reader; links and special files are refused rather than followed into `/dev`.
 */
export async function templateFiles(name: string, cwd: string): Promise<readonly ScaffoldFile[]> {
  const builtIn = Object.hasOwn(builtInTemplates, name) ? builtInTemplates[name] : undefined;
  if (builtIn) return builtIn;
  if (!name.includes('/') && !name.startsWith('.')) {
    throw CliError.usage(
      `unknown template "${name}"; the built-in ones are ${Object.keys(builtInTemplates).join(', ')}, or give a directory (./my-template)`,
    );
  }
  const root = path.resolve(cwd, name);
  const files: ScaffoldFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: string[];
    try {
      entries = (await readdir(dir)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw CliError.usage(`template directory ${name} cannot be read (${code ?? 'error'})`, {
        cause: error,
      });
    }
    for (const entry of entries) {
      const full = path.join(dir, entry);
      const relative = path.relative(root, full).split(path.sep).join('/');
      const stats = await lstat(full);
      if (stats.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!stats.isFile()) {
        throw CliError.usage(
          `template file ${relative} is not a regular file (a link or a device); templates copy regular files only`,
        );
      }
      if (files.length >= maxTemplateFiles) {
        throw CliError.usage(`template directory ${name} holds more than ${maxTemplateFiles} files`);
      }
      const read = await readCliFile(full, `${name}/${relative}`);
      if (read.kind === 'file') files.push({ path: relative, content: read.bom + read.text });
    }
  };
  await walk(root);
  if (files.length === 0) throw CliError.usage(`template directory ${name} holds no files`);
  return files;
}
