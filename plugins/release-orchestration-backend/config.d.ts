export interface Config {
  /** Configuration of the OpsHub release-orchestration backend. */
  releaseOrchestration?: {
    /**
     * Customers per page in the release matrix (1 to 500). Read by the
     * release routes, which come with the release model; 50 when unset.
     */
    matrixPageSize?: number;
  };
}
