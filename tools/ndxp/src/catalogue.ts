// The national services the CLI can call, by service name, with their JSON forms.
import { NATIONAL_SERVICES, type MessageCodec, type NationalService } from '@ndxp/contracts';

/** A service with its codecs (ts-proto's, JSON conversion included). */
export interface CatalogueEntry {
  service: NationalService<unknown, unknown>;
  request: MessageCodec<unknown>;
  response: MessageCodec<unknown>;
}

const EXAMPLES: Record<string, string> = {
  GetEnterprise: '{"taxCode":"0100109106"}',
  GetCivilStatusRecord: '{"eventType":"EVENT_TYPE_BIRTH","personalId":"001203004567"}',
  GetBudgetUnit: '{"code":"1012345"}',
  SearchBudgetUnits: '{"nameContains":"trường","pageSize":5}',
  QuotePostage: '{"senderProvince":"Hà Nội","receiverProvince":"Đà Nẵng","weightGrams":500}',
};

/** Every callable service, keyed by its service name. */
export const CATALOGUE: Record<string, CatalogueEntry> = Object.fromEntries(
  NATIONAL_SERVICES.map((service) => [service.service, { service, request: service.request, response: service.response }]),
);

/** An example request of a service, as JSON. */
export function exampleOf(service: string): string {
  return EXAMPLES[service] ?? '{}';
}
