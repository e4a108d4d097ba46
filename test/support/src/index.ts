// Strata's shared test support, for every package's tests and the cross-package tests in test/. The parts an
// application's tests need too (waitFor, sourceContext, the recording signals and logger, the controllable
// sources, the event recorder) are the seed of @strata/testing; keep them typed, documented and free of
// repository paths. The protocol servers are at `./vault` and `./ssm`, the CLI runner at `./cli`.
export {
  nextEvent,
  ofType,
  recordEvents,
} from './config-events.js';
export { cleanEnv } from './clean-env.js';
export { everyView } from './every-view.js';
export { envOf } from './env-of.js';
export { type FixedSource, fixedSource } from './fixed-source.js';
export { originAt, triples, valuesOf } from './layer-values.js';
export { type LogLine, type RecordingLogger, recordingLogger } from './recording-logger.js';
export {
  type RecordingSignals,
  type RecordingSignalsOptions,
  recordingSignals,
} from './recording-signals.js';
export { rejectionOf } from './rejection-of.js';
export { type SchemaStub, schemaOf } from './schema-stub.js';
export { emptySchema, type SourceContextOverrides, sourceContext } from './source-context.js';
export { type TempDir, tempDir } from './temp-dir.js';
export { type TestSource, testSource } from './test-source.js';
export { pause, type WaitForOptions, waitFor } from './wait-for.js';
