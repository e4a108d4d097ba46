import { StrataError } from '../errors/strata-error.js';
import { isUnsafeSegment } from '../layer/unsafe-segment.js';
import { classMarks } from './decorator-metadata.js';
import type { Constructor } from '../models/schema-model.js';

/**
 * Every class has a `@Section` whose segments cannot reach a prototype (the path becomes keys of plain
 * objects: `toJSON`, printing, the CLI's trees), and no section path equals or contains another.
 */
export function assertSectionPaths(classes: readonly Constructor[]): void {
  const paths: { path: string; name: string }[] = [];
  for (const cls of classes) {
    const section = classMarks(cls).section;
    if (section === undefined) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${cls.name} is listed in "sections" but has no @Section(path) decorator`,
      );
    }
    const unsafe = section.split('.').find(isUnsafeSegment);
    if (unsafe !== undefined) {
      throw new StrataError(
        'UNSAFE_KEY',
        `@Section("${section}") on ${cls.name}: the segment "${unsafe}" could pollute object prototypes; rename the section`,
      );
    }
    paths.push({ path: section, name: cls.name });
  }
  // Sorted, so one pass finds every overlap.
  // After sorting, a path that equals or contains another sorts right before it ("a" < "a.b" < "a.c"; "a-b"
  // and "a/b" sort between, so compare with the nearest earlier prefix).
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const open: { path: string; name: string }[] = [];
  for (const current of paths) {
    while (open.length > 0 && !isSameOrInside(current.path, open[open.length - 1]!.path)) open.pop();
    const parent = open[open.length - 1];
    if (parent) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `@Section("${current.path}") on ${current.name} overlaps @Section("${parent.path}") on ${parent.name}; nest one class inside the other instead`,
      );
    }
    open.push(current);
  }
}

function isSameOrInside(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`);
}
