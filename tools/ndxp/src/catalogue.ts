// The national services the CLI can call, by service name.
import { getEnterpriseService, type NationalService } from '@ndxp/contracts';

/** JSON conversion as ts-proto generates it. */
interface JsonCodec<T> {
  fromJSON(o: unknown): T;
  toJSON(m: T): unknown;
}

export interface CatalogueEntry {
  service: NationalService<unknown, unknown>;
  request: JsonCodec<unknown>;
  response: JsonCodec<unknown>;
  example: string;
}

/** Every callable service, keyed by its service name. */
export const CATALOGUE: Record<string, CatalogueEntry> = {
  GetEnterprise: {
    service: getEnterpriseService,
    request: getEnterpriseService.request as unknown as JsonCodec<unknown>,
    response: getEnterpriseService.response as unknown as JsonCodec<unknown>,
    example: '{"taxCode":"0100109106"}',
  },
};
