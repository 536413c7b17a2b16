// The storage contract, run against every store that is reachable: the embedded SQLite store
// always, MongoDB when MONGODB_URL is set or a Docker engine is reachable (else skipped by name).
import { sqliteHarness, mongoHarness } from './contract/harnesses';
import type { StoreHarness } from './contract/harness';
import { ledgerContract } from './contract/ledger-contract';
import { mongoAvailability, mongoTitle } from '@ndxp/testing';
import { registryContract } from './contract/registry-contract';

function contract(harness: StoreHarness): void {
  beforeAll(() => harness.setup(), 180_000);
  afterAll(() => harness.teardown(), 60_000);
  describe('ledger', () => ledgerContract(harness));
  describe('registry', () => registryContract(harness));
}

describe('storage contract on SQLite (embedded)', () => contract(sqliteHarness()));

const mongo = mongoAvailability();
(mongo.available ? describe : describe.skip)(mongoTitle('storage contract', mongo), () => contract(mongoHarness()));
