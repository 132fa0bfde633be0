export interface Config {
  /** Configuration of the OpsHub deployment-rollback backend. */
  deploymentRollback?: {
    /**
     * Minutes a deployment started from OpsHub may stay queued or in
     * progress without an outcome before it is marked `failed`. Default 30.
     * (The environments, their order, `autoSync` and executors are declared
     * by `@opshub/plugin-deployment-rollback-node`.)
     */
    deploymentTimeoutMinutes?: number;
    /**
     * How long history is kept; a daily task (one instance at a time)
     * deletes older rows. Deployments themselves are never deleted.
     */
    retention?: {
      /** Days of `deployment_audit` rows to keep; default 365. */
      auditDays?: number;
      /** Days of finished webhook deliveries to keep (pending ones stay); default 30. */
      deliveryDays?: number;
    };

    /**
     * Incoming deployment webhooks, `POST /api/deployment-rollback/webhooks/<provider>`.
     * A provider without a (non-empty) secret is not configured: its route
     * answers 404 and stores nothing.
     */
    webhooks?: {
      github?: {
        /**
         * The webhook secret; deliveries must carry a valid
         * `X-Hub-Signature-256`.
         * @visibility secret
         */
        secret?: string;
        /**
         * The workflows whose `workflow_run` events are deployments: the
         * workflow file (`.github/workflows/deploy-prod.yml`) and the
         * environment it deploys to. Runs of other workflows are ignored.
         */
        workflows?: Array<{ path: string; environment: string }>;
      };
      gitlab?: {
        /**
         * The secret token GitLab sends in `X-Gitlab-Token`.
         * @visibility secret
         */
        token?: string;
      };
      argocd?: {
        /**
         * The shared secret Argo CD notifications send in `X-Argocd-Token`.
         * @visibility secret
         */
        token?: string;
      };
      generic?: {
        /**
         * The secret of `X-OpsHub-Signature-256` (HMAC-SHA256 of the body).
         * @visibility secret
         */
        secret?: string;
      };
    };
  };
}
