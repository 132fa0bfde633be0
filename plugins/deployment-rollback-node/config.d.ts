export interface Config {
  deploymentRollback?: {
    /**
     * The environments, in promotion order. An entry is a name, or an
     * object naming the executor that deploys to and rolls back in it.
     */
    environments?: Array<
      | string
      | {
          /** The environment's name, as deployments record it. */
          name: string;
          /**
           * The environment is GitOps auto-synced (Argo CD automated sync,
           * Flux): a rollback outside Git would be undone by the next sync,
           * so rollbacks here are refused with 409. Default false.
           */
          autoSync?: boolean;
          /**
           * What deploys to and rolls back in this environment. `type` picks
           * the executor: `generic`, `github-actions`, `argocd`, or a type
           * added by a backend module through
           * `deploymentExecutorsExtensionPoint`. Text options may name
           * `{service}` and `{environment}`.
           */
          executor?: {
            /** `generic`, `github-actions`, `argocd`, or a module's type. */
            type: string;
            /** Per request, in ms (1 to 120000); default 10000. */
            timeoutMs?: number;

            /** generic: the URL the signed JSON is POSTed to. */
            url?: string;
            /**
             * generic: the HMAC-SHA256 key of `X-OpsHub-Signature-256`.
             * @visibility secret
             */
            secret?: string;

            /** github-actions: default `https://api.github.com`; GitHub Enterprise Server: `https://<host>/api/v3`. */
            apiBaseUrl?: string;
            /** github-actions: the repository owner. */
            owner?: string;
            /** github-actions: the repository name. */
            repo?: string;
            /** github-actions: the workflow file name (`deploy.yml`) or id. */
            workflowId?: string | number;
            /** github-actions: the branch or tag to run the workflow from; default `main`. */
            ref?: string;
            /**
             * github-actions: a token with `actions: write`; argocd: an API token.
             * @visibility secret
             */
            token?: string;

            /** argocd: the Argo CD server, `https://argocd.example.com`. */
            baseUrl?: string;
            /** argocd: the application name, such as `{service}-prod`. */
            application?: string;
            /** argocd: `prune` sent with rollbacks; default false. */
            prune?: boolean;

            /** Options of executor types added by modules. */
            [option: string]: unknown;
          };
        }
    >;
    /**
     * Preview environments per pull request: GitHub `pull_request` webhooks
     * (opened, synchronize, reopened) deploy one through this executor, and
     * `closed` tears it down.
     */
    previews?: {
      executor: {
        /** `vercel`, `netlify` or `generic`. */
        type: 'vercel' | 'netlify' | 'generic';
        /** Per request, in ms (1 to 120000); default 10000. */
        timeoutMs?: number;
        /** vercel/netlify: default `https://api.vercel.com` / `https://api.netlify.com`. */
        apiBaseUrl?: string;
        /**
         * vercel/netlify: the API token.
         * @visibility secret
         */
        token?: string;
        /** vercel: the team the projects belong to. */
        teamId?: string;
        /** vercel: the project name per service (default: the service name). */
        projects?: { [service: string]: string };
        /** netlify: the site id per service. */
        sites?: { [service: string]: string };
        /** netlify: the site of services that `sites` does not name. */
        siteId?: string;
        /** generic: the URL the signed JSON is POSTed to. */
        url?: string;
        /**
         * generic: the HMAC-SHA256 key of `X-OpsHub-Signature-256`.
         * @visibility secret
         */
        secret?: string;
      };
    };
  };
}
