export interface Config {
  /** Configuration of the OpsHub release-orchestration backend. */
  releaseOrchestration?: {
    /**
     * Customers per page in the release matrix (1 to 500). Read by the
     * release routes, which come with the release model; 50 when unset.
     */
    matrixPageSize?: number;
    /**
     * The folder that cluster kubeconfig files live under. A cluster's
     * `kubeconfigPath` must resolve inside it (relative paths resolve from
     * it; `..` is refused). No default: while unset, any non-null
     * `kubeconfigPath` is refused with 400.
     */
    kubeconfigRoot?: string;
    /** How long history is kept; a daily task (scope global) deletes older rows. */
    retention?: {
      /** Days of step history (status changes, overrides) to keep, 365 by default (1 to 36,500). */
      eventDays?: number;
    };
  };
}
