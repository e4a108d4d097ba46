import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

// The published packages run from the bundles scripts/bundle.mjs writes to dist/bundle/ after `tsc -b`. These
// tests check the built output the way Node loads it (child processes without the `@strata/source` condition):
// every entry point is a bundle, bundles hold only their own package's modules, they export what src exports,
// and the packages share one core. Build first (`npx -y pnpm@10.34.9 run build`).

const exec = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = 'dist/bundle';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly exports?: Readonly<Record<string, unknown>>;
  readonly main?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly sideEffects?: boolean | readonly string[];
}

interface Package {
  readonly dir: string;
  readonly manifest: Manifest;
}

const packages: Package[] = readdirSync(path.join(root, 'packages'))
  .map((name) => path.join(root, 'packages', name))
  .filter((dir) => existsSync(path.join(dir, 'package.json')))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

/** Runtime targets of an `exports` value (the `types` and `@strata/source` conditions are not runtime). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'types' || key === '@strata/source' ? [] : exportTargets(inner),
  );
}

/** Every file Node may load first from the package: `exports` targets, `main`, `bin`. */
function entryTargets({ manifest }: Package): string[] {
  const targets = Object.values(manifest.exports ?? {}).flatMap(exportTargets);
  if (manifest.main !== undefined) targets.push(manifest.main);
  if (typeof manifest.bin === 'string') targets.push(manifest.bin);
  else if (manifest.bin !== undefined) targets.push(...Object.values(manifest.bin));
  return [...new Set(targets.filter((target) => target.endsWith('.js')))];
}

/** The public subpaths (`.`, `./rules`) with their source file. */
function sourceEntries({ dir, manifest }: Package): Array<{ subpath: string; source: string }> {
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, conditions]) => {
    const source = (conditions as Record<string, unknown>)['@strata/source'];
    return typeof source === 'string' ? [{ subpath, source: path.join(dir, source) }] : [];
  });
}

/** Specifiers of static imports, re-exports and dynamic imports with a literal specifier. */
function importedSpecifiers(file: string): Array<{ specifier: string; bindings: boolean }> {
  const found: Array<{ specifier: string; bindings: boolean }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const { type, source, specifiers } = node as { type?: unknown; source?: unknown; specifiers?: unknown };
    const literal = (source as { type?: unknown; value?: unknown } | null | undefined) ?? undefined;
    if (
      (type === 'ImportDeclaration' ||
        type === 'ExportNamedDeclaration' ||
        type === 'ExportAllDeclaration' ||
        type === 'ImportExpression') &&
      literal?.type === 'Literal' &&
      typeof literal.value === 'string'
    ) {
      const bindings = type !== 'ImportDeclaration' || (Array.isArray(specifiers) && specifiers.length > 0);
      found.push({ specifier: literal.value, bindings });
    }
    for (const value of Object.values(node)) {
      if (value !== null && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(readFileSync(file, 'utf8'), { sourceType: 'module' }, file));
  return found;
}

/** The files reached from `entry` through relative imports, checking that each stays in `allowedDir`. */
function reachableFiles(entry: string, allowedDir: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { specifier } of importedSpecifiers(file)) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      expect(
        target.startsWith(allowedDir + path.sep),
        `${file} imports ${specifier} outside ${allowedDir}`,
      ).toBe(true);
      expect(existsSync(target), `${file} imports ${specifier}, which does not exist`).toBe(true);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

/** The original sources a bundle file's map names, as absolute paths (none when it has no map). */
function mappedSources(file: string): string[] {
  if (!existsSync(`${file}.map`)) return [];
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
  return map.sources.map((source) => path.resolve(path.dirname(file), map.sourceRoot ?? '', source));
}

/** Every `.js` file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(dir, name));
}

/** Runs ES module code in a fresh Node process (no `@strata/source` condition) in `cwd`; returns its JSON. */
async function inNode<T>(cwd: string, code: string): Promise<T> {
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', code], {
    cwd,
    timeout: 20_000,
  });
  return JSON.parse(stdout) as T;
}

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s as built', (_name, pkg) => {
  const outDir = path.join(pkg.dir, bundleDir);

  it('points every entry point at a bundle in dist/bundle/, newer than the tsc output it was built from', () => {
    const targets = entryTargets(pkg);
    expect(targets.length).toBeGreaterThan(0);
    expect(existsSync(outDir), `${outDir} is missing: run the build (tsc -b, then scripts/bundle.mjs)`).toBe(
      true,
    );
    const bundles = jsFiles(outDir);
    // Neither dist/bundle/ nor the dist/bundle.new-<pid>/ of a build running right now.
    const compiled = jsFiles(path.join(pkg.dir, 'dist')).filter((file) => !file.startsWith(outDir));
    for (const target of targets) {
      expect(target.startsWith(`./${bundleDir}/`), `${target} is not under ./${bundleDir}/`).toBe(true);
      expect(existsSync(path.join(pkg.dir, target)), `${target} is missing: build first`).toBe(true);
    }
    const oldestBundle = Math.min(...bundles.map((file) => statSync(file).mtimeMs));
    const newestCompiled = Math.max(...compiled.map((file) => statSync(file).mtimeMs));
    expect(
      oldestBundle,
      'tsc ran after the bundles were written: run the whole build',
    ).toBeGreaterThanOrEqual(newestCompiled);
  });

  it("imports only packages and its own chunks, and inlines only this package's modules", () => {
    const sources = new Set<string>();
    for (const target of entryTargets(pkg)) {
      for (const file of reachableFiles(path.join(pkg.dir, target), outDir)) {
        for (const source of mappedSources(file)) sources.add(source);
      }
    }
    const srcDir = path.join(pkg.dir, 'src');
    for (const source of sources) {
      expect(source.startsWith(srcDir + path.sep), `${source} is not one of ${srcDir}'s modules`).toBe(true);
    }
    // Several modules per bundle: the bundle step ran, rather than a copy of a single compiled file.
    expect(sources.size).toBeGreaterThan(1);
  });

  it('lists in sideEffects every bundle file with a side-effect-only import', () => {
    const listed = pkg.manifest.sideEffects;
    for (const file of jsFiles(outDir)) {
      const bare = importedSpecifiers(file).filter(({ bindings }) => !bindings);
      if (bare.length === 0 || listed === true || listed === undefined) continue;
      const relative = `./${path.relative(pkg.dir, file).split(path.sep).join('/')}`;
      // Entries of one package share hashed chunks (`read-schema-<hash>.js`), so `sideEffects` may list
      // globs, as bundlers allow: `*` stands for any run of characters within one path segment.
      const patterns = listed === false ? [] : listed;
      expect(
        patterns.some((pattern) => globToRegExp(pattern).test(relative)),
        `${relative} imports ${bare.map((i) => i.specifier).join(', ')} for its effects, and sideEffects (${patterns.join(', ')}) does not list it`,
      ).toBe(true);
    }
  });

  it('exports the same names from the built entry points as from src', async () => {
    const entries = sourceEntries(pkg);
    expect(entries.length).toBeGreaterThan(0);
    const specifiers = entries.map(({ subpath }) => pkg.manifest.name + subpath.slice(1));
    // The package resolves itself by name from its own directory, as a dependent would, with Node's conditions.
    const built = await inNode<Array<{ url: string; names: string[] }>>(
      pkg.dir,
      `const specifiers = ${JSON.stringify(specifiers)};
       const out = [];
       for (const specifier of specifiers) {
         const url = import.meta.resolve(specifier);
         out.push({ url, names: Object.keys(await import(url)).sort() });
       }
       console.log(JSON.stringify(out));`,
    );
    for (const [index, { source }] of entries.entries()) {
      const result = built[index];
      expect(result?.url.startsWith(pathToFileURL(outDir).href)).toBe(true);
      const fromSource = Object.keys((await import(source)) as object).sort();
      expect(result?.names).toEqual(fromSource);
    }
  });
});

describe('the built packages together', () => {
  it("share one core: errors thrown by @strata/file and @strata/env are core's classes", async () => {
    const result = await inNode<Record<string, boolean>>(
      path.join(root, 'packages/cli'),
      `const core = await import('@strata/core');
       const file = await import('@strata/file');
       const env = await import('@strata/env');
       const thrown = (run) => { try { run(); } catch (error) { return error; } };
       const parse = thrown(() => file.parseConfigFile({ text: '{"a": ', file: 'app.json' }));
       const unsafe = thrown(() => file.parseConfigFile({ text: '{"__proto__": {"x": 1}}', file: 'app.json' }));
       const options = thrown(() => file.fileSource({ dir: 'config', debounceMs: -1 }));
       const separator = thrown(() => env.envSource({ separator: '' }));
       console.log(JSON.stringify({
         parse: parse instanceof core.ParseError && parse instanceof core.StrataError,
         unsafe: unsafe instanceof core.UnsafeKeyError,
         options: options?.constructor === core.StrataError,
         separator: separator?.constructor === core.StrataError,
       }));`,
    );
    expect(result).toEqual({ parse: true, unsafe: true, options: true, separator: true });
  });

  it('run the bundled strata binary, which finds its own package.json', async () => {
    const cli = packages.find(({ manifest }) => manifest.name === '@strata/cli');
    const bin = cli?.manifest.bin;
    const binTarget = typeof bin === 'string' ? bin : bin?.strata;
    expect(binTarget).toBeDefined();
    const binFile = path.join(cli?.dir ?? '', binTarget ?? '');
    const version = await exec(process.execPath, [binFile, '--version'], { cwd: root });
    expect(version.stdout.trim()).toBe(cli?.manifest.version);
    const help = await exec(process.execPath, [binFile, '--help'], { cwd: root });
    expect(help.stdout).toContain('Usage: strata');
  });
});

/** A `sideEffects` entry as a regular expression: `*` matches within one path segment, the rest literally. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`);
}
