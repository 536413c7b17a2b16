// The overlays as the real kustomize renders them, shared by the test files of test/k8s: each overlay is
// rendered once per test file, when a check first needs it, and the checks of rendered objects are skipped
// by name, with the reason, where there is no kustomize (kustomize.ts).
import { join } from 'node:path';
import { findKustomize, renderOverlay } from './kustomize';
import type { K8sObject } from './objects';

export const ROOT = join(__dirname, '..', '..');
export const OVERLAYS = ['small', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export const kustomize = findKustomize();

/** Each overlay rendered once, when a check first needs it; a failed build is kept and thrown to every check. */
const rendered = new Map<Overlay, K8sObject[] | Error>();
export function objectsOf(overlay: Overlay): K8sObject[] {
  if (!kustomize.found) throw new Error(kustomize.reason);
  let r = rendered.get(overlay);
  if (r === undefined) {
    try {
      r = renderOverlay(kustomize, join(ROOT, 'deploy'), overlay);
    } catch (err) {
      r = err instanceof Error ? err : new Error(String(err));
    }
    rendered.set(overlay, r);
  }
  if (r instanceof Error) throw r;
  return r;
}

/**
 * describe.each over overlays, for the checks of rendered objects; without kustomize, describe.skip.each with
 * the reason in the title, so that the skipped checks are listed by name.
 */
export function describeRendered(overlays: readonly Overlay[], checks: (overlay: Overlay) => void): void {
  if (kustomize.found) describe.each(overlays)('deploy/k8s/overlays/%s', checks);
  else {
    const why = kustomize.reason.replace(/%/g, '%%');
    describe.skip.each(overlays)(`deploy/k8s/overlays/%s (kubectl kustomize not found: ${why}; skipped)`, checks);
  }
}
