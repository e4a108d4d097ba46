import { StrataError } from '../errors/strata-error.js';
import type { Constructor, SchemaModel } from '../models/schema-model.js';
import { classMarks, ownMarks } from './decorator-metadata.js';
import { Section } from './decorators.js';

/** What {@link namedSection} records about the class it makes. */
export interface NamedSectionInfo {
  /** The configuration class bound at several paths. */
  readonly base: Constructor;
  /** The name it is bound under (`primary`). */
  readonly name: string;
  /** The path it is bound at (`databases.primary`). */
  readonly path: string;
}

const sectionName = /^[A-Za-z0-9_][\w.-]*$/;
// One class per (base, name, path), so that listing `namedSection(Db, 'primary', 'databases.primary')` in two
// definitions (or on every reload) gives the same class: schema caches, DI bindings and `Live` handles are
// keyed by class.
const made = new WeakMap<Constructor, Map<string, Constructor>>();
const infoOf = new WeakMap<Constructor, NamedSectionInfo>();

/**
 * One configuration class bound at a path under a name, as .NET's named options: list
 * `namedSection(DatabaseConfig, 'primary', 'databases.primary')` and `namedSection(DatabaseConfig,
 * 'replica', 'databases.replica')` in `sections`, and each path is loaded, converted and validated on its own,
 * with its own origins (`databases.replica.url: must be a URL address — got … from file config/default.yaml:7`).
 *
 * Read one with `config.get(DatabaseConfig, 'replica')`, or with the returned class itself
 * (`config.get(ReplicaDb)`, `createLive(config, ReplicaDb)`); inject it with inversify's
 * `@inject(DatabaseConfig) @named('replica')`. The instances are `DatabaseConfig`s (`instanceof` holds): the
 * returned class extends it with nothing but its place in the tree, so every rule, default, `@Secret` and
 * description of `DatabaseConfig` applies at each path. `@Env` names on its fields would be shared by every
 * path; leave them out of a class bound more than once and use the derived names (`APP_DATABASES__REPLICA__URL`).
 */
export function namedSection<T extends object>(
  cls: Constructor<T>,
  name: string,
  path: string,
): Constructor<T> {
  if (!sectionName.test(name)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `namedSection(${cls.name}, "${name}"): a name is letters, digits, "_", "-" and "."`,
    );
  }
  let byKey = made.get(cls);
  if (!byKey) {
    byKey = new Map();
    made.set(cls, byKey);
  }
  const key = `${name}\u0000${path}`;
  const existing = byKey.get(key);
  if (existing) return existing as Constructor<T>;
  const named = class extends (cls as Constructor) {} as Constructor<T>;
  Object.defineProperty(named, 'name', { value: `${cls.name}(${name})` });
  // Throws for an invalid path, before anything is recorded.
  Section(path)(named);
  const description = classMarks(cls).description;
  if (description !== undefined) ownMarks(named).description = description;
  byKey.set(key, named);
  infoOf.set(named, { base: cls, name, path });
  return named;
}

/** What {@link namedSection} made `cls` for, or `undefined` for any other class. */
export function namedSectionInfo(cls: Constructor): NamedSectionInfo | undefined {
  return infoOf.get(cls);
}

const bySchema = new WeakMap<SchemaModel, Map<Constructor, Map<string, Constructor>>>();

/**
 * The class a schema binds under `name` for `base`. Throws a `DEFINITION_INVALID` {@link StrataError} naming
 * the names it does have.
 */
export function namedClassIn(schema: SchemaModel, base: Constructor, name: string): Constructor {
  let index = bySchema.get(schema);
  if (!index) {
    index = new Map();
    for (const section of schema.sections) {
      const info = infoOf.get(section.cls);
      if (!info) continue;
      let names = index.get(info.base);
      if (!names) {
        names = new Map();
        index.set(info.base, names);
      }
      names.set(info.name, section.cls);
    }
    bySchema.set(schema, index);
  }
  const names = index.get(base);
  const found = names?.get(name);
  if (found) return found;
  const known = names ? [...names.keys()].map((n) => `"${n}"`).join(', ') : '';
  throw new StrataError(
    'DEFINITION_INVALID',
    known
      ? `${base.name} has no section named "${name}" in this configuration (named: ${known})`
      : `${base.name} has no named sections in this configuration; list namedSection(${base.name}, "${name}", path) in "sections"`,
  );
}
