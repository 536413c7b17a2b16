// Routing's checks, in the order they run: the one place a new check goes (see
// docs/adding-a-routing-check.md). Each step's input type is the output type of the one before it.
import type { LoopStall } from '@ndxp/runtime';
import { StepList } from './admission';
import { checkBudget } from './budget-check';
import type { ConsumerLimiter } from './consumer-limiter';
import { checkEnvelope, type EnvelopeLimits } from './envelope-check';
import { checkLimits } from './limits-check';
import { checkRegistry } from './registry-check';
import type { RegistryView } from './registry-view';
import type { ReplayCache } from './replay-cache';
import { checkReplay } from './replay-check';
import type { RouterStats } from './router-stats';
import { checkSharedReplay } from './shared-replay-check';
import type { SharedReplays } from './shared-replays';
import { checkStall } from './stall-check';

/** What the steps read and count. */
export interface AdmissionDeps {
  config: EnvelopeLimits;
  view: Pick<RegistryView, 'ready' | 'hasGrant'>;
  stall: Pick<LoopStall, 'stalledMs'> | undefined;
  replays: Pick<ReplayCache, 'begin' | 'finish'>;
  shared: Pick<SharedReplays, 'active' | 'claim'> | undefined;
  limiter: Pick<ConsumerLimiter, 'admit'>;
  stats: Pick<RouterStats, 'staleAfterStall' | 'replayedShared' | 'rateLimited'>;
}

/** Admission: envelope, registry, budget, stall, replay, shared replay, limits. What passes them all is forwarded. */
export function admissionSteps(deps: AdmissionDeps) {
  return StepList.of(checkEnvelope(deps.config))
    .then(checkRegistry(deps.view))
    .then(checkBudget(deps.stall))
    .then(checkStall(deps.stats))
    .then(checkReplay(deps.replays))
    .then(checkSharedReplay(deps.replays, deps.shared, deps.stats))
    .then(checkLimits(deps.limiter, deps.stats));
}

/** How routing's admission ends: admitted, refused or replayed, with the request as far as the steps took it. */
export type RoutingVerdict = Awaited<ReturnType<ReturnType<typeof admissionSteps>['run']>>;
