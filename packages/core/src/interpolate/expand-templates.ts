import path from 'node:path';
import { InputLimitError } from '../errors/input-limit-error.js';
import { InterpolationCycleError } from '../errors/interpolation-cycle-error.js';
import { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import { defaultInputLimits } from '../layer/input-limits.js';
import { type ReferencedText, readReferencedText } from './read-referenced-text.js';
import { isUnsafeSegment } from '../layer/unsafe-segment.js';
import type { Candidate } from '../models/candidate.js';
import type { InputLimits } from '../models/input-limits.js';
import type { Issue } from '../models/issue.js';
import type { LeafValue } from '../models/layer.js';
import { formatOrigin, type Origin, type OriginReference } from '../models/origin.js';
import type { FieldSchema } from '../models/schema-model.js';
import { isEnvelope } from '../secrets/envelope.js';
import { copyOrigin } from './copy-origin.js';
import { parseTemplate, type Template, type TemplateReference } from './parse-template.js';
import type { InterpolateInput, InterpolateResult } from './interpolate-candidates.js';
import { winnerOf } from './winner-of.js';

/** A value a reference put in: its text, where it came from, and whether it is secret. */
interface Resolved {
  readonly text: string;
  readonly origin: Origin;
  readonly secret: boolean;
}

/**
 * Why a reference gave nothing, from the referring value's side (`refers to ${x}, which …`). `unset`: nothing
 * sets it, so a `:-fallback` applies; otherwise it is broken (a syntax error, a value that does not decrypt),
 * and a fallback would hide that.
 */
interface Unresolved {
  readonly missing: string;
  readonly unset: boolean;
}

/**
 * The expansion behind {@link interpolateCandidates}, once it has found the slots whose winners are templates
 * (`templated`, `templateWinner`): loaded only by a build that has one.
 */
export async function expandTemplates(
  input: InterpolateInput,
  templateWinner: (slot: number) => Candidate | undefined,
  templated: readonly number[],
): Promise<InterpolateResult> {
  const { slots, layers, candidates, settings } = input;
  const secretEnv = new Set(settings.secretEnv ?? []);
  for (const field of slots.fields) if (field.secret) for (const name of field.envNames) secretEnv.add(name);
  const issues: Issue[] = [];
  const memo = new Map<number, Resolved | Unresolved>();
  const files = new Map<string, Promise<ReferencedText>>();
  const chain: { slot: number; origin: Origin }[] = [];

  const limitsOf = (candidate: Candidate): InputLimits =>
    layers[candidate.layer]?.limits ?? defaultInputLimits;

  /** The value of a field as a reference sees it: its expanded template, its raw winner, or its default. */
  const resolveSlot = async (slot: number): Promise<Resolved | Unresolved> => {
    const done = memo.get(slot);
    if (done) return done;
    const field = slots.fields[slot]!;
    const at = chain.findIndex((step) => step.slot === slot);
    if (at >= 0) {
      throw new InterpolationCycleError(
        chain.slice(at).map((step) => ({ path: slots.fields[step.slot]!.path, origin: step.origin })),
      );
    }
    const template = templateWinner(slot);
    let result: Resolved | Unresolved;
    if (template) {
      const limits = limitsOf(template);
      if (chain.length >= limits.maxDepth) {
        throw new InputLimitError({
          input: `the \${…} references starting at ${slots.fields[chain[0]!.slot]!.path} (${formatOrigin(chain[0]!.origin)})`,
          limit: 'maxDepth',
          max: limits.maxDepth,
          raise: raiseWith(template.origin),
        });
      }
      chain.push({ slot, origin: template.origin });
      try {
        result = await expandSlot(field, template, limits);
      } finally {
        chain.pop();
      }
    } else {
      result = plainValue(field, slot);
    }
    memo.set(slot, result);
    return result;
  };

  const expandSlot = async (
    field: FieldSchema,
    template: Candidate,
    limits: InputLimits,
  ): Promise<Resolved | Unresolved> => {
    const report = (message: string): Unresolved => {
      issues.push({
        path: field.path,
        message,
        constraint: 'interpolation',
        severity: 'error',
        origin: template.origin,
      });
      return {
        missing: `refers to \${${field.path}}, which cannot be built (see ${field.path})`,
        unset: false,
      };
    };
    const parsed = parseTemplate(template.value as string, limits.maxDepth);
    if (!parsed.ok) return report(parsed.message);
    const references: OriginReference[] = [];
    const context: ExpandContext = { field, origin: template.origin, limits, references };
    const expanded = await expand(parsed.template, context);
    if ('missing' in expanded) return report(expanded.missing);
    const secret = expanded.secret || field.secret || template.origin.secret === true;
    return {
      text: expanded.text,
      secret,
      origin: copyOrigin(template.origin, { references, secret: secret || undefined }),
    };
  };

  interface ExpandContext {
    readonly field: FieldSchema;
    readonly origin: Origin;
    readonly limits: InputLimits;
    readonly references: OriginReference[];
  }

  const expand = async (
    template: Template,
    context: ExpandContext,
  ): Promise<{ text: string; secret: boolean } | Unresolved> => {
    let text = '';
    let secret = false;
    for (const part of template.parts) {
      if (typeof part === 'string') {
        text += part;
      } else {
        const value = await reference(part, context);
        if ('missing' in value) return value;
        text += value.text;
        secret ||= value.secret;
      }
      if (text.length > context.limits.maxStringLength) {
        throw new InputLimitError({
          input: `the value of ${context.field.path} built from its template (${formatOrigin(context.origin)})`,
          limit: 'maxStringLength',
          max: context.limits.maxStringLength,
          raise: raiseWith(context.origin),
        });
      }
    }
    return { text, secret };
  };

  /** One reference's value; its fallback's when it is unset. */
  const reference = async (
    part: TemplateReference,
    context: ExpandContext,
  ): Promise<{ text: string; secret: boolean } | Unresolved> => {
    const found = await lookUp(part, context);
    if (!('missing' in found)) {
      const secret = found.secret || part.secret;
      const origin =
        secret && !found.origin.secret ? copyOrigin(found.origin, { secret: true }) : found.origin;
      context.references.push({ name: part.text, origin });
      return { text: found.text, secret };
    }
    if (!found.unset || !part.fallback) return found;
    const fallback = await expand(part.fallback, context);
    if (!('missing' in fallback)) {
      context.references.push({ name: part.text, origin: context.origin, fallback: true });
    }
    return fallback;
  };

  const lookUp = async (part: TemplateReference, context: ExpandContext): Promise<Resolved | Unresolved> => {
    if (part.kind === 'env') {
      // Own properties only: `${env:constructor}` must not find Object's constructor on a plain object.
      const value = Object.hasOwn(settings.env, part.name) ? settings.env[part.name] : undefined;
      // As in a shell, `:-` also replaces an empty variable; without a fallback an empty one is kept.
      if (value === undefined || (value === '' && part.fallback)) {
        return {
          missing: `refers to \${${part.text}}, but the variable ${part.name} is not set`,
          unset: true,
        };
      }
      return {
        text: value,
        secret: part.secret || secretEnv.has(part.name),
        origin: { source: 'env', locator: part.name },
      };
    }
    if (part.kind === 'file') return readReferencedFile(part, context);
    const segments = part.name.split('.');
    const unsafe = segments.find(isUnsafeSegment);
    if (unsafe !== undefined) throw new UnsafeKeyError(unsafe, segments, context.origin);
    const slot = slots.slotOf(part.name);
    if (slot === undefined) {
      const object = input.schema.object(part.name);
      return {
        missing: object
          ? `refers to \${${part.name}}, which is a group of settings, not a single value`
          : `refers to \${${part.name}}, which is not a known setting`,
        unset: false,
      };
    }
    return resolveSlot(slot);
  };

  const plainValue = (field: FieldSchema, slot: number): Resolved | Unresolved => {
    const winner = winnerOf(candidates[slot], field);
    if (!winner) {
      if (field.hasDefault && isScalar(field.defaultValue)) {
        return {
          text: textOf(field.defaultValue),
          secret: field.secret,
          origin: { source: 'default', locator: field.path },
        };
      }
      return {
        missing: `refers to \${${field.path}}, which no source sets and which has no default`,
        unset: true,
      };
    }
    let value: unknown = winner.value;
    let origin = winner.origin;
    if (isEnvelope(value)) {
      const broken = {
        missing: `refers to \${${field.path}}, which is encrypted and cannot be decrypted (see ${field.path})`,
        unset: false,
      };
      if (!input.decrypt) return broken;
      try {
        value = input.decrypt(value, field.path);
      } catch {
        return broken;
      }
      origin = copyOrigin(origin, { encrypted: true });
    }
    if (!isScalar(value) || value === null) {
      return {
        missing: `refers to \${${field.path}}, which is not a single value (a list or an object)`,
        unset: false,
      };
    }
    return {
      text: textOf(value),
      secret: field.secret || origin.secret === true || origin.encrypted === true,
      origin,
    };
  };

  const readReferencedFile = async (
    part: TemplateReference,
    context: ExpandContext,
  ): Promise<Resolved | Unresolved> => {
    const absolute = path.resolve(baseDirOf(context.origin, settings.cwd), part.name);
    const display = path.relative(settings.cwd, absolute) || absolute;
    let pending = files.get(absolute);
    if (!pending) {
      pending = readReferencedText({
        path: absolute,
        display,
        limits: context.limits,
        raise: raiseWith(context.origin),
      });
      files.set(absolute, pending);
    }
    const read = await pending;
    if ('missing' in read) {
      return { missing: `refers to \${${part.text}}, but ${read.missing}`, unset: read.unset };
    }
    return {
      text: read.text,
      secret: part.secret,
      origin: { source: 'file', locator: display },
    };
  };

  const replaced = [...candidates];
  try {
    for (const slot of templated) {
      const result = await resolveSlot(slot);
      if ('missing' in result) continue;
      const list = candidates[slot]!;
      const winner = templateWinner(slot)!;
      const expanded: Candidate = {
        value: result.text,
        origin: result.origin,
        // Expanded text is text: `port: ${env:PORT}` converts like the variable would.
        textual: true,
        layer: winner.layer,
        sub: [],
      };
      replaced[slot] = list.map((candidate) => (candidate === winner ? expanded : candidate));
    }
  } catch (error) {
    if (
      error instanceof InterpolationCycleError ||
      error instanceof InputLimitError ||
      error instanceof UnsafeKeyError
    ) {
      return { candidates, issues, error };
    }
    throw error;
  }
  return { candidates: replaced, issues };
}

function isScalar(value: unknown): value is string | number | boolean | bigint | Date | null {
  return (
    value === null ||
    value instanceof Date ||
    ['string', 'number', 'boolean', 'bigint'].includes(typeof value)
  );
}

function textOf(value: LeafValue | unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A `${file:…}` in a file resolves beside that file; anywhere else, against the working directory. */
function baseDirOf(origin: Origin, cwd: string): string {
  if (origin.source !== 'file') return cwd;
  const file = origin.locator.replace(/(:\d+){1,2}$/, '');
  return path.resolve(cwd, path.dirname(file));
}

/** The factory whose `limits` option raises a limit for values from this origin, for messages. */
function raiseWith(origin: Origin): string {
  const factories: Record<string, string> = {
    file: 'fileSource',
    env: 'envSource',
    dotenv: 'dotenvSource',
    argv: 'argvSource',
  };
  return factories[origin.source] ?? `the ${origin.source} source`;
}
