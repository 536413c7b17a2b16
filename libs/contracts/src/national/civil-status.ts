// Civil-status registration and management system (hộ tịch), Bộ Tư pháp.
import { CivilStatusDefinition } from '../gen/ndxp/civilstatus/v1/civil_status';
import { nationalService } from './national-service';

/** Provider token of the civil-status system. */
export const CIVIL_STATUS_PROVIDER = 'BO-BTP-HOTICH';

/** Look up a registered event by personal identification number or register number. */
export const getCivilStatusRecordService = nationalService(
  CIVIL_STATUS_PROVIDER,
  CivilStatusDefinition,
  CivilStatusDefinition.methods.getCivilStatusRecord,
);
