import { readFileSync, rmSync } from 'node:fs';

interface HeapSnapshotFile {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: string[];
      readonly node_types: [string[]];
      readonly edge_fields: string[];
      readonly edge_types: [string[]];
    };
  };
  readonly nodes: number[];
  readonly edges: number[];
  readonly strings: string[];
}

/**
 * What a heap snapshot holds that an earlier one did not (nodes by id), in self size: grouped by kind and
 * constructor, and plain objects also by their property names (`path,segments,key,…`), which names the
 * record they are. Both files are deleted afterwards.
 */
export function printHeapDiff(beforeFile: string, afterFile: string, top = 30): void {
  const before = JSON.parse(readFileSync(beforeFile, 'utf8')) as HeapSnapshotFile;
  const after = JSON.parse(readFileSync(afterFile, 'utf8')) as HeapSnapshotFile;
  rmSync(beforeFile);
  rmSync(afterFile);
  const { node_fields, node_types, edge_fields, edge_types } = after.snapshot.meta;
  const nodeWidth = node_fields.length;
  const edgeWidth = edge_fields.length;
  const at = (field: string): number => node_fields.indexOf(field);
  const [typeAt, nameAt, idAt, sizeAt, edgesAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map(
    at,
  ) as [number, number, number, number, number];
  const edgeTypeAt = edge_fields.indexOf('type');
  const edgeNameAt = edge_fields.indexOf('name_or_index');
  const old = new Set<number>();
  for (let i = 0; i < before.nodes.length; i += nodeWidth) old.add(before.nodes[i + idAt]!);
  const byKind = new Map<string, [number, number]>();
  const byShape = new Map<string, [number, number]>();
  const add = (map: Map<string, [number, number]>, key: string, bytes: number): void => {
    const row = map.get(key) ?? [0, 0];
    row[0] += bytes;
    row[1] += 1;
    map.set(key, row);
  };
  let total = 0;
  let edge = 0;
  for (let i = 0; i < after.nodes.length; i += nodeWidth) {
    const edgeCount = after.nodes[i + edgesAt]!;
    const firstEdge = edge;
    edge += edgeCount * edgeWidth;
    if (old.has(after.nodes[i + idAt]!)) continue;
    const type = node_types[0][after.nodes[i + typeAt]!]!;
    const name = after.strings[after.nodes[i + nameAt]!]!;
    const bytes = after.nodes[i + sizeAt]!;
    total += bytes;
    const kind =
      type === 'object' || type === 'closure'
        ? `${type} ${name}`
        : type.includes('string')
          ? 'string'
          : `${type} ${name.slice(0, 40)}`;
    add(byKind, kind, bytes);
    if (type === 'object' && name === 'Object') {
      const keys: string[] = [];
      for (let e = firstEdge; e < edge; e += edgeWidth) {
        if (edge_types[0][after.edges[e + edgeTypeAt]!] === 'property') {
          const key = after.strings[after.edges[e + edgeNameAt]!]!;
          if (key !== '__proto__') keys.push(key);
        }
      }
      add(byShape, `{${keys.join(',')}}`, bytes);
    }
  }
  const print = (title: string, map: Map<string, [number, number]>): void => {
    console.log(title);
    for (const [key, [bytes, count]] of [...map].sort((a, b) => b[1][0] - a[1][0]).slice(0, top)) {
      console.log(
        `${(bytes / 1_048_576).toFixed(3).padStart(9)} MiB ${String(count).padStart(7)}  ${key.slice(0, 140)}`,
      );
    }
  };
  console.log(`the load added ${(total / 1_048_576).toFixed(2)} MiB (self sizes of new heap nodes)`);
  print('by kind:', byKind);
  print('plain objects by property set:', byShape);
}
