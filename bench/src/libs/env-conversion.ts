import type { FixtureSpec } from '../fixtures/fixture-spec.js';

/**
 * The conversion an application writes by hand for libraries that leave environment values as text
 * (nest-typed-config's documented `normalize`, @nestjs/config's documented `parseInt(process.env.X)` in a
 * configuration factory): integers and booleans of the schema, converted where the value is a string.
 */
export function envConverter(spec: FixtureSpec): (tree: Record<string, unknown>) => void {
  const typed: [section: string, key: string, kind: 'int' | 'boolean'][] = [];
  for (const section of spec.sections)
    for (const field of section.fields)
      if (field.kind === 'int' || field.kind === 'boolean') typed.push([section.name, field.key, field.kind]);
  return (tree) => {
    for (const [section, key, kind] of typed) {
      const node = tree[section] as Record<string, unknown> | undefined;
      const value = node?.[key];
      if (typeof value !== 'string') continue;
      node![key] = kind === 'int' ? Number.parseInt(value, 10) : value === 'true';
    }
  };
}
