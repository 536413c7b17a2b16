// Public entry of @ndxp/contracts: generated messages, subjects, headers, error codes.
export { CREDENTIAL_KINDS } from './credential-kinds';
export type { CredentialKind } from './credential-kinds';
export { INSTANCE, isSubsystemToken, toSubsystemToken, parseSubsystemToken, formatSubsystemPath, isServiceToken } from './identifiers';
export type { SubsystemId } from './identifiers';
export {
  subjects,
  parseRequestSubject,
  REQUEST_PREFIX,
  ROUTING_QUEUE,
  METER_STREAM,
  METER_SUBJECTS,
  METER_DURABLE,
  REPLAY_BUCKET,
  LIMITS_BUCKET,
  METER_BATCH_PREFIX,
  METER_SEED_PREFIX,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
} from './subjects';
export { Header, STATUS_OK, DEFAULT_VERSION } from './headers';
export { SpanAttribute } from './span-attributes';
export { recordOutcome, isSpanError } from './record-outcome';
export { ERROR_TABLE, ERROR_CODES, isErrorCode, grpcStatusOf, httpStatusOf, isClientError, isRetryable, isReplayed } from './error-codes';
export type { ErrorCode } from './error-codes';
export { MeshError } from './mesh-error';
export { toGrpcError, fromGrpcError, GRPC_CODE_METADATA, GRPC_FIELD_METADATA } from './grpc-error';
export { encodeStatusDetails, decodeStatusDetails, ERROR_INFO_DOMAIN, GRPC_STATUS_DETAILS_METADATA } from './grpc-status-details';
export type { StatusDetails, StatusDetailsContext } from './grpc-status-details';
export { protoFileDescriptors } from './file-descriptors';
/** The standard google.rpc error details (vendored googleapis protos, proto/google/rpc). */
export { ErrorInfo, BadRequest, BadRequest_FieldViolation, LocalizedMessage, RetryInfo } from './gen/google/rpc/error_details';
export { Duration } from './gen/google/protobuf/duration';
export type { HeaderReader, HeaderWriter } from './mesh-error';
export { nationalService } from './national/national-service';
export { aliasAnswerOf, meshRequestOf } from './national/http-alias';
export type { HttpAlias } from './national/http-alias';
export type { GenericMethod, NationalService, NationalServiceOptions, MessageCodec } from './national/national-service';
export { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService } from './national/business-registration';
export { CIVIL_STATUS_PROVIDER, getCivilStatusRecordService } from './national/civil-status';
export { BUDGET_UNITS_PROVIDER, getBudgetUnitService, searchBudgetUnitsService } from './national/budget-units';
export {
  VNPOST_PROVIDER,
  ORDER_STATUS_CHANGED,
  createOrderService,
  cancelOrderService,
  trackOrderService,
  quotePostageService,
} from './national/vnpost';
export { NATIONAL_SERVICES, findNationalService } from './national/catalogue';
/** The national systems' own rules: identifiers, code tables, namespaces (adapters and simulators share them). */
export { PROVINCES, provinceByCode, isProvinceCode } from './national/provinces';
export type { Province } from './national/provinces';
export { computeTaxCodeCheckDigit, TAX_CODE_WEIGHTS } from './national/business-registration/tax-code-check-digit';
export { validateTaxCode } from './national/business-registration/tax-code';
export type { TaxCodeResult, ValidTaxCode, InvalidTaxCode, TaxCodeProblem } from './national/business-registration/tax-code';
export { validatePersonalId, encodePersonalId } from './national/civil-status/personal-id';
export type {
  PersonalIdResult,
  ValidPersonalId,
  InvalidPersonalId,
  PersonalIdProblem,
  PersonalIdSex,
  PersonalIdParts,
  PersonalIdOptions,
} from './national/civil-status/personal-id';
export { HOTICH_SERVICE_PATH, HOTICH_LOOKUP_OPERATION, EVENT_CODES, isEventCode } from './national/civil-status/lookup';
export type { EventCode, RegisterKey, RecordKey } from './national/civil-status/lookup';
export { escapeXml, SOAP_ENV_NS, HOTICH_NS, SOAP_PARSER_OPTIONS } from './national/civil-status/soap-xml';
export { BUDGET_UNIT_CODE_LENGTH, BUDGET_UNIT_CODE_PREFIXES } from './national/budget-units/code-prefixes';
export type { BudgetUnitCodePrefix, UnitKindCode } from './national/budget-units/code-prefixes';
export { validateBudgetUnitCode } from './national/budget-units/code-validator';
export type { BudgetUnitCodeProblem, BudgetUnitCodeResult } from './national/budget-units/code-validator';
export { foldName } from './national/budget-units/fold-name';
export { BUDGET_UNIT_STATUS_TEXT, BUDGET_LEVEL_TEXT } from './national/budget-units/texts';
export {
  computeItemCheckDigit,
  itemNumber,
  validateItemNumber,
  ITEM_NUMBER_WEIGHTS,
  ITEM_NUMBER_COUNTRY,
} from './national/vnpost/item-number';
export type { ItemNumberResult, ItemNumberProblem } from './national/vnpost/item-number';
export { POSTAL_MAX_WEIGHT_GRAMS, POSTAL_DEFAULT_WEIGHT_GRAMS, POSTAL_MAX_COD_VND, VIETNAMESE_PHONE } from './national/vnpost/order-limits';
export { Outcome, RequestHeader, ResponseHeader, Status, RequestEnvelope, ResponseEnvelope } from './gen/ndxp/common/v1/envelope';
/** The codec every generated message has (encode, decode, fromJSON, toJSON, create, fromPartial). */
export type { DeepPartial, MessageFns } from './gen/ndxp/common/v1/envelope';
export {
  Member,
  Subsystem,
  ServiceDefinition,
  Grant,
  RegistrySnapshot,
  RegistryChange,
  SnapshotRequest,
  ListMembersRequest,
  ListMembersResponse,
  GetMemberRequest,
  GetMemberResponse,
  RegisterMemberRequest,
  RegisterMemberResponse,
  RegisterServiceRequest,
  RegisterServiceResponse,
  ListServicesRequest,
  ListServicesResponse,
  ListGrantsRequest,
  ListGrantsResponse,
  GrantRequest,
  GrantResponse,
  RevokeRequest,
  RevokeResponse,
  AccessToken,
  TokenKey,
  IssueAccessTokenRequest,
  IssueAccessTokenResponse,
  RevokeAccessTokensRequest,
  RevokeAccessTokensResponse,
  ListAccessTokensRequest,
  ListAccessTokensResponse,
  AuditEntry,
  AuditRecord,
  ListAuditRequest,
  ListAuditResponse,
  VerifyAuditRequest,
  VerifyAuditResponse,
  LedgerHead,
  RecordLedgerHeadResponse,
  ConsumerLimits,
  Credential,
  SetLimitsResponse,
  IssueCredentialRequest,
  IssueCredentialResponse,
  RevokeCredentialsRequest,
  RevokeCredentialsResponse,
  ListCredentialsRequest,
  ListCredentialsResponse,
  RegistryDefinition,
  RegistryService,
  RegistryClient,
} from './gen/ndxp/registry/v1/registry';
export type { RegistryServer } from './gen/ndxp/registry/v1/registry';
export {
  MeterEvent,
  MeterEventBatch,
  UsageQuery,
  UsageRow,
  UsageReport,
  GetTransactionRequest,
  GetTransactionResponse,
  LedgerStatsRequest,
  LedgerStatsResponse,
  ReportRequest,
  ReportRow,
  Report,
  ConnectedRequest,
  ConnectedReport,
  ComplianceRequest,
  ComplianceRow,
  ComplianceMet,
  ComplianceReport,
  VerifyLedgerRequest,
  VerifyLedgerResponse,
  ReconcileLedgerRequest,
  ReconcileLedgerResponse,
  MissingEvent,
  OutcomeMismatch,
  MeteringDefinition,
  MeteringService,
  MeteringClient,
} from './gen/ndxp/metering/v1/metering';
/** The metering reports as CSV (what the HTTP API serves and `ndxp report --format csv` prints). */
export { reportCsv, connectedCsv, complianceCsv, REPORT_CSV_COLUMNS } from './report-csv';
export type { MeteringServer } from './gen/ndxp/metering/v1/metering';
export {
  GetEnterpriseRequest,
  Enterprise,
  EnterpriseStatus,
  Address,
  LegalRepresentative,
  BusinessLine,
  BusinessRegistrationDefinition,
  BusinessRegistrationService,
  BusinessRegistrationClient,
} from './gen/ndxp/businessregistration/v1/business_registration';
export type { BusinessRegistrationServer } from './gen/ndxp/businessregistration/v1/business_registration';
export {
  EventType,
  RegisterNumber,
  GetCivilStatusRecordRequest,
  RegistrationKind,
  RecordHeader,
  Sex,
  Person,
  CivilStatusRecord,
  CivilStatusDefinition,
  CivilStatusService,
  CivilStatusClient,
} from './gen/ndxp/civilstatus/v1/civil_status';
export type { CivilStatusServer } from './gen/ndxp/civilstatus/v1/civil_status';
export {
  UnitKind,
  BudgetLevel,
  UnitStatus,
  BudgetUnit,
  GetBudgetUnitRequest,
  SearchBudgetUnitsRequest,
  SearchBudgetUnitsResponse,
  BudgetUnitsDefinition,
  BudgetUnitsService,
  BudgetUnitsClient,
} from './gen/ndxp/budgetunit/v1/budget_unit';
export type { BudgetUnitsServer } from './gen/ndxp/budgetunit/v1/budget_unit';
export {
  OrderKind,
  CollectionStatus,
  Party,
  CreateOrderRequest,
  Order,
  CancelOrderRequest,
  TrackOrderRequest,
  TrackingEvent,
  TrackOrderResponse,
  QuotePostageRequest,
  QuotePostageResponse,
  OrderStatusChanged,
  PublicPostalDefinition,
  PublicPostalService,
  PublicPostalClient,
} from './gen/ndxp/vnpost/v1/public_postal';
export type { PublicPostalServer } from './gen/ndxp/vnpost/v1/public_postal';
// new-adapter: insert exports above
/** Vietnam calendar days (Asia/Ho_Chi_Minh) of UTC instants: the days every report reads. */
export {
  VIETNAM_TIME_ZONE,
  VIETNAM_OFFSET_MS,
  vietnamDay,
  vietnamDayNumber,
  vietnamDayStartMs,
  vietnamDayStartOf,
  vietnamMonth,
  dayNumberOf,
  dayOfNumber,
  isCalendarDay,
  notADay,
  vietnamTime,
} from './vietnam-time';
