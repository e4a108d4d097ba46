// Running the built `strata` binary from tests: one run, runs side by side, a long-running `watch`, fixture
// copies, and a line reader for streamed output.
export {
  assertBuilt,
  binPath,
  copyFixture,
  type FixtureCopy,
  fixture,
  fixturesDir,
  packageDir,
  type RunOptions,
  type RunResult,
  runEnv,
  spawnStrata,
  startRuns,
  strata,
  strataWithInput,
} from './strata-binary.js';
export { LineReader } from './line-reader.js';
