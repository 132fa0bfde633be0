export interface Config {
  /** Configuration of the OpsHub deployment-rollback backend. */
  deploymentRollback?: {
    /**
     * Environments in the order they are promoted through, for example
     * [dev, uat, prod]. Environments that appear only in the data are listed
     * after these.
     */
    environments?: string[];
  };
}
