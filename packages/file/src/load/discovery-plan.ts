import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  type InputLimits,
  type Layer,
  ParseError,
  SourceError,
  type SourceContext,
  StrataError,
} from '@strata/core';
import { decodeInputText, isPlainObject, LayerBuilder, readInputFile } from '@strata/core/source';
import type { PublicExplorer } from 'cosmiconfig';
import { cosmiconfigModule } from '../lazy-modules.js';
import { configFormatOf } from '../parse/config-format.js';
import { parseConfigEntries } from '../parse/parse-config-file.js';
import type { ParsedConfigFile } from '../parse/parsed-config.js';
import { addJsConfig } from './add-js-config.js';
import { addParsedFile } from './add-parsed-file.js';
import { displayPath } from './display-path.js';
import { readSnapshot, snapshotOf } from './file-snapshot.js';
import { globalConfigDirectory, globalConfigPlaces, metaConfigPlaces } from './global-config-directory.js';
import { loadJsConfig } from './load-js-config.js';
import type { LoadOutcome, LoadPlan, WatchTargets } from './load-plan.js';

/** Options of {@link discoveryPlan}. */
export interface DiscoveryPlanOptions {
  readonly source: string;
  readonly name: string;
  readonly searchFrom: string | undefined;
  readonly stopDir: string | undefined;
  readonly optional: boolean;
  readonly maxAliasCount: number;
  readonly limits: InputLimits;
}

const structured = ['json', 'yaml', 'yml', 'toml'];
const scripts = ['js', 'cjs', 'mjs'];

/** Where discovery looks in each directory, in cosmiconfig's order (TypeScript files left out). */
export function discoverySearchPlaces(name: string): string[] {
  const extensions = [...structured, ...scripts];
  return [
    'package.json',
    `.${name}rc`,
    ...extensions.map((extension) => `.${name}rc.${extension}`),
    `.config/${name}rc`,
    ...extensions.map((extension) => `.config/${name}rc.${extension}`),
    ...extensions.map((extension) => `${name}.config.${extension}`),
  ];
}

/** A structured file parsed by our own parser, handed through cosmiconfig untouched. */
class ParsedMarker {
  constructor(readonly parsed: ParsedConfigFile) {}
}

/**
 * Discovery through cosmiconfig 9: cosmiconfig decides which file wins, our loaders parse JSON, YAML and
 * TOML (so origins have positions), and its caches are cleared before every search.
 */
export function discoveryPlan(options: DiscoveryPlanOptions): LoadPlan {
  let explorer: PublicExplorer | undefined;
  let explorerCwd: string | undefined;
  let cwd = process.cwd();
  // Loads run one at a time: the loaders read `cwd` and cosmiconfig's caches are shared.
  let queue: Promise<unknown> = Promise.resolve();
  const places = discoverySearchPlaces(options.name);
  // The bytes of this search's candidates, read within the limits before cosmiconfig looks: its loaders then
  // decode these (strictly) rather than the text cosmiconfig read on its own.
  let bytesOf = new Map<string, Buffer>();

  // cosmiconfig reads each file itself before calling a loader; its `content` is never parsed. The bytes read
  // within the limits before the search are; a file that appeared since is read now, within them too.
  const structuredLoader = async (filepath: string): Promise<unknown> => {
    const file = displayPath(cwd, filepath);
    const format = configFormatOf(filepath) ?? 'yaml';
    const bytes = bytesOf.get(filepath) ?? (await readBounded(filepath, file));
    const parsed = parseConfigEntries(
      {
        text: decodeInputText(bytes, file),
        file,
        format,
        maxAliasCount: options.maxAliasCount,
        lazyPositions: true,
        limits: options.limits,
      },
      'fileSource',
    );
    if (basename(filepath) === 'package.json') return packageProperty(parsed, options.name);
    return parsed.empty ? undefined : new ParsedMarker(parsed);
  };

  const readBounded = async (filepath: string, file: string): Promise<Buffer> => {
    const found = await readInputFile({
      path: filepath,
      display: file,
      source: options.source,
      limits: options.limits,
      raise: 'fileSource',
    });
    if (found.kind === 'file') return found.bytes;
    // Gone between cosmiconfig's read and ours: the search goes on as for a missing file.
    throw Object.assign(new Error(`ENOENT: ${file} is gone`), { code: 'ENOENT' });
  };

  const jsLoader = async (filepath: string, content: string): Promise<unknown> => {
    const config = await loadJsConfig(filepath, content);
    // cosmiconfig would read each `$import`ed file itself (whole, following links to devices) and merge it
    // into ours: refused, so every file a load reads goes through the limits.
    if (isPlainObject(config) && Object.hasOwn(config, '$import')) {
      throw new SourceError(
        options.source,
        `${displayPath(cwd, filepath)}: $import is not supported; list the other files as sources instead (later wins)`,
      );
    }
    return config;
  };

  const explorerFor = (): PublicExplorer => {
    if (explorer && explorerCwd === cwd) return explorer;
    explorerCwd = cwd;
    explorer = cosmiconfigModule().cosmiconfig(options.name, {
      searchPlaces: places,
      searchStrategy: options.stopDir === undefined ? 'none' : 'global',
      ...(options.stopDir === undefined ? {} : { stopDir: resolve(cwd, options.stopDir) }),
      loaders: {
        '.json': structuredLoader,
        '.yaml': structuredLoader,
        '.yml': structuredLoader,
        '.toml': structuredLoader,
        noExt: structuredLoader,
        '.js': jsLoader,
        '.cjs': jsLoader,
        '.mjs': jsLoader,
      },
    });
    return explorer;
  };

  const targets = async (context: SourceContext): Promise<WatchTargets> => {
    const directories = searchedDirectories(context, options);
    const candidates = directories.flatMap((dir) => places.map((place) => join(dir, place)));
    const watched = [...directories, ...directories.map((dir) => join(dir, '.config'))];
    if (options.stopDir === undefined) return { candidates, directories: watched };
    // The global search ends in the user's configuration directory (`~/.config/<name>/config*`): cosmiconfig
    // reads those files too, so they are candidates like the others (read within the limits, and watched).
    const global = globalConfigDirectory(options.name);
    return {
      candidates: [...candidates, ...globalConfigPlaces.map((place) => join(global, place))],
      directories: [...watched, global],
    };
  };

  const search = async (context: SourceContext): Promise<LoadOutcome> => {
    cwd = context.cwd;
    const all = await targets(context);
    // Hash before searching: a change that lands during the search is then seen by the watcher, never lost.
    const before = await readSnapshot(all.candidates, {
      limits: options.limits,
      source: options.source,
      display: (path) => displayPath(context.cwd, path),
    });
    // A candidate past the byte limit or not a regular file (a link to /dev/zero) must not reach cosmiconfig,
    // which would read it whole.
    const refused = before.files.find((state) => StrataError.is(state.error));
    if (refused) throw refused.error;
    // Creating an explorer makes cosmiconfig read its meta configuration in the process's directory
    // (package.json, .config/config.*): those are checked first, the same way.
    if (explorer === undefined || explorerCwd !== cwd) {
      const meta = await readSnapshot(
        metaConfigPlaces.map((place) => resolve(place)),
        { limits: options.limits, source: options.source, display: (path) => displayPath(context.cwd, path) },
      );
      const metaRefused = meta.files.find((state) => StrataError.is(state.error));
      if (metaRefused) throw metaRefused.error;
    }
    bytesOf = new Map(before.files.flatMap((state) => (state.content ? [[state.path, state.content]] : [])));
    const found = explorerFor();
    found.clearCaches();
    const from = resolve(context.cwd, options.searchFrom ?? '.');
    let result: Awaited<ReturnType<PublicExplorer['search']>>;
    try {
      result = await found.search(from);
    } catch (error) {
      if (StrataError.is(error)) throw error;
      const file = error instanceof Error && 'filepath' in error ? String(error.filepath) : undefined;
      const where = file ? ` in ${displayPath(context.cwd, file)}` : '';
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new SourceError(options.source, `cannot load the configuration${where}: ${reason}`, {
        cause: error,
      });
    }
    const builder = new LayerBuilder({ source: options.source, limits: options.limits });
    if (!result || result.isEmpty) {
      if (!options.optional) {
        const where = displayPath(context.cwd, from);
        throw new SourceError(
          options.source,
          `no configuration for "${options.name}" found from ${where} (looked for package.json "${options.name}", .${options.name}rc*, ${options.name}.config.*); create one or pass optional: true`,
        );
      }
      return { layer: builder.build(), snapshot: before, targets: all };
    }
    const winner = result.filepath;
    const index = all.candidates.indexOf(winner);
    // Files after the winner cannot change the result; only those up to it are watched.
    const candidates = index >= 0 ? all.candidates.slice(0, index + 1) : [...all.candidates, winner];
    const files =
      index >= 0
        ? before.files.slice(0, index + 1)
        : [
            ...before.files,
            ...(
              await readSnapshot([winner], {
                limits: options.limits,
                source: options.source,
                display: (path) => displayPath(context.cwd, path),
              })
            ).files,
          ];
    const layer = layerOf(builder, result.config, displayPath(context.cwd, winner));
    const directories = index >= 0 ? all.directories : [...all.directories, dirname(winner)];
    return { layer, snapshot: snapshotOf(files), targets: { candidates, directories } };
  };

  const layerOf = (builder: LayerBuilder, config: unknown, file: string): Layer => {
    if (config instanceof ParsedMarker) addParsedFile(builder, config.parsed);
    else {
      if (scripts.includes(extname(file).slice(1))) {
        builder.warn(`${file} is JavaScript: its values have no line numbers in origins`);
      }
      addJsConfig(builder, config, file, options.source);
    }
    return builder.build();
  };

  const load = (context: SourceContext): Promise<LoadOutcome> => {
    const run = queue.then(() => search(context));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    targets,
    load,
    dispose: () => explorer?.clearCaches(),
  };
}

/** The project directories cosmiconfig searches: from `searchFrom` up to `stopDir` (the global one is added by `targets`). */
function searchedDirectories(context: SourceContext, options: DiscoveryPlanOptions): string[] {
  const from = resolve(context.cwd, options.searchFrom ?? '.');
  if (options.stopDir === undefined) return [from];
  const stop = resolve(context.cwd, options.stopDir);
  const directories = [from];
  let current = from;
  while (current !== stop) {
    const parent = dirname(current);
    if (parent === current) break;
    directories.push(parent);
    current = parent;
  }
  return directories;
}

/** `package.json`'s `<name>` key as its own parsed file, or nothing when the key is absent or empty. */
function packageProperty(parsed: ParsedConfigFile, name: string): unknown {
  const entries = parsed.entries.filter((entry) => entry.path[0] === name);
  const scalar = entries.find((entry) => entry.path.length === 1 && !isPlainObject(entry.value));
  if (scalar) {
    throw new ParseError({
      file: parsed.file,
      line: scalar.line ?? 1,
      column: scalar.column ?? 1,
      reason: `the "${name}" key must hold an object`,
    });
  }
  const inner = entries
    .filter((entry) => entry.path.length > 1)
    .map((entry) => ({ ...entry, path: entry.path.slice(1) }));
  if (inner.length === 0) return {};
  return { [name]: new ParsedMarker({ ...parsed, entries: inner, empty: false }) };
}
