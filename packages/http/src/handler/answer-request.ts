import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { SurfaceRequest } from '../routing/surface-request.js';
import type { RequestInfo, StrataHandler } from './strata-handler.js';

/** The handling core of a handler: routing, auth, limits, endpoints; never throws (a refusal is an answer). */
export type AnswerRequest = (request: SurfaceRequest, info: RequestInfo) => Promise<SurfaceAnswer>;

/**
 * The core behind each handler `createStrataHandler` made, for the server adapters: `fetch` reaches it
 * through the Fetch API's types, `toNodeListener` straight from `node:http`'s. Private to the package.
 */
export const handlerCores = new WeakMap<StrataHandler, AnswerRequest>();
