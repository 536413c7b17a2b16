// Public entry of @ndxp/adapter-sdk: declare an adapter, run it as a process (or start it in one),
// call the national system; plus test helpers for adapter packages.
export { defineAdapter, bindService } from './define-adapter';
export type {
  Adapter,
  AdapterDefinition,
  AdapterDeps,
  AdapterSettings,
  AdapterStartContext,
  ServiceBinding,
  SettingsTable,
  SettingValues,
  StopHook,
  UpstreamDeclaration,
} from './adapter-definition';
export { runAdapter } from './run-adapter';
export type { RunAdapterOptions } from './run-adapter';
export { startAdapter } from './start-adapter';
export type { StartAdapterOptions, StartedAdapter } from './start-adapter';
export { serveAdapter } from './serve-adapter';
export type { ServeAdapterOptions, RunningAdapter } from './serve-adapter';
export { readAdapterSettings, settingRows } from './adapter-settings';
export { formatHelp, formatSettingsMarkdown } from './help';
export { intSetting, textSetting, choiceSetting, urlSetting, SettingError } from './setting';
export type { Setting, SettingRow, SettingErrorCode } from './setting';
export { ADAPTER_DEFAULTS } from './defaults';
export type { RequestContext } from './request-context';
export { ownContext, sleepUnlessAborted } from './own-context';
export type { OwnContextOptions } from './own-context';
export type { EndpointCounters } from './endpoint-stats';
export { mapNationalDate, normalizeStatusText } from './national-text';
export { isNationalJson, jsonText } from './national-json';
export type { NationalJson } from './national-json';
export { createUpstream } from './upstream';
export type { Upstream, UpstreamConfig, UpstreamRequest, UpstreamResponse } from './upstream';
export { CircuitBreaker } from './circuit-breaker';
export type { BreakerState, BreakerOptions } from './circuit-breaker';
// Test helpers (the adapters' integration tests).
export { askAdapter, AdapterHarness } from './testing';
export type { AdapterAnswer, TestServer } from './testing';
