// Routing's admission: an ordered list of typed steps. Each step takes the request as the previous
// one established it and answers a refusal, a replay from memory, or the next, richer request. The
// list itself is in admission-steps.ts; docs/adding-a-routing-check.md says how to add a step.
import { MeshError } from '@ndxp/contracts';
import type { ReceivedRequest } from './received-request';
import type { StoredAnswer } from './replay-cache';

/** The end of admission by a replay: answered from the replay memory, neither forwarded nor metered. */
export class Replayed {
  constructor(
    /** What the memory held: the answer, the same request still in flight, or the id used for another request. */
    readonly kind: 'answered' | 'in_flight' | 'reused',
    readonly answer: StoredAnswer | Promise<StoredAnswer>,
  ) {}
}

/** What a step answers: the next request, a refusal (answered and metered with its code), or a replay. */
export type StepResult<Next> = Next | MeshError | Replayed;

/** One check of admission; synchronous unless it must wait (a shared store). */
export type Step<In, Out> = (request: In) => StepResult<Out> | Promise<StepResult<Out>>;

/** How admission ended; `request` is as far as the steps took it (its deadline, its place in the replay memory). */
export type Verdict<Admitted, Reached> =
  | { readonly kind: 'admitted'; readonly request: Admitted }
  | { readonly kind: 'refused'; readonly refusal: MeshError; readonly request: Reached }
  | { readonly kind: 'replayed'; readonly replay: Replayed; readonly request: Reached };

/** A step with its types forgotten, as the list holds it; `then` checked them when the list was built. */
type AnyStep = (request: ReceivedRequest) => StepResult<ReceivedRequest> | Promise<StepResult<ReceivedRequest>>;

/**
 * Steps run in order on a received request. `then` only takes a step whose input is what the list
 * gives so far, and whose output extends it; `Reached` is every request type a step may stop at.
 */
export class StepList<Out extends ReceivedRequest, Reached extends ReceivedRequest = Out> {
  private constructor(private readonly steps: readonly AnyStep[]) {}

  /** A list whose first step takes the request as received. */
  static of<First extends ReceivedRequest>(step: Step<ReceivedRequest, First>): StepList<First, ReceivedRequest | First> {
    return new StepList([step]);
  }

  /** This list followed by `step`. */
  then<Next extends Out>(step: Step<Out, Next>): StepList<Next, Reached | Next> {
    return new StepList([...this.steps, step as unknown as AnyStep]);
  }

  /** Runs the steps until one stops; a step that throws refuses server.internal (with the error as cause). */
  async run(request: ReceivedRequest): Promise<Verdict<Out, Reached>> {
    // Only the steps' own types are checked here; `then` made sure each fits the one before it.
    let reached = request;
    for (const step of this.steps) {
      let result: StepResult<ReceivedRequest>;
      try {
        const out = step(reached);
        // Awaited only when a step must wait: the common path runs to the end at once.
        result = out instanceof Promise ? await out : out;
      } catch (err) {
        result = MeshError.from(err);
      }
      if (result instanceof MeshError) return { kind: 'refused', refusal: result, request: reached as Reached };
      if (result instanceof Replayed) return { kind: 'replayed', replay: result, request: reached as Reached };
      reached = result;
    }
    return { kind: 'admitted', request: reached as Out };
  }
}
