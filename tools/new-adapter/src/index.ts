// Public entry of @ndxp/new-adapter: the generator's pure parts, for tests and other tools.
export { deriveNames, checkName, defaultEnvPrefix, exportedNames, UsageError } from './names';
export type { Names, ScaffoldInput } from './names';
export { parseArgs } from './args';
export type { Command } from './args';
export { insertAboveMarker, MARKERS } from './markers';
export { planScaffold, newFiles, readSeedMembers, PATHS } from './plan';
export type { Plan, FileChange } from './plan';
export { writePlan, installAndBuild } from './apply';
export { withSystem, withGrants, deployEntry, nextDefaultPort, seedTokens } from './seed';
export type { DeployEntry, SeedMember, NationalSystemsSeed, GrantsSeed } from './seed';
export { nextSteps } from './report';
