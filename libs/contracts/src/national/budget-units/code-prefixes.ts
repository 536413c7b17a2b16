// The first digits a budget-unit code may start with, and the kinds of unit each is issued to: DATA.
//
// UNVERIFIED (domain.md, "Budget-relationship unit codes": "*Unverified*: the meaning of the first
// digit (perhaps 1 for budget-using units, 7 and 8 for investment projects) … Keep prefixes as data").
// Nothing in the code decides on a first digit except through this table: change the table, not logic.

/** Unit kind as the national system writes it: the number of the Circular 185/2015 form (01/02/03). */
export type UnitKindCode = '01' | '02' | '03';

/** One allowed code prefix and the kinds of unit it is believed to be issued to. */
export interface BudgetUnitCodePrefix {
  prefix: string;
  kinds: readonly UnitKindCode[];
  /** What we believe the prefix means, and how sure we are. */
  note: string;
}

/** The allowed prefixes (unverified, see above). The validator and the simulator both read this table. */
export const BUDGET_UNIT_CODE_PREFIXES: readonly BudgetUnitCodePrefix[] = [
  { prefix: '1', kinds: ['01'], note: 'budget-using units, form 01-MSNS-BTC (unverified)' },
  { prefix: '7', kinds: ['02', '03'], note: 'investment projects, forms 02/03-MSNS-BTC (unverified)' },
  { prefix: '8', kinds: ['02', '03'], note: 'investment projects, forms 02/03-MSNS-BTC (unverified)' },
];

/** Length of every code (Circular 185/2015/TT-BTC). No check digit is known, so none is checked. */
export const BUDGET_UNIT_CODE_LENGTH = 7;
