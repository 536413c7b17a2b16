// Templates of the contract: the proto file, the national-service module, and the lines added to
// @ndxp/contracts' index and catalogue.
import type { Names } from '../names';

/** proto/ndxp/<id>/v1/<snake>.proto: one service with one lookup method. */
export function protoFile(n: Names): string {
  return `syntax = "proto3";

// ${n.title}, national system ${n.provider}. Scaffolded by \`pnpm new-adapter\`: replace the record's
// fields with the national system's own; once consumers use a field, never change its number.
package ${n.protoPackage};

enum ${n.statusEnum} {
  ${n.statusPrefix}_UNSPECIFIED = 0;
  ${n.statusPrefix}_ACTIVE = 1; // đang hiệu lực
  ${n.statusPrefix}_SUSPENDED = 2; // tạm ngừng
  ${n.statusPrefix}_CLOSED = 3; // hết hiệu lực
}

message ${n.request} {
  // The record's identifier: 10 ASCII digits, the last a Luhn check digit.
  string id = 1;
}

message ${n.record} {
  string id = 1;
  string name = 2;
  ${n.statusEnum} status = 3;
  string updated_at = 4; // YYYY-MM-DD
  string province = 5;
}

service ${n.protoService} {
  rpc ${n.service}(${n.request}) returns (${n.record}) {
    // A read: safe to repeat. A method that changes state leaves the level unknown (the default),
    // and the gateway then takes it only with the caller's own request id.
    option idempotency_level = NO_SIDE_EFFECTS;
  }
}
`;
}

const genModule = (n: Names): string => `./gen/ndxp/${n.protoDir}/v1/${n.snake}`;

/** libs/contracts/src/national/<name>.ts: the provider token and the mesh view of the lookup. */
export function nationalModule(n: Names): string {
  return `// ${n.title} (${n.provider}), scaffolded by pnpm new-adapter.
import { ${n.protoService}Definition } from '.${genModule(n)}';
import { nationalService } from './national-service';

/** Provider token of ${n.title}. */
export const ${n.providerConst} = '${n.provider}';

/** Look up one record by its id. */
export const ${n.serviceConst} = nationalService(
  ${n.providerConst},
  ${n.protoService}Definition,
  ${n.protoService}Definition.methods.${n.methodKey},
);
`;
}

/** Lines added above the marker of libs/contracts/src/index.ts. */
export function contractsExportLines(n: Names): string[] {
  return [
    `export { ${n.providerConst}, ${n.serviceConst} } from './national/${n.name}';`,
    `export {`,
    `  ${n.statusEnum},`,
    `  ${n.request},`,
    `  ${n.record},`,
    `  ${n.protoService}Definition,`,
    `  ${n.protoService}Service,`,
    `  ${n.protoService}Client,`,
    `} from '${genModule(n)}';`,
    `export type { ${n.protoService}Server } from '${genModule(n)}';`,
  ];
}

/** Lines added above the import marker of libs/contracts/src/national/catalogue.ts. */
export function catalogueImportLines(n: Names): string[] {
  return [`import { ${n.serviceConst} } from './${n.name}';`];
}

/** Lines added above the services marker of the catalogue. */
export function catalogueServiceLines(n: Names): string[] {
  return [`${n.serviceConst},`];
}
