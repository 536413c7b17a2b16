// Validation of rendered objects against the Kubernetes OpenAPI schemas (kubernetes-models) and the
// CRD schemas of KEDA and the Prometheus Operator, by apiVersion and kind.
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { isObj, type K8sObject } from './objects';

type Validator = (o: K8sObject) => void;
// The models' constructors take their own typed shapes; a rendered object is checked, not trusted.
const model =
  <T extends { validate(): void }>(M: new (data: never) => T): Validator =>
  (o) =>
    new M(o as never).validate();

/**
 * A Secret with the line breaks taken out of its base64 data: kustomize wraps every value longer than 70
 * characters into lines (a YAML literal block), which the API server accepts (Go's encoding/base64 skips
 * \r and \n) but the schema's "byte" format does not.
 */
function unwrapSecretData(o: K8sObject): K8sObject {
  const data = o['data'];
  if (!isObj(data)) return o;
  const unwrapped = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[\r\n]/g, '') : v]));
  return { ...o, data: unwrapped };
}

const VALIDATORS: Record<string, Validator> = {
  'v1/ConfigMap': model(ConfigMap),
  'v1/Secret': (o) => model(Secret)(unwrapSecretData(o)),
  'v1/Service': model(Service),
  'v1/Namespace': model(Namespace),
  'v1/PersistentVolumeClaim': model(PersistentVolumeClaim),
  'apps/v1/Deployment': model(Deployment),
  'apps/v1/StatefulSet': model(StatefulSet),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'keda.sh/v1alpha1/ScaledObject': model(ScaledObject),
  'monitoring.coreos.com/v1/PodMonitor': model(PodMonitor),
  'monitoring.coreos.com/v1/PrometheusRule': model(PrometheusRule),
};

/** The schema errors of an object ('' when valid); an apiVersion/kind without a schema here is an error. */
export function schemaErrors(o: K8sObject): string {
  const validate = VALIDATORS[`${o.apiVersion}/${o.kind}`];
  if (!validate) return `no schema for ${o.apiVersion} ${o.kind}`;
  try {
    validate(o);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}
