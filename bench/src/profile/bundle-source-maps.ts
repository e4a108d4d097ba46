import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where a profiled function is: a script URL and 0-based line and column, as in a `.cpuprofile` call frame. */
export interface ScriptLocation {
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

/** A Strata package's bundle: `…/packages/<name>/dist/bundle/<file>.js`. */
const bundleScript = /\/packages\/[^/]+\/dist\/bundle\/.+\.js$/;
/** The source map comment rolldown ends a bundle with. */
const mapComment = /\/\/# sourceMappingURL=(\S+)\s*$/;

/**
 * Maps locations in Strata's bundles (`packages/<name>/dist/bundle/*.js`, where every module of a package is
 * one file) back to the TypeScript source they were built from, through the `.js.map` the build writes next
 * to each bundle (chained through tsc's maps, so it names `src/**\/*.ts`). Every other location — a
 * dependency, Node's internals, the bench's own unbundled output — is returned unchanged, and so is a
 * bundle location on a line the map does not cover, or in a bundle without a map: those stay attributed to
 * the bundle file itself. That is right for the one such frame a profile has per bundle, the bundle's
 * top-level code (line 1, column 1: every module's top-level statements run as one function), and for code
 * the bundler adds.
 *
 * Each map is read once per instance.
 */
export class BundleSourceMaps {
  readonly #maps = new Map<string, { map: SourceMap; dir: string } | undefined>();

  /** The source location of `location`, or `location` itself when it is not in a mapped bundle. */
  original(location: ScriptLocation): ScriptLocation {
    if (!location.url.startsWith('file://') || !bundleScript.test(location.url)) return location;
    const loaded = this.#load(location.url);
    if (!loaded) return location;
    const { lineNumber, columnNumber } = location;
    let entry = loaded.map.findEntry(lineNumber, columnNumber);
    // V8 may start a function before the first mapped column of its line (indentation, a `static` or
    // `async` keyword); the line's last mapping then still names the right source.
    if (!('originalSource' in entry) || entry.generatedLine !== lineNumber)
      entry = loaded.map.findEntry(lineNumber, Number.MAX_SAFE_INTEGER);
    // No mapping on the line at all: generated code, not one of our modules.
    if (!('originalSource' in entry) || entry.generatedLine !== lineNumber) return location;
    return {
      url: pathToFileURL(resolve(loaded.dir, entry.originalSource)).href,
      lineNumber: entry.originalLine,
      columnNumber: entry.originalColumn,
    };
  }

  #load(url: string): { map: SourceMap; dir: string } | undefined {
    if (this.#maps.has(url)) return this.#maps.get(url);
    let loaded: { map: SourceMap; dir: string } | undefined;
    try {
      const script = fileURLToPath(url);
      const comment = mapComment.exec(readFileSync(script, 'utf8'))?.[1];
      if (comment && !comment.startsWith('data:')) {
        const file = resolve(dirname(script), decodeURIComponent(comment));
        const payload = JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload;
        loaded = { map: new SourceMap(payload), dir: resolve(dirname(file), payload.sourceRoot ?? '') };
      }
    } catch {
      // A bundle removed since the profile was taken, or an unreadable map: its frames stay unmapped.
      loaded = undefined;
    }
    this.#maps.set(url, loaded);
    return loaded;
  }
}
