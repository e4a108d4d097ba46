import { formatIssue } from '../errors/config-validation-error.js';
import { StrataError } from '../errors/strata-error.js';
import type { ConfigEvents } from '../events/config-events.js';
import type { Layer } from '../models/layer.js';
import { type Logger, silentLogger } from '../models/logger.js';
import { formatOrigin } from '../models/origin.js';
import type { ConfigSource, SourceContext } from '../models/source.js';
import { migrateLayer } from '../migrate/migrate-layer.js';
import { buildSnapshot } from '../pipeline/build-snapshot.js';
import { type PathIndex, pathIndexOf } from '../pipeline/path-index.js';
import { readSchemaResult } from '../schema/read-schema.js';
import type { FieldSchema } from '../models/schema-model.js';
import { configuredKeyring } from '../secrets/configured-keyring.js';
import { secretHandling } from '../secrets/secret-handling.js';
import { installRedaction } from '../snapshot/redaction.js';
import type { Config } from './config.js';
import type { ConfigDefinition, LoadOptions } from './config-definition.js';
import { ConfigEventHub } from '../events/config-event-hub.js';
import { createConfig } from './create-config.js';
import { describeInputs } from './describe-inputs.js';
import { GenerationHistory } from '../reload/generation-history.js';
import { layerKeys, mostlyUnknown } from '../reload/layer-keys.js';
import { loadSource } from '../reload/load-source.js';
import { OverrideController } from '../overrides/override-controller.js';
import { ReloadQueue } from '../reload/reload-queue.js';
import { type BuildLayers, ReloadTransaction } from '../reload/reload-transaction.js';
import { releaseSources } from '../reload/release-sources.js';
import { detectEnvironment } from './resolve-environment.js';
import { interpolatesByDefault } from '../interpolate/interpolate-candidates.js';
import type { InterpolationSettings } from '../interpolate/interpolation-settings.js';
import { resolveScopeDefinition } from '../scope/resolve-scope-definition.js';
import { ScopeController } from '../scope/scope-controller.js';
import { SourceHealth } from '../reload/source-health.js';

/**
 * Load, merge, convert and validate the configuration once, and return it. Throws a
 * `ConfigValidationError` listing every problem, or the `SourceError`/`ParseError` of a source that failed
 * (optional sources are skipped and reported instead).
 */
export async function loadConfig(definition: ConfigDefinition, options: LoadOptions = {}): Promise<Config> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const detected = detectEnvironment({
    option: options.environment,
    definition: definition.environment,
    env,
    kubernetesNamespaceFile: options.kubernetesNamespaceFile,
  });
  const environment = detected.name;
  const { model: schema, rules } = readSchemaResult(definition.sections);
  installRedaction(schema);
  const sources =
    typeof definition.sources === 'function'
      ? definition.sources({ environment, env, cwd })
      : definition.sources;
  assertUniqueNames(sources);
  const scopes = resolveScopeDefinition(
    typeof definition.scopes === 'function'
      ? definition.scopes({ environment, env, cwd })
      : definition.scopes,
    sources,
  );
  const abort = new AbortController();
  const context: SourceContext = {
    environment,
    schema,
    signal: abort.signal,
    logger: options.logger ?? silentLogger,
    cwd,
    env,
    argv: options.argv ?? process.argv.slice(2),
  };
  const secrets = await secretHandling(await configuredKeyring({ keyring: options.keyring, cwd, env }));
  const prepare = (layer: Layer): Layer =>
    migrateLayer(secrets.verifyMacs(layer), {
      configVersion: definition.configVersion,
      migrations: definition.migrations,
    });
  // Everything but the layers and the generation is fixed for the life of the configuration: decided once
  // here, for the first load and every reload alike.
  const settings = {
    schema,
    rules,
    index: pathIndexOf(schema),
    environment,
    strict: options.strict ?? definition.strict ?? false,
    decrypt: secrets.decrypt,
    secretSources:
      typeof definition.secretSources === 'function'
        ? definition.secretSources(environment)
        : definition.secretSources,
    validate: options.validate,
    describeInputs: (field: FieldSchema) => describeInputs(sources, context, field),
    interpolation: interpolationSettings(definition, sources, context),
  };
  const build: BuildLayers = (layers, generation) => buildSnapshot({ ...settings, layers, generation });

  const startupFailures: ConfigEvents['sourceFailed'][] = [];
  const layers: Layer[] = [];
  let snapshot: Awaited<ReturnType<BuildLayers>>;
  try {
    const outcomes = await Promise.all(sources.map((source) => loadSource(source, context, prepare)));
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        layers.push(outcome.layer);
        continue;
      }
      if (!source.optional || outcome.error.code !== 'SOURCE_FAILED') throw outcome.error;
      context.logger.warn(`${outcome.error.message}; starting without it (optional source)`);
      startupFailures.push({
        type: 'sourceFailed',
        source: source.name,
        error: outcome.error,
        willRetry: Boolean(source.watch) && options.watch === true,
      });
      layers.push({ source: source.name, entries: [], textual: false, warnings: [] });
    }
    snapshot = await build(layers, 1);
    if (!snapshot.ok) throw snapshot.error;
  } catch (error) {
    await releaseSources(abort, sources);
    throw error;
  }
  for (const warning of snapshot.snapshot.warnings) context.logger.warn(formatIssue(warning));
  for (const layer of layers) for (const warning of layer.warnings) context.logger.warn(warning);
  warnMostlyUnknown(layers, settings.index, context.logger);

  const events = new ConfigEventHub(context.logger);
  const health = new SourceHealth({
    emit: events.emit,
    logger: context.logger,
    signal: abort.signal,
    failing: startupFailures.map((failure) => failure.source),
  });
  const history = new GenerationHistory(options.historySize ?? 20);
  const transaction = new ReloadTransaction({
    sources,
    context,
    prepare,
    build,
    emit: events.emit,
    health,
    history,
    stack: { sources: layers, above: [], overrides: [] },
    snapshot: snapshot.snapshot,
    index: settings.index,
    suspiciousReloads: options.suspiciousReloads ?? 'reject',
  });
  const scopeController = new ScopeController({
    ...scopes,
    transaction,
    build,
    prepare,
    context,
    watch: options.watch === true,
  });
  const queue = new ReloadQueue(options.debounceMs ?? 50, (names, reasons) =>
    transaction.reload(names, reasons),
  );
  return createConfig({
    environment,
    environmentSource: detected.source,
    schema,
    sources,
    context,
    abort,
    events,
    transaction,
    queue,
    history,
    health,
    overrides: new OverrideController({
      transaction,
      queue,
      index: settings.index,
      logger: context.logger,
    }),
    scopes: scopeController,
    startupFailures,
    watch: options.watch === true,
  });
}

/**
 * What interpolation needs, or undefined when the definition turns it off. A layer that is no source's (a
 * runtime override, a pinned restart value) is never a template: it holds values already decided.
 */
function interpolationSettings(
  definition: ConfigDefinition,
  sources: readonly ConfigSource[],
  context: SourceContext,
): InterpolationSettings | undefined {
  if (definition.interpolation === false) return undefined;
  const options = typeof definition.interpolation === 'object' ? definition.interpolation : {};
  const templates = new Set(
    sources
      .filter((source) => source.interpolate ?? interpolatesByDefault(source.name))
      .map((source) => source.name),
  );
  return {
    env: context.env,
    cwd: context.cwd,
    layerInterpolates: (layer) => templates.has(layer.source),
    skip: options.skip,
    secretEnv: options.secretEnv,
  };
}

/** Source names key reloads, health and `explain`: two sources may not share one. */
function assertUniqueNames(sources: readonly ConfigSource[]): void {
  const names = new Set<string>();
  for (const source of sources) {
    if (names.has(source.name)) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `Two sources are named "${source.name}"; give one a different "name" option`,
      );
    }
    names.add(source.name);
  }
}

/**
 * A loud warning for each source whose keys are mostly not in the schema: a corrupted file, or a source
 * pointed at the wrong place. (Under `strict` the unknown keys have already failed the load.)
 */
function warnMostlyUnknown(layers: readonly Layer[], index: PathIndex, logger: Logger): void {
  for (const layer of layers) {
    const keys = layerKeys(layer, index);
    if (!mostlyUnknown(keys)) continue;
    const first = keys.firstUnknown!;
    logger.warn(
      `SOURCE "${layer.source}" LOOKS CORRUPTED OR MISPLACED: ${keys.unknown} of its ${keys.known + keys.unknown} keys are not in the schema (first: ${JSON.stringify(first.path.join('.'))} from ${formatOrigin(first.origin)}); its unknown keys are ignored`,
    );
  }
}
