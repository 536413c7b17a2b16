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

/** libs/contracts/src/national/<name>/record-id.ts: the id rule adapter and simulator share (10 digits, Luhn). */
export function nationalRecordId(n: Names): string {
  return `// Record ids of ${n.title}: 9 digits and a Luhn check digit. Replace with the real system's
// identifier format (and its check) when you know it; the adapter and the simulator both use this.

/** The Luhn check digit of a string of digits. */
export function compute${n.pascal}CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when id is 10 ASCII digits whose last is the Luhn check digit of the first nine. */
export function isValid${n.pascal}Id(id: string): boolean {
  return /^[0-9]{10}$/.test(id) && compute${n.pascal}CheckDigit(id.slice(0, 9)) === id.charCodeAt(9) - 48;
}

/** The id made of nine digits and their check digit. */
export function ${n.camel}IdOf(payload: string): string {
  return payload + String(compute${n.pascal}CheckDigit(payload));
}

/** An id checked by validate${n.pascal}Id: valid, or the reason in words an LGSP operator can act on. */
export type ${n.pascal}IdResult = { valid: true; id: string } | { valid: false; reason: string };

/** Checks the form of an id before any upstream call: not empty, no whitespace (reported, not trimmed), 10 digits, check digit. */
export function validate${n.pascal}Id(input: string): ${n.pascal}IdResult {
  if (input.length === 0) return { valid: false, reason: 'id is empty' };
  if (/\\s/.test(input)) return { valid: false, reason: 'id contains whitespace' };
  if (!/^[0-9]{10}$/.test(input)) return { valid: false, reason: \`id must be 10 digits 0-9, got \${input.length} characters\` };
  if (!isValid${n.pascal}Id(input)) return { valid: false, reason: 'check digit (10th digit) is wrong' };
  return { valid: true, id: input };
}
`;
}

/** libs/contracts/src/national/<name>/record-id.test.ts */
export function nationalRecordIdTest(n: Names): string {
  return `import { compute${n.pascal}CheckDigit, isValid${n.pascal}Id, ${n.camel}IdOf, validate${n.pascal}Id } from './record-id';

describe('${n.title} record ids', () => {
  it('computes the Luhn check digit of known payloads', () => {
    expect(compute${n.pascal}CheckDigit('7992739871')).toBe(3);
    expect(${n.camel}IdOf('000000000')).toBe('0000000000');
    expect(${n.camel}IdOf('123456789')).toBe('1234567897');
  });

  it('accepts an id with its check digit and refuses every other last digit', () => {
    expect(isValid${n.pascal}Id('1234567897')).toBe(true);
    for (let d = 0; d <= 9; d++) if (d !== 7) expect(isValid${n.pascal}Id(\`123456789\${d}\`)).toBe(false);
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const bad of ['', '123456789', '12345678970', '12345678a7', ' 1234567897']) expect(isValid${n.pascal}Id(bad)).toBe(false);
  });

  it('gives the reason of a refused id: empty, whitespace, length or digits, check digit', () => {
    expect(validate${n.pascal}Id('1234567897')).toEqual({ valid: true, id: '1234567897' });
    expect(validate${n.pascal}Id('')).toEqual({ valid: false, reason: 'id is empty' });
    expect(validate${n.pascal}Id(' 1234567897')).toEqual({ valid: false, reason: 'id contains whitespace' });
    for (const bad of ['123456789', '12345678970', '12345678a7', '１２３４５６７８９７']) {
      expect(validate${n.pascal}Id(bad)).toMatchObject({ valid: false, reason: expect.stringMatching(/10 digits/) });
    }
    expect(validate${n.pascal}Id('1234567890')).toEqual({ valid: false, reason: 'check digit (10th digit) is wrong' });
  });
});
`;
}

/** Lines added above the marker of libs/contracts/src/index.ts. */
export function contractsExportLines(n: Names): string[] {
  return [
    `export { ${n.providerConst}, ${n.serviceConst} } from './national/${n.name}';`,
    `export { compute${n.pascal}CheckDigit, isValid${n.pascal}Id, ${n.camel}IdOf, validate${n.pascal}Id } from './national/${n.name}/record-id';`,
    `export type { ${n.pascal}IdResult } from './national/${n.name}/record-id';`,
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
