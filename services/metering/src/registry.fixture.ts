// A hand-made registry for report tests: two ministries, one province, a DN owner; three grants.
import { BUSINESS_REGISTRATION_PROVIDER, CIVIL_STATUS_PROVIDER, RegistrySnapshot } from '@ndxp/contracts';

const member = (memberClass: string, memberCode: string, name: string) => ({ instance: 'VN', memberClass, memberCode, name, kind: '' });
const lgsp = (memberClass: string, memberCode: string) => ({
  token: `${memberClass}-${memberCode}-LGSP`,
  memberClass,
  memberCode,
  subsystemCode: 'LGSP',
  name: '',
});

/** The registry: BO-BTP, BO-BYT, TINH-01 with LGSPs; DN-VNPOST without. */
export const SNAPSHOT = RegistrySnapshot.fromPartial({
  members: [
    member('TINH', '01', 'Hà Nội'),
    member('BO', 'BTP', 'Bộ Tư pháp'),
    member('BO', 'BYT', 'Bộ Y tế'),
    member('DN', 'VNPOST', 'VNPost'),
  ],
  subsystems: [lgsp('BO', 'BTP'), lgsp('BO', 'BYT'), lgsp('TINH', '01')],
  grants: [
    { consumer: 'BO-BTP-LGSP', provider: BUSINESS_REGISTRATION_PROVIDER, service: 'GetEnterprise' },
    { consumer: 'BO-BYT-LGSP', provider: BUSINESS_REGISTRATION_PROVIDER, service: 'GetEnterprise' },
    { consumer: 'TINH-01-LGSP', provider: CIVIL_STATUS_PROVIDER, service: 'GetCivilStatusRecord' },
  ],
});
