// National Business Registration Database (CSDL quốc gia về đăng ký doanh nghiệp), Bộ Kế hoạch và Đầu tư.
import { BusinessRegistrationDefinition } from '../gen/ndxp/businessregistration/v1/business_registration';
import { nationalService } from './national-service';

/** Provider token of the National Business Registration Database. */
export const BUSINESS_REGISTRATION_PROVIDER = 'BO-BKHDT-DKDN';

/** Look up an enterprise or branch by tax code. */
export const getEnterpriseService = nationalService(
  BUSINESS_REGISTRATION_PROVIDER,
  BusinessRegistrationDefinition,
  BusinessRegistrationDefinition.methods.getEnterprise,
  // The national platform's enterprise detail (chiTietDoanhNghiep) as LGSPs call it today: the
  // enterprise code as `msdn`, the record under Data.MainInformation with its name as NAME
  // (../shared/domain.md, "How real gateways look"). Other fields keep the mesh's names.
  {
    httpAliases: [
      {
        path: '/apiCSDLDKDN/1.0/chiTietDoanhNghiep',
        requestNames: { msdn: 'taxCode' },
        answerAt: ['Data', 'MainInformation'],
        answerNames: { nameVi: 'NAME' },
      },
    ],
  },
);
