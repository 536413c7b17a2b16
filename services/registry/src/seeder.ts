// Seeding an empty registry store from the seed folder.
import type { RegistryStore } from '@ndxp/store';
import { loadSeed } from './seed-files';

/** What seeding did; seeded is false when the store already held data. */
export interface SeedResult {
  seeded: boolean;
  revision: number;
  version?: string;
  members?: number;
  subsystems?: number;
  services?: number;
  grants?: number;
}

/**
 * Loads the seed folder into the store when the store is empty (revision 0); a store with data
 * is left alone. Bad seed data throws ConfigError naming the file and entry, before any write.
 */
export async function seedRegistry(store: RegistryStore, dir: string): Promise<SeedResult> {
  const current = await store.revision();
  if (current !== 0) return { seeded: false, revision: current };
  const seed = loadSeed(dir);
  for (const { member, subsystems } of seed.members) await store.upsertMember(member, subsystems);
  for (const service of seed.services) await store.upsertService(service);
  const grantedAtMs = Date.now();
  for (const g of seed.grants) await store.grant({ ...g, grantedAtMs });
  return {
    seeded: true,
    revision: await store.revision(),
    version: seed.version,
    members: seed.members.length,
    subsystems: seed.members.reduce((n, m) => n + m.subsystems.length, 0),
    services: seed.services.length,
    grants: seed.grants.length,
  };
}
