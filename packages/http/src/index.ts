/**
 * @strata/http — the operations surface of a Strata configuration: health and readiness, Prometheus
 * metrics, the redacted configuration with origins and explain, history, diffs, JSON Schema, validation,
 * runtime overrides, rollback and reload, Server-Sent Events, an audit trail and a web inspector, as one
 * Web-standard handler with a `node:http` adapter. docs/operations.md is the guide.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export type { StrataHttpOptions } from './options/strata-http-options.js';
export type { Role, TokenConfig } from './options/token-config.js';
export type { RequestInfo, StrataHandler } from './handler/strata-handler.js';
export { createStrataHandler } from './handler/create-strata-handler.js';
export type { NodeListener } from './handler/to-node-listener.js';
export { toNodeListener } from './handler/to-node-listener.js';
export type { PollHealthProbe, SourceStatus } from './health/source-status-tracker.js';
export type { EnvironmentCatalog, EnvironmentDifference } from './views/environments-view.js';
export type { CurrentHandle } from './metrics/access-counter.js';
export { AccessCounter } from './metrics/access-counter.js';
export type { AuditAction, AuditChange, AuditRecord, AuditSink } from './audit/audit-record.js';
export type { JsonLinesAuditOptions } from './audit/json-lines-sink.js';
export { jsonLinesAuditSink } from './audit/json-lines-sink.js';
export type { AuditLogger } from './audit/logger-sink.js';
export { loggerAuditSink } from './audit/logger-sink.js';
export { tokenDigest } from './auth/token-store.js';
