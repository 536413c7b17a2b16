// Public entry of @ndxp/metering: the service, startable in-process, and its configuration.
/** Starts the metering service on an open NATS connection and ledger store. */
export { startMetering, METERING_QUEUE, METERING_SERVICE_NAME } from './metering';
export type { Metering, MeteringOptions } from './metering';
/** Reads METERING_* and the common settings from the environment. */
export { loadConfig } from './config';
export type { MeteringConfig } from './config';
/** The durable consumer's settings, for ops tools and tests. */
export { meterConsumerConfig, METER_ACK_WAIT_MS, METER_MAX_ACK_PENDING } from './meter-consumer';
export type { MeterConsumerCounters } from './meter-consumer';
/** Query validation and the API's transport constants. */
export { validateUsageQuery, USAGE_DIMENSIONS } from './usage-query';
/** The reports (usage by period and group, connected versus active, compliance, chain check). */
export { createReports } from './reports';
export type { Reports, ReportSources } from './reports';
export { buildReport, percentileMs, checkGroup, REPORT_GROUPS } from './report-math';
export type { ReportGroup } from './report-math';
export { buildCompliance } from './compliance';
export type { FirstOk } from './compliance';
export type { Period } from './report-period';
export { buildConnected } from './connected';
export { DEADLINE_RULE } from './deadline-rule';
export type { RuleClass } from './deadline-rule';
export { serveHttpApi } from './http-api';
export type { HttpApi, HttpApiOptions } from './http-api';
// The report messages and their CSV form are @ndxp/contracts' (Report, ReportRequest, reportCsv, ...).
