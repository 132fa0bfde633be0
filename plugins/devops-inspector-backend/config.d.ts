export interface Config {
  /** Configuration of the OpsHub devops-inspector backend. */
  devopsInspector?: {
    /**
     * The databases that can be inspected, by environment name (`local`,
     * `dev`, `uat`, ...). The name is what database Resources put in their
     * `opshub.io/inspector-environment` annotation, and the resource ref of
     * the `devops-inspector.environment.read` permission. Names use letters,
     * digits, `-` and `_`.
     */
    environments?: {
      [name: string]: {
        /** Human-readable name, e.g. `Development`. */
        label: string;
        /** How sensitive the environment is. */
        tier: 'local' | 'dev' | 'uat' | 'prod';
        /**
         * PostgreSQL URL of the database, e.g.
         * `postgresql://inspector:${DEV_DB_PASSWORD}@dev-db:5432/payments`.
         * Use a role that can only read. Never logged nor returned.
         * @visibility secret
         */
        connection: string;
        /**
         * Longest a statement of the inspector may run before the database
         * cancels it, in milliseconds. Also used as `lock_timeout`.
         * Defaults to 5000.
         */
        statementTimeoutMs?: number;
        /** Connections kept to this database at most. Defaults to 2. */
        poolSize?: number;
        /**
         * PostgreSQL URL of a role on this database that may set up
         * `postgres_fdw` for the data check when this environment is the
         * source: CREATE on the database (for the `opshub_fdw_<target>`
         * schema), USAGE on the `postgres_fdw` wrapper (or superuser to
         * create the extension). Only used when `dataCheck.fdw.enabled`.
         * Never logged nor returned.
         * @visibility secret
         */
        fdwAdminConnection?: string;
        /**
         * The scheduled drift check of this environment: one backend at a
         * time (a global task) snapshots the schema, compares it with the
         * previous snapshot and records the drift (`GET /drift`). Off by
         * default.
         */
        drift?: {
          /** Turns the check on. Defaults to false. */
          enabled?: boolean;
          /**
           * How often: a cron expression (`0 *\/6 * * *`), a duration
           * string (`6h`, `PT6H`) or a duration object (`{ hours: 6 }`).
           * Defaults to every 6 hours.
           */
          schedule?: string | { [unit: string]: number };
        };
      };
    };
    /** Settings of the scheduled drift check shared by every environment. */
    drift?: {
      /**
       * Who gets a Backstage notification when a drift check finds a
       * breaking change (a signal on `devops-inspector:drift` is always
       * published). Without recipients, no notification is sent.
       */
      notify?: {
        /** Entity refs of users or groups, e.g. `group:default/platform`. */
        recipients?: string[];
      };
    };
    /**
     * This deployment's own name and tier, shown by the environment badge,
     * e.g. `{ name: 'dev-eu', tier: 'dev' }`.
     */
    current?: {
      name: string;
      tier: 'local' | 'dev' | 'uat' | 'prod';
    };
    /**
     * HTTP services this deployment depends on, probed by `GET /status`.
     * A dependency is up when it answers with a status below 500.
     */
    dependencies?: Array<{
      /** Shown in the health summary. */
      name: string;
      /**
       * URL probed with GET. May carry credentials: only its origin and
       * path are ever returned.
       * @visibility secret
       */
      url: string;
      /** Give up after this many milliseconds. Defaults to 5000. */
      timeoutMs?: number;
    }>;
    /**
     * Probes slower than this many milliseconds make the health summary
     * `degraded`. Defaults to 1000.
     */
    slowThresholdMs?: number;
    /**
     * How long history is kept; a daily task (one backend instance at a
     * time) deletes older rows.
     */
    retention?: {
      /** Days of activity log (`inspector_activity`) to keep; default 365. */
      activityDays?: number;
      /**
       * Days to keep the schema snapshots without a label and those of the
       * scheduled drift check; default 90. Labeled snapshots and the newest
       * snapshot of each environment are kept.
       */
      snapshotDays?: number;
    };
    /**
     * Row counts of the tables two environments have in common
     * (`POST /data-check`). Off by default.
     */
    dataCheck?: {
      /** Turns the data check on. Defaults to false. */
      enabled?: boolean;
      /**
       * Counting through `postgres_fdw` on the source database, with a
       * dedicated foreign server `opshub_inspector_<target>` created with
       * `updatable 'false'`. Falls back to direct read-only connections
       * (and says why) when the extension or a privilege is missing.
       */
      fdw?: {
        /** Defaults to false. */
        enabled?: boolean;
      };
    };
  };
}
