// How a transaction ended, as routing answers and meters it.
import { isClientError, isErrorCode, Outcome, STATUS_OK } from '@ndxp/contracts';

/** Outcome class of a status code ("ok" or an error code). */
export function outcomeOf(code: string): Outcome {
  if (code === STATUS_OK) return Outcome.OUTCOME_OK;
  return isErrorCode(code) && isClientError(code) ? Outcome.OUTCOME_CLIENT_ERROR : Outcome.OUTCOME_SERVER_ERROR;
}
