// The standard gRPC health service (grpc.health.v1.Health, Check and Watch) from grpc-node's
// grpc-health-check: SERVING while the server serves, NOT_SERVING once it is not ready or drains.
import type { Server } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Readiness } from '../ops-server';

const FOLLOW_INTERVAL_MS = 1_000;

/** The health status of one gRPC server: the whole server ("") and each of its services. */
export class GrpcHealth {
  private readonly impl = new HealthImplementation();
  private serving = false;
  private draining = false;
  private follower: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly services: readonly string[]) {
    this.set(true);
  }

  /** Adds grpc.health.v1.Health to the server (answered without authentication). */
  addToServer(server: Server): void {
    this.impl.addToServer(server);
  }

  /** True while the health service answers SERVING. */
  get isServing(): boolean {
    return this.serving;
  }

  /** Follows a readiness check (the service's /readyz), polled every second until drain. */
  follow(readiness: () => Readiness): void {
    clearInterval(this.follower);
    const poll = (): void => {
      if (!this.draining) this.set(readiness().ready);
    };
    poll();
    this.follower = setInterval(poll, FOLLOW_INTERVAL_MS);
    this.follower.unref();
  }

  /** NOT_SERVING for good: the server has started to drain. */
  drain(): void {
    this.draining = true;
    clearInterval(this.follower);
    this.set(false);
  }

  private set(serving: boolean): void {
    if (serving === this.serving) return;
    this.serving = serving;
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    for (const s of ['', ...this.services]) this.impl.setStatus(s, status);
  }
}
