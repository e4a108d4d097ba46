import { readFileSync } from 'node:fs';
import { BundleSourceMaps } from './bundle-source-maps.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
/** A call frame at its source location: through the bundle's source map for Strata's bundled packages. */
interface SourceFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  /** `url` shortened for the tables (`@strata/core/pipeline/merge-layers.ts`, `yaml/dist/x.js`), or `''`. */
  readonly short: string;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function or one area (package / file). */
export interface SelfTimeRow {
  readonly name: string;
  readonly where: string;
  readonly ms: number;
  readonly percent: number;
}

/** Self time aggregated by function and by area. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly SelfTimeRow[];
  readonly areas: readonly SelfTimeRow[];
  /** Coarse stages of Strata's load (schema reading, YAML parsing, pipeline, GC, module loading, …). */
  readonly stages: readonly SelfTimeRow[];
}

/**
 * Read a `.cpuprofile` and add up self time (each sample's time delta credited to the node it hit) per
 * function (name + file:line) and per area (a dependency package, a Strata file, Node internals, GC).
 * Samples inside the inspector's own calls are left out. Strata's packages run as bundles (one file per
 * entry point), so their frames are mapped through each bundle's source map back to the TypeScript file
 * and line they come from (`@strata/core/pipeline/merge-layers.ts:23`).
 */
export function aggregateProfile(file: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // The profiler's own calls (node:inspector's `post` → `dispatch`) are the harness, not the load.
  const harness = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)?.callFrame.url === 'node:inspector') return true;
    return false;
  };
  const self = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    if (harness(id)) return;
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + delta);
    totalUs += delta;
  });
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  const stages = new Map<string, number>();
  const sourceMaps = new BundleSourceMaps();
  for (const [id, us] of self) {
    const frame = sourceFrame(byId.get(id)!.callFrame, sourceMaps);
    const where = frame.url ? `${frame.short}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const fnKey = `${name} ${where}`;
    const entry = functions.get(fnKey) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(fnKey, entry);
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const stage = stageOf(frame);
    stages.set(stage, (stages.get(stage) ?? 0) + us);
  }
  const totalMs = totalUs / 1000;
  const row = (name: string, where: string, us: number): SelfTimeRow => ({
    name,
    where,
    ms: us / 1000,
    percent: totalUs === 0 ? 0 : (100 * us) / totalUs,
  });
  return {
    totalMs,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => row(f.name, f.where, f.us)),
    areas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => row(name, '', us)),
    stages: [...stages.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => row(name, '', us)),
  };
}

function sourceFrame(frame: CallFrame, sourceMaps: BundleSourceMaps): SourceFrame {
  const { url, lineNumber } = frame.url ? sourceMaps.original(frame) : frame;
  return { functionName: frame.functionName, url, lineNumber, short: url ? shortUrl(url) : '' };
}

/**
 * `file:///…/node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/x.js` → `yaml/dist/x.js`;
 * `file:///…/packages/core/src/pipeline/merge-layers.ts` → `@strata/core/pipeline/merge-layers.ts` (and a
 * package's unmapped `dist/bundle/index.js` → `@strata/core/bundle/index.js`).
 */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const packages = path.indexOf('/packages/');
  if (packages >= 0)
    return `@strata/${path.slice(packages + '/packages/'.length).replace(/^([^/]+)\/(?:src|dist)\//, '$1/')}`;
  const bench = path.indexOf('/bench/');
  if (bench >= 0) return `bench/${path.slice(bench + '/bench/'.length)}`;
  return path;
}

function areaOf(frame: SourceFrame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  if (frame.url.startsWith('node:')) return 'node internals';
  const { short } = frame;
  if (short.startsWith('@strata/')) return short;
  const parts = short.split('/');
  const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return short.startsWith('bench/') ? 'bench harness' : `${pkg} (dependency)`;
}

/** A Strata file's short name starts with this folder (`@strata/core/pipeline/`). */
const strata =
  (folder: string) =>
  ({ short }: SourceFrame): boolean =>
    short.startsWith(`@strata/${folder}/`);

const stageRules: readonly [stage: string, test: (frame: SourceFrame) => boolean][] = [
  [
    'validation rules (compiled class-validator constraints)',
    ({ url, short, functionName }) =>
      url.includes('/class-validator/cjs/decorator/') ||
      url.includes('/node_modules/validator/') ||
      (short.startsWith('@strata/core/schema/read-schema.') &&
        (functionName === 'validate' || functionName === 'message')),
  ],
  [
    'schema reading (readSchema + class-validator/class-transformer/reflect-metadata lookups)',
    (frame) =>
      strata('core/schema')(frame) ||
      frame.url.includes('/class-validator/') ||
      frame.url.includes('/class-transformer/') ||
      frame.url.includes('/reflect-metadata/'),
  ],
  [
    'YAML parsing (yaml package + @strata/file parse)',
    (frame) => frame.url.includes('/yaml/') || strata('file/parse')(frame),
  ],
  ['file source (plans, reading, layers)', strata('file')],
  ['env source', strata('env')],
  ['pipeline (merge, resolve, coerce, validate, assemble)', strata('core/pipeline')],
  ['snapshot (freeze, redaction, provenance)', strata('core/snapshot')],
  ['rest of @strata/core', strata('core')],
  ['module loading and compiling (node internals)', ({ url }) => url.startsWith('node:')],
  ['benchmark harness (spec, classes, adapters)', ({ url }) => url.includes('/bench/dist/')],
  ['other dependencies', ({ url }) => url.includes('/node_modules/')],
];

function stageOf(frame: SourceFrame): string {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (!frame.url)
    return frame.functionName.startsWith('(') ? `${frame.functionName}` : 'V8 builtins / native';
  for (const [stage, test] of stageRules) if (test(frame)) return stage;
  return 'other';
}
