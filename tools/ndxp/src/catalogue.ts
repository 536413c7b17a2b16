// The national services the CLI can call, by service name, with their JSON forms.
import { NATIONAL_SERVICES, type NationalService } from '@ndxp/contracts';

/** JSON conversion as ts-proto generates it. */
interface JsonCodec<T> {
  fromJSON(o: unknown): T;
  toJSON(m: T): unknown;
}

export interface CatalogueEntry {
  service: NationalService<unknown, unknown>;
  request: JsonCodec<unknown>;
  response: JsonCodec<unknown>;
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
  NATIONAL_SERVICES.map((service) => [
    service.service,
    { service, request: service.request as unknown as JsonCodec<unknown>, response: service.response as unknown as JsonCodec<unknown> },
  ]),
);

/** An example request of a service, as JSON. */
export function exampleOf(service: string): string {
  return EXAMPLES[service] ?? '{}';
}
