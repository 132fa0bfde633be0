export interface Config {
  /** Configuration of the OpsHub infra-health backend. */
  infraHealth?: {
    /**
     * The health checks to probe. They are synced into the database at
     * startup: matched by name; config checks that are no longer configured
     * are deleted with their samples. They are read-only through the API.
     */
    checks?: Array<{
      /** Unique name of the check, e.g. `payments-api-prod`. */
      name: string;
      /**
       * The service the check belongs to; entities point at it with the
       * `opshub.io/health-service` annotation.
       */
      service: string;
      /** `http` (the default), `tcp`, `tls` or `postgres`. */
      kind?: 'http' | 'tcp' | 'tls' | 'postgres';
      /**
       * http: the http(s) URL to probe. Credentials in the URL are sent as
       * basic auth and never shown or logged.
       * @visibility secret
       */
      url?: string;
      /** http: the method, GET by default. */
      method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
      /**
       * http: request headers. Values may be tokens: stored, never shown.
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** http: the HTTP status a healthy response has, 200 by default. */
      expectedStatus?: number;
      /** http: instead of expectedStatus, statuses and ranges: `[200, 204, "3xx", "200-299"]`. */
      expectedStatuses?: Array<number | string>;
      /** http: `{ contains: "ok" }` or `{ jsonPath: "checks[0].status", equals: "pass" }`. */
      body?:
        | { contains: string }
        | { jsonPath: string; equals: string | number | boolean | null };
      /** tcp, tls: the host name or IP address. */
      host?: string;
      /** tcp (required), tls (443 by default): the port (a string from `${VAR}` substitution is read as a number). */
      port?: number | string;
      /** tls: the SNI server name, the host by default. */
      servername?: string;
      /** tls: a certificate expiring in fewer days is degraded; 14 by default. */
      warnDays?: number;
      /** tls: an untrusted chain is down; true by default. */
      rejectUnauthorized?: boolean;
      /**
       * postgres: `postgresql://user:password@host:port/db` of a read-only role.
       * @visibility secret
       */
      connection?: string;
      /** Seconds between two probes, 30 by default (10 to 86400). */
      intervalSeconds?: number;
      /** Milliseconds before a probe is abandoned as down, 5000 by default. */
      timeoutMs?: number;
      /** Answers slower than this are degraded, 1000 ms by default. */
      degradedLatencyMs?: number;
      /** Consecutive failed probes before the check is down; 1 by default. */
      failureThreshold?: number;
      /** Consecutive answers before a down check is up again; 1 by default. */
      successThreshold?: number;
      /** Where to look when the check fails; shown on tiles and the check page. */
      runbookUrl?: string;
      /** ISO ranges during which no status change of this check is announced. */
      maintenanceWindows?: Array<{
        start: string;
        end: string;
        reason?: string;
      }>;
    }>;
    /** ISO ranges during which no status change of any check is announced. */
    maintenanceWindows?: Array<{ start: string; end: string; reason?: string }>;
    /** Days samples are kept, 7 by default. */
    sampleRetentionDays?: number;
  };
}
