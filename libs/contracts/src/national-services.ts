// The national systems' services known to this build: provider token, service name, proto codecs.
import { BusinessRegistrationDefinition, Enterprise, GetEnterpriseRequest } from './gen/ndxp/businessregistration/v1/business_registration';

/** A message codec as ts-proto generates it. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: unknown): T;
}

/** One method of a national system: where it lives in the mesh and how its messages encode. */
export interface NationalService<Req, Res> {
  provider: string;
  service: string;
  version: string;
  request: MessageCodec<Req>;
  response: MessageCodec<Res>;
  protoMethod: string;
}

/** Provider token of the National Business Registration Database (Bộ Kế hoạch và Đầu tư). */
export const BUSINESS_REGISTRATION_PROVIDER = 'BO-BKHDT-DKDN';

const brMethod = BusinessRegistrationDefinition.methods.getEnterprise;

/** Look up an enterprise or branch by tax code. */
export const getEnterpriseService: NationalService<GetEnterpriseRequest, Enterprise> = {
  provider: BUSINESS_REGISTRATION_PROVIDER,
  service: brMethod.name,
  version: 'v1',
  request: GetEnterpriseRequest,
  response: Enterprise,
  protoMethod: `${BusinessRegistrationDefinition.fullName}/${brMethod.name}`,
};
