// The report messages of metering.proto, taken from the generated service definition (their
// codecs and types), since @ndxp/contracts does not list them among its named exports yet.
import { MeteringDefinition } from '@ndxp/contracts';

const m = MeteringDefinition.methods;

/** Codecs of the report requests and answers. */
export const ReportRequest = m.getReport.requestType;
export const Report = m.getReport.responseType;
export const ConnectedRequest = m.getConnected.requestType;
export const ConnectedReport = m.getConnected.responseType;
export const ComplianceRequest = m.getCompliance.requestType;
export const ComplianceReport = m.getCompliance.responseType;
export const VerifyLedgerRequest = m.verifyLedger.requestType;
export const VerifyLedgerResponse = m.verifyLedger.responseType;

/** Their types. */
export type ReportRequest = ReturnType<typeof ReportRequest.decode>;
export type Report = ReturnType<typeof Report.decode>;
export type ReportRow = Report['rows'][number];
export type ConnectedRequest = ReturnType<typeof ConnectedRequest.decode>;
export type ConnectedReport = ReturnType<typeof ConnectedReport.decode>;
export type ComplianceRequest = ReturnType<typeof ComplianceRequest.decode>;
export type ComplianceReport = ReturnType<typeof ComplianceReport.decode>;
export type ComplianceRow = ComplianceReport['rows'][number];
export type VerifyLedgerRequest = ReturnType<typeof VerifyLedgerRequest.decode>;
export type VerifyLedgerResponse = ReturnType<typeof VerifyLedgerResponse.decode>;
