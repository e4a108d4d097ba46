import { buildJsonSchema } from '@strata/core/tooling';
import { eventFeed } from '../events/event-feed.js';
import { readinessReport } from '../health/health-report.js';
import { bytesAnswer, HttpProblem, jsonAnswer, rawJsonAnswer } from '../respond/json-answer.js';
import type { Route } from '../routing/route.js';
import { configView } from '../views/config-view.js';
import { environmentNames, environmentView } from '../views/environments-view.js';
import { generationDiff } from '../views/generation-diff.js';
import { historyView } from '../views/history-view.js';
import type { SurfaceParts } from './surface-parts.js';

const HEALTH = 'application/health+json';

/** The `GET` endpoints: health, configuration, history, diff, schema, events, metrics, environments. */
export function readRoutes(parts: SurfaceParts): Route[] {
  const { config } = parts;
  const viewCache = new WeakMap<object, string>();
  return [
    {
      path: '/',
      methods: {
        GET: () =>
          jsonAnswer({
            prefix: parts.prefix,
            endpoints: [
              'GET /health/live',
              'GET /health/ready',
              'GET /metrics',
              'GET /config',
              'GET /config/{path}',
              'GET /overrides',
              'GET /history',
              'GET /diff?from=&to=',
              'GET /schema',
              'GET /events',
              'GET /environments',
              'GET /environments/{name}',
              'GET /ui',
              'POST /validate',
              'PUT /overrides/{path}',
              'DELETE /overrides/{path}',
              'POST /rollback',
              'POST /reload',
            ],
          }),
      },
    },
    {
      path: '/health/live',
      health: true,
      methods: {
        GET: () => jsonAnswer({ status: 'pass', generation: config.generation }, { type: HEALTH }),
      },
    },
    {
      path: '/health/ready',
      health: true,
      methods: {
        GET: () => {
          const { ready, body } = readinessReport(config, parts.tracker.statuses());
          return jsonAnswer(body, { type: HEALTH, status: ready ? 200 : 503 });
        },
      },
    },
    {
      path: '/metrics',
      methods: {
        GET: async () =>
          bytesAnswer(await parts.metrics.registry.metrics(), parts.metrics.registry.contentType),
      },
    },
    {
      path: '/config',
      methods: {
        GET: () => {
          // A snapshot never changes, and overrides and restart-pending paths only change with a new one:
          // the view is built once per generation and its text served from then on.
          const snapshot = config.snapshot;
          let text = viewCache.get(snapshot);
          if (text === undefined) {
            text = `${JSON.stringify(configView(config))}\n`;
            viewCache.set(snapshot, text);
          }
          return rawJsonAnswer(text);
        },
      },
    },
    {
      path: '/config/{param}',
      methods: {
        GET: ({ param }) => {
          const explanation = config.explain(param);
          if (!explanation) {
            throw new HttpProblem(
              404,
              'UNKNOWN_PATH',
              'No configuration field at this path; GET /config lists them',
            );
          }
          return jsonAnswer({ generation: config.generation, ...explanation });
        },
      },
    },
    { path: '/overrides', methods: { GET: () => jsonAnswer({ overrides: config.overrides.list() }) } },
    { path: '/history', methods: { GET: () => jsonAnswer(historyView(config)) } },
    {
      path: '/diff',
      methods: {
        GET: ({ url }) => {
          const from = generationParam(url, 'from');
          const to = url.searchParams.has('to') ? generationParam(url, 'to') : config.generation;
          return jsonAnswer({ from, to, diff: generationDiff(config.history(), from, to) });
        },
      },
    },
    {
      path: '/schema',
      methods: {
        GET: () =>
          jsonAnswer(buildJsonSchema(config.schema, { title: `Configuration (${config.environment})` }), {
            type: 'application/schema+json',
          }),
      },
    },
    {
      path: '/events',
      methods: {
        GET: () =>
          bytesAnswer(
            eventFeed(config, { keepAliveMs: parts.keepAliveMs, closing: parts.closing }),
            'text/event-stream; charset=utf-8',
            { 'x-accel-buffering': 'no' },
          ),
      },
    },
    {
      path: '/environments',
      methods: {
        GET: async () => {
          const catalog = requireCatalog(parts);
          return jsonAnswer({ current: config.environment, environments: await environmentNames(catalog) });
        },
      },
    },
    {
      path: '/environments/{param}',
      methods: {
        GET: async ({ param }) => jsonAnswer(await environmentView(config, requireCatalog(parts), param)),
      },
    },
  ];
}

function generationParam(url: URL, name: string): number {
  const text = url.searchParams.get(name);
  if (text === null) throw new HttpProblem(400, 'MISSING_PARAMETER', `Give "${name}" (a generation number)`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new HttpProblem(
      400,
      'INVALID_PARAMETER',
      `"${name}" must be a generation number (a positive integer)`,
    );
  }
  return value;
}

function requireCatalog(parts: SurfaceParts): NonNullable<SurfaceParts['environments']> {
  if (!parts.environments) {
    throw new HttpProblem(
      404,
      'NO_ENVIRONMENTS',
      'This handler was created without an "environments" catalog',
    );
  }
  return parts.environments;
}
