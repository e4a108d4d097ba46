import { ConfigValidationError, type LeafValue, type ReloadResult } from '@strata/core';
import type { AuditAction } from '../audit/audit-record.js';
import { readJsonBody } from '../body/read-json-body.js';
import { HttpProblem, jsonAnswer } from '../respond/json-answer.js';
import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { Route, RouteContext } from '../routing/route.js';
import { problemFromError } from '../views/error-view.js';
import type { SurfaceParts } from './surface-parts.js';

/** The writes: validate (applies nothing), overrides, rollback, reload — each one reload transaction. */
export function writeRoutes(parts: SurfaceParts): Route[] {
  const { config } = parts;
  /** Run a transaction for a token holder: audited, timed, and a rejection answered as 422 with problems. */
  const transact = async (
    context: RouteContext,
    action: AuditAction,
    paths: readonly string[],
    run: () => Promise<ReloadResult>,
  ): Promise<SurfaceAnswer> => {
    const result = await parts.audit.attribute({ actor: context.principal.name, action, paths }, () =>
      parts.metrics.time(action, run),
    );
    if (result.status === 'rejected') throw problemFromError(result.error);
    return jsonAnswer({ status: result.status, generation: result.generation, diff: result.diff });
  };
  return [
    {
      path: '/validate',
      methods: {
        POST: async ({ request }) => {
          const body = await readJsonBody(request, parts.limits);
          allowOnly(body, ['values']);
          const values = body['values'];
          if (typeof values !== 'object' || values === null || Array.isArray(values)) {
            throw new HttpProblem(
              400,
              'MALFORMED_BODY',
              '"values" must be an object: the proposed values, as a tree or dotted paths',
            );
          }
          try {
            const snapshot = await config.derive(values as Record<string, LeafValue>, 'proposed');
            return jsonAnswer({ valid: true, problems: [], warnings: snapshot.warnings });
          } catch (error) {
            if (!ConfigValidationError.is(error)) throw problemFromError(error);
            const invalid = error as ConfigValidationError;
            return jsonAnswer({ valid: false, problems: invalid.issues, warnings: [] });
          }
        },
      },
    },
    {
      path: '/overrides/{param}',
      methods: {
        PUT: async (context) => {
          const body = await readJsonBody(context.request, parts.limits);
          allowOnly(body, ['value', 'ttl', 'reason']);
          if (!Object.hasOwn(body, 'value'))
            throw new HttpProblem(400, 'MALFORMED_BODY', 'Give "value": the value to set');
          const ttl = body['ttl'];
          if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0)) {
            throw new HttpProblem(400, 'MALFORMED_BODY', '"ttl" must be a positive number of seconds');
          }
          const reason = reasonOf(body);
          return transact(context, 'override', [context.param], () =>
            config.overrides.set(context.param, body['value'] as LeafValue, {
              actor: context.principal.name,
              ...(reason === undefined ? {} : { reason }),
              ...(ttl === undefined ? {} : { ttlMs: (ttl as number) * 1000 }),
            }),
          );
        },
        DELETE: async (context) => {
          const hasBody = context.request.header('content-type') !== undefined;
          const body = hasBody ? await readJsonBody(context.request, parts.limits) : {};
          allowOnly(body, ['reason']);
          const reason = reasonOf(body);
          return transact(context, 'override', [context.param], () =>
            config.overrides.delete(context.param, {
              actor: context.principal.name,
              ...(reason === undefined ? {} : { reason }),
            }),
          );
        },
      },
    },
    {
      path: '/rollback',
      methods: {
        POST: async (context) => {
          const body = await readJsonBody(context.request, parts.limits);
          allowOnly(body, ['generation']);
          const generation = body['generation'];
          if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 1) {
            throw new HttpProblem(
              400,
              'MALFORMED_BODY',
              '"generation" must be a generation number (a positive integer)',
            );
          }
          return transact(context, 'rollback', [], () => config.rollback(generation));
        },
      },
    },
    {
      path: '/reload',
      methods: {
        POST: async (context) => {
          const hasBody = context.request.header('content-type') !== undefined;
          const body = hasBody ? await readJsonBody(context.request, parts.limits) : {};
          allowOnly(body, ['sources', 'reason']);
          const sources = body['sources'];
          const known = config.sources.map((source) => source.name);
          if (
            sources !== undefined &&
            (!Array.isArray(sources) ||
              sources.some((name) => typeof name !== 'string' || !known.includes(name)))
          ) {
            throw new HttpProblem(
              400,
              'MALFORMED_BODY',
              `"sources" must list source names (${known.join(', ')})`,
            );
          }
          const reason = reasonOf(body);
          return transact(context, 'reload', [], () =>
            config.reload({
              ...(sources === undefined ? {} : { sources: sources as string[] }),
              reason: `POST /reload by ${context.principal.name}${reason === undefined ? '' : `: ${reason}`}`,
            }),
          );
        },
      },
    },
  ];
}

/** Refuse fields the endpoint does not know: a misspelt `tll` must not silently mean "no expiry". */
function allowOnly(body: Record<string, unknown>, fields: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!fields.includes(key)) {
      throw new HttpProblem(
        400,
        'MALFORMED_BODY',
        `Unknown field in the request body; this endpoint takes ${fields.map((f) => `"${f}"`).join(', ')}`,
      );
    }
  }
}

function reasonOf(body: Record<string, unknown>): string | undefined {
  const reason = body['reason'];
  if (reason === undefined) return undefined;
  if (typeof reason !== 'string' || reason.length > 500) {
    throw new HttpProblem(400, 'MALFORMED_BODY', '"reason" must be text of at most 500 characters');
  }
  return reason;
}
