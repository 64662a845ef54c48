// The `kubernetes` actuator: scales the nodes' Deployment through the API server
// (@kubernetes/client-node). Up: patch the Deployment's scale subresource to more replicas. Down:
// mark the pod to remove — a node's id is its pod's name (deploy/kubernetes/pitboss.yaml) — with
// the lowest `controller.kubernetes.io/pod-deletion-cost`, then patch the scale one lower: the
// ReplicaSet deletes the pod with the lowest cost, and the pod's preStop hook (`pitboss drain
// --wait`) moves its tables live before it stops. It needs RBAC to get and patch
// deployments/scale and to patch pods in its namespace (docs/autoscaling.md).
//
// Not exercised here: a real cluster (none runs on this machine). The test drives it against an
// HTTP server standing in for the API server and validates every request body against the
// Kubernetes schemas (kubernetes-models).

import {
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { Member } from '../ports/registry.js';
import type { Logger } from '../server/ops/logger.js';
import type { Actuator } from './controller.js';

/** Lower than any cost an operator would set on purpose: this pod goes first. */
export const DRAIN_FIRST_COST = '-1000';
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export interface KubernetesActuatorOptions {
  /** Where the cluster is: in a pod, KubeConfig.loadFromCluster(); elsewhere loadFromDefault(). */
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** The nodes' Deployment (deploy/kubernetes/pitboss.yaml: `pitboss`). */
  readonly deployment: string;
  readonly logger: Logger;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export class KubernetesActuator implements Actuator {
  readonly kind = 'kubernetes';
  readonly #o: KubernetesActuatorOptions;
  readonly #apps: AppsV1Api;
  readonly #core: CoreV1Api;

  constructor(options: KubernetesActuatorOptions) {
    this.#o = options;
    this.#apps = options.kubeConfig.makeApiClient(AppsV1Api);
    this.#core = options.kubeConfig.makeApiClient(CoreV1Api);
  }

  /** Pods register themselves as `starting` once their process runs; before that the cooldown covers them. */
  launching(): number {
    return 0;
  }

  async add(count: number): Promise<void> {
    const replicas = await this.#replicas();
    await this.#scaleTo(replicas + count);
    this.#o.logger.info(
      { deployment: this.#o.deployment, from: replicas, to: replicas + count },
      'scaled up',
    );
  }

  async remove(node: Member): Promise<void> {
    // First the mark, then the scale: the other way round the ReplicaSet could pick another pod.
    await this.#markForDeletion(node.nodeId, DRAIN_FIRST_COST);
    let replicas: number;
    try {
      replicas = await this.#replicas();
      await this.#scaleTo(Math.max(0, replicas - 1));
    } catch (error) {
      // Unmark it, or a later scale-down of another node would take this pod first.
      await this.#markForDeletion(node.nodeId, null).catch(() => undefined);
      throw error;
    }
    this.#o.logger.info(
      { deployment: this.#o.deployment, pod: node.nodeId, from: replicas, to: replicas - 1 },
      'scaled down: the marked pod drains in its preStop hook',
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Sets (or, with null, removes) the pod's deletion cost. */
  async #markForDeletion(pod: string, cost: string | null): Promise<void> {
    await this.#core.patchNamespacedPod(
      {
        name: pod,
        namespace: this.#o.namespace,
        body: { metadata: { annotations: { [DELETION_COST_ANNOTATION]: cost } } },
      },
      MERGE_PATCH,
    );
  }

  async #replicas(): Promise<number> {
    const scale = await this.#apps.readNamespacedDeploymentScale({
      name: this.#o.deployment,
      namespace: this.#o.namespace,
    });
    return scale.spec?.replicas ?? 0;
  }

  async #scaleTo(replicas: number): Promise<void> {
    await this.#apps.patchNamespacedDeploymentScale(
      { name: this.#o.deployment, namespace: this.#o.namespace, body: { spec: { replicas } } },
      MERGE_PATCH,
    );
  }
}
