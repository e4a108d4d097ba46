#!/usr/bin/env node
/**
 * Bundles each published package's tsc output into a few ES modules, so that importing a package loads one
 * file (plus a shared chunk or two) instead of dozens: `node scripts/bundle.mjs`, after `tsc -b tsconfig.json`
 * (the root `build` script runs both).
 *
 * For every non-private `packages/<name>/package.json`:
 *
 * - The entry points are read from the package.json itself: every JavaScript target of `exports` (any
 *   number of subpaths and nested conditions; `types` and `@strata/source` are skipped), `main` and `bin`.
 *   A target `./dist/bundle/<path>.js` is built from tsc's `./dist/<path>.js`; so is a target still pointing
 *   at tsc's `./dist/<path>.js`, with a warning, because such an entry would load the unbundled modules and
 *   get its own copies of classes the bundle also holds (test/bundles.test.ts fails on it).
 * - Only the package's own relative modules are inlined. Every bare specifier (dependencies, peers, other
 *   `@strata/*` packages, `node:` builtins) stays an import, so there is one copy of core's classes however
 *   many packages are loaded. Dynamic imports stay dynamic: of our own modules as lazily loaded chunks.
 * - Output goes to `dist/bundle/` (replaced as a whole), which tsc never writes to, so tsc's incremental
 *   build and the bundler never touch the same file. Types stay tsc's `.d.ts`.
 * - Source maps are chained through tsc's maps, so they point at `src/*.ts`.
 * - Every module keeps its top-level side effects (`treeshake.moduleSideEffects`) and every class and
 *   function keeps its `name` (`keepNames`), as when Node loads the modules one by one.
 * - `new URL('<relative path>', import.meta.url)` must resolve to the same file from the bundle as from the
 *   module's tsc output (the CLI reads its package.json this way); the build fails otherwise, and on any
 *   other use of `import.meta` than `createRequire(import.meta.url)`, which resolves packages the same way
 *   from anywhere inside the package.
 */
import { chmod, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = path.join(root, 'packages');
/** tsc's output directory in every package, and the bundles' directory inside it. */
const distDir = 'dist';
const bundleDir = path.posix.join(distDir, 'bundle');

/** `exports` conditions whose targets are not the runtime JavaScript. */
const skippedConditions = new Set(['types', '@strata/source']);

/** A bare specifier (`yaml`, `@strata/core`, `node:fs`): an external import. */
function isBare(id) {
  return !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0');
}

/** Every runtime JavaScript target of an `exports` value, however nested. */
function exportTargets(value) {
  if (typeof value === 'string') return value.endsWith('.js') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    skippedConditions.has(key) ? [] : exportTargets(inner),
  );
}

/** The entry points of a package: bundle name (path under `dist/bundle/` without `.js`) → tsc output file. */
function entryPoints(manifest, dir, warnings) {
  const targets = [...exportTargets(manifest.exports ?? {})];
  if (typeof manifest.main === 'string') targets.push(manifest.main);
  if (typeof manifest.bin === 'string') targets.push(manifest.bin);
  else if (manifest.bin) targets.push(...Object.values(manifest.bin));
  const entries = {};
  for (const target of new Set(targets)) {
    const relative = path.posix.normalize(target);
    let inside;
    if (relative.startsWith(`${bundleDir}/`)) {
      inside = relative.slice(bundleDir.length + 1);
    } else if (relative.startsWith(`${distDir}/`)) {
      inside = relative.slice(distDir.length + 1);
      warnings.push(`${manifest.name}: "${target}" is tsc's output; point it at "./${bundleDir}/${inside}"`);
    } else {
      throw new Error(
        `${manifest.name}: cannot bundle "${target}": entry points must live under ./${distDir}/`,
      );
    }
    if (inside.includes('*')) throw new Error(`${manifest.name}: cannot bundle the pattern "${target}"`);
    entries[inside.slice(0, -'.js'.length)] = path.join(dir, distDir, inside);
  }
  return entries;
}

/** `import.meta.url` means `url` here: its path must resolve the same from the bundle. */
function isImportMetaUrl(node) {
  return (
    node?.type === 'MemberExpression' &&
    node.object?.type === 'MetaProperty' &&
    node.object.meta?.name === 'import' &&
    node.property?.type === 'Identifier' &&
    node.property.name === 'url'
  );
}

/**
 * The `import.meta` uses of a module: the literal paths of `new URL('<path>', import.meta.url)`, and how many
 * uses are neither that nor `createRequire(import.meta.url)` (which resolves packages, the same from anywhere
 * inside the package).
 */
function importMetaUses(code, id) {
  const urls = [];
  let all = 0;
  let known = 0;
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    if (node.type === 'MetaProperty' && node.meta?.name === 'import') all++;
    const [first, second] = node.arguments ?? [];
    if (node.type === 'CallExpression' && node.callee?.name === 'createRequire' && isImportMetaUrl(first)) {
      known++;
    } else if (
      node.type === 'NewExpression' &&
      node.callee?.name === 'URL' &&
      first?.type === 'Literal' &&
      typeof first.value === 'string' &&
      isImportMetaUrl(second)
    ) {
      urls.push(first.value);
      known++;
    }
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') visit(value);
  };
  visit(parseAst(code, { sourceType: 'module' }, id));
  return { urls, others: all - known };
}

/**
 * Loads tsc's output with tsc's source map, so the bundle's map points at `src/*.ts`, and checks its uses of
 * `import.meta` (see the file comment).
 */
function tscOutput(outDir) {
  const urlUses = new Map();
  return {
    name: 'strata-tsc-output',
    async load(id) {
      if (!id.endsWith('.js')) return null;
      const text = await readFile(id, 'utf8');
      const code = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      const map = await readFile(`${id}.map`, 'utf8').catch(() => null);
      const { urls, others } = importMetaUses(code, id);
      if (others > 0) {
        this.error(
          `${id}: uses import.meta other than createRequire(import.meta.url) or new URL('<literal>', import.meta.url); ` +
            'check that it still works from dist/bundle/ and teach scripts/bundle.mjs about it',
        );
      }
      if (urls.length > 0) urlUses.set(id, urls);
      return map === null ? { code } : { code, map: JSON.parse(map) };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const chunkDir = path.dirname(path.join(outDir, chunk.fileName));
        for (const id of chunk.moduleIds) {
          for (const url of urlUses.get(id) ?? []) {
            const before = path.resolve(path.dirname(id), url);
            const after = path.resolve(chunkDir, url);
            if (before !== after) {
              this.error(
                `${id}: new URL('${url}', import.meta.url) means ${before} but would mean ${after} from ${chunk.fileName}`,
              );
            }
          }
        }
      }
    },
  };
}

/** Bundles one package; returns the files written. */
async function bundlePackage(dir, manifest, warnings) {
  const entries = entryPoints(manifest, dir, warnings);
  if (Object.keys(entries).length === 0) return [];
  if (await exists(path.join(dir, 'src', 'bundle'))) {
    throw new Error(`${manifest.name}: src/bundle/ would compile into ${bundleDir}/, where the bundles live`);
  }
  for (const file of Object.values(entries)) {
    if (!(await exists(file)))
      throw new Error(`${manifest.name}: ${file} is missing: run tsc -b tsconfig.json first`);
  }
  const outDir = path.join(dir, bundleDir);
  // Written beside dist/bundle/ (same depth, so relative paths and maps hold) and swapped in by renames: a
  // build running while tests or another build import the bundles never leaves them missing for long.
  const fresh = `${outDir}.new-${process.pid}`;
  const stale = `${outDir}.old-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  const build = await rolldown({
    cwd: dir,
    input: entries,
    platform: 'node',
    // The input is tsc's JavaScript: no tsconfig applies (and a package's references need not be present).
    tsconfig: false,
    external: isBare,
    plugins: [tscOutput(outDir)],
    treeshake: { moduleSideEffects: true },
    onLog(level, log) {
      warnings.push(`${manifest.name}: rolldown ${level}: ${log.message}`);
    },
  });
  let output;
  try {
    ({ output } = await build.write({
      dir: fresh,
      format: 'esm',
      sourcemap: true,
      keepNames: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    }));
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw error;
  } finally {
    await build.close();
  }
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) {
    const file = path.join(fresh, path.relative(outDir, path.join(dir, bin)));
    if (file.startsWith(fresh + path.sep) && (await exists(file))) await chmod(file, 0o755);
  }
  await rename(outDir, stale).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, outDir);
  await rm(stale, { recursive: true, force: true });
  return output.map((file) => path.join(outDir, file.fileName));
}

async function exists(file) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const warnings = [];
const names = (await readdir(packagesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
let count = 0;
for (const { name } of names) {
  const dir = path.join(packagesDir, name);
  const manifestFile = path.join(dir, 'package.json');
  if (!(await exists(manifestFile))) continue;
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  if (manifest.private === true) continue;
  const files = await bundlePackage(dir, manifest, warnings);
  count += files.filter((file) => file.endsWith('.js')).length;
}
for (const warning of warnings) console.warn(`bundle: ${warning}`);
console.log(`bundle: ${count} files in packages/*/${bundleDir}/`);
