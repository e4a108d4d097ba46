import type { ValidationArguments } from 'class-validator';
import type { Issue } from '../models/issue.js';
import type { Origin } from '../models/origin.js';
import type { CompiledRule, RuleSwitches, SchemaRules } from '../schema/compiled-rule.js';
import type { ObjectRules } from '../schema/object-rules.js';
import type { FieldSchema, ObjectSchema, SchemaModel } from '../models/schema-model.js';
import type { AssembledSections } from './assemble-sections.js';
import type { FieldSlots } from '../schema/field-slots.js';
import { REDACTED } from '../snapshot/redacted.js';
import { formatValue } from './format-value.js';

/** What validation needs besides the instances. */
export interface ValidationContext {
  readonly slots: FieldSlots;
  /** The origin of each field's value by slot ({@link FieldSlots}); undefined for a default. */
  readonly origins: readonly (Origin | undefined)[];
  readonly secretPaths: ReadonlySet<string>;
  /** Paths that already have a problem (a value that failed conversion or decryption): nothing on top. */
  readonly reported: ReadonlySet<string>;
  /** The inputs that could set a field, for "is required" hints: `env APP_DATABASE__PASSWORD`. */
  readonly describeInputs: (field: FieldSchema) => readonly string[];
  /** The schema of a class (array item classes). */
  readonly objectOf: SchemaModel['objectOf'];
  /** The compiled rules read with the schema. */
  readonly rules: SchemaRules;
}

/**
 * Check every field of every section with the class-validator rules compiled from its decorators. Returns all
 * problems at once; a promise only when a custom constraint is asynchronous.
 */
export function validateSections(
  schema: SchemaModel,
  assembled: AssembledSections,
  context: ValidationContext,
): Issue[] | Promise<Issue[]> {
  const issues: Issue[] = [];
  const pending: Promise<void>[] = [];
  for (const section of schema.sections) {
    const instance = assembled.byPath.get(section.path) as Record<string, unknown>;
    validateObject(section, instance, section.path, false, context, issues, pending);
  }
  if (pending.length === 0) return issues;
  return Promise.all(pending).then(() => issues);
}

function validateObject(
  object: ObjectSchema,
  instance: Record<string, unknown>,
  path: string,
  inItem: boolean,
  context: ValidationContext,
  issues: Issue[],
  pending: Promise<void>[],
): void {
  const objectRules = context.rules.get(object);
  const switchesByField = objectRules?.switches;
  // List items are not in the slots: their fields have no origin of their own.
  let slot = inItem ? -1 : context.slots.firstSlotOf(object);
  // The field's index in `object.fields`, and where its rules start in the class's flat list of rules.
  let index = 0;
  let start = 0;
  for (const [key, field] of object.fields) {
    const switches = switchesByField?.[index];
    const first = start;
    const end = objectRules?.ends[index++] ?? 0;
    start = end;
    const origin = inItem ? undefined : context.origins[slot++];
    // Outside list items the schema already holds the path: no string built per field and load.
    const fieldPath = inItem ? `${path}.${key}` : field.path;
    const value = instance[key];
    // A value that failed (conversion, decryption) left the default in place: that default is not what the
    // user wrote, so checking it would only add a second, misleading error for the same key.
    if (origin === undefined && context.reported.size > 0 && context.reported.has(fieldPath)) continue;
    if (value === undefined || value === null) {
      // @ValidateIf switches the whole property off, "required" included.
      if (switches?.conditions.some((condition) => !condition(instance, value))) continue;
      if (switches?.defined || (field.required && !switches?.optional)) {
        issues.push(missing(field, fieldPath, inItem, origin, context));
      }
      continue;
    }
    // Numbers rather than a range object: this runs per field and load.
    if (objectRules && !passesBuiltInChecks(objectRules, first, end, switches, value)) {
      const secret = field.secret || context.secretPaths.has(field.path);
      checkRules(
        objectRules,
        first,
        end,
        switches,
        { instance, key, value, secret, fieldPath, origin, className: object.cls.name },
        issues,
        pending,
      );
    }
    if (field.itemClass && Array.isArray(value)) {
      const itemObject = context.objectOf(field.itemClass);
      value.forEach((item, i) => {
        if (itemObject && item !== null && typeof item === 'object') {
          validateObject(
            itemObject,
            item as Record<string, unknown>,
            `${fieldPath}[${i}]`,
            true,
            context,
            issues,
            pending,
          );
        }
      });
    }
  }
  for (const [key, child] of object.children) {
    const nested = instance[key];
    if (nested !== null && typeof nested === 'object') {
      validateObject(
        child,
        nested as Record<string, unknown>,
        `${path}.${key}`,
        inItem,
        context,
        issues,
        pending,
      );
    }
  }
}

interface Checked {
  readonly instance: Record<string, unknown>;
  readonly key: string;
  readonly value: unknown;
  readonly secret: boolean;
  readonly fieldPath: string;
  readonly origin: Origin | undefined;
  readonly className: string;
}

/**
 * True when every rule of the field (`objectRules.rules[start]` to `[end - 1]`) has a built-in check and
 * passes it, with no condition and no `each` to consider: the common case, decided without building anything.
 * Otherwise {@link checkRules} decides (and names failures).
 */
function passesBuiltInChecks(
  objectRules: ObjectRules,
  start: number,
  end: number,
  switches: RuleSwitches | undefined,
  value: unknown,
): boolean {
  if (switches && switches.conditions.length > 0) return false;
  const rules = objectRules.rules;
  for (let i = start; i < end; i++) {
    const rule = rules[i] as CompiledRule;
    if (rule.each || !rule.check?.(value)) return false;
  }
  return true;
}

function checkRules(
  objectRules: ObjectRules,
  start: number,
  end: number,
  switches: RuleSwitches | undefined,
  checked: Checked,
  issues: Issue[],
  pending: Promise<void>[],
): void {
  for (const condition of switches?.conditions ?? []) {
    if (!condition(checked.instance, checked.value)) return;
  }
  const rules = objectRules.rules;
  for (let i = start; i < end; i++) {
    const rule = rules[i] as CompiledRule;
    if (rule.each && Array.isArray(checked.value)) {
      for (const item of checked.value) {
        if (!runRule(rule, item, checked, issues, pending)) break;
      }
    } else {
      runRule(rule, checked.value, checked, issues, pending);
    }
  }
}

/** Runs one rule; false when it failed synchronously (so `each` stops at the first failing item). */
function runRule(
  rule: CompiledRule,
  value: unknown,
  checked: Checked,
  issues: Issue[],
  pending: Promise<void>[],
): boolean {
  // The common built-in rules pass without building arguments; those are only needed for a failure's message.
  if (rule.check?.(value)) return true;
  const args: ValidationArguments = {
    value,
    constraints: rule.constraints as unknown[],
    targetName: checked.className,
    object: checked.instance,
    property: checked.key,
  };
  const outcome = rule.validate(value, args);
  if (outcome === true) return true;
  if (outcome === false) {
    issues.push(ruleIssue(rule, args, checked));
    return false;
  }
  pending.push(
    Promise.resolve(outcome).then(
      (passed) => {
        if (!passed) issues.push(ruleIssue(rule, args, checked));
      },
      () => {
        issues.push(ruleIssue(rule, args, checked));
      },
    ),
  );
  return true;
}

function ruleIssue(rule: CompiledRule, args: ValidationArguments, checked: Checked): Issue {
  let message = fillTokens(rule.message(args), args, checked.secret);
  if (checked.secret && typeof args.value === 'string' && args.value.length > 0) {
    // A custom message function may have embedded the value itself.
    message = message.split(args.value).join(REDACTED);
  }
  const issue: Issue = {
    path: checked.fieldPath,
    message: stripProperty(message, checked.key),
    constraint: rule.name,
    severity: 'error',
    value: formatValue(checked.value, checked.secret),
  };
  return checked.origin ? { ...issue, origin: checked.origin } : issue;
}

function fillTokens(message: string, args: ValidationArguments, secret: boolean): string {
  let text = message;
  args.constraints.forEach((constraint, i) => {
    text = text.replace(new RegExp(`\\$constraint${i + 1}`, 'g'), constraintText(constraint));
  });
  text = text.replace(/\$value/g, formatValue(args.value, secret));
  return text.replace(/\$property/g, args.property).replace(/\$target/g, args.targetName);
}

function constraintText(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') return constraint.description ?? 'symbol';
  return String(constraint);
}

function stripProperty(message: string, key: string): string {
  if (message.startsWith(`${key} `)) return message.slice(key.length + 1);
  if (message.startsWith(`each value in ${key} `))
    return `each value ${message.slice(`each value in ${key} `.length)}`;
  return message;
}

function missing(
  field: FieldSchema,
  path: string,
  inItem: boolean,
  origin: Origin | undefined,
  context: ValidationContext,
): Issue {
  if (origin) {
    // A source set it to null: say who cleared it.
    return {
      path,
      message: 'is required',
      constraint: 'required',
      severity: 'error',
      origin,
      hint: 'set to null',
    };
  }
  const inputs = inItem ? [] : context.describeInputs(field);
  const issue: Issue = {
    path,
    message: 'is required — not set by any source',
    constraint: 'required',
    severity: 'error',
  };
  return inputs.length > 0 ? { ...issue, hint: inputs.join(', or ') } : issue;
}
