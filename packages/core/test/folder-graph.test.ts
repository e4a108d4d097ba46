import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/architecture.md promises that core's folders form layers: each imports only folders below it, so the
// folder graph has no cycle. This reads every relative import of src/ and holds that promise.
const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const from = path.relative(src, file).split(path.sep)[0]!;
    if (from.endsWith('.ts')) continue; // src/index.ts is the entry, above every folder
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = path.relative(src, path.resolve(entry.parentPath, match[1]!)).split(path.sep)[0]!;
      if (to !== from && !to.startsWith('..')) edges.add(to);
    }
  }
  return graph;
}

/** A cycle through the graph as a list of folders, or undefined. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("core's folder graph", () => {
  it('has no cycle', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check is not vacuous)', () => {
    const graph = new Map([
      ['models', new Set(['text'])],
      ['errors', new Set(['models', 'layer'])],
      ['layer', new Set(['errors'])],
    ]);
    expect(findCycle(graph)).toEqual(['errors', 'layer', 'errors']);
  });
});
