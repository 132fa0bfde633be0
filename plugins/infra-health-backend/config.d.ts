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
    /**
     * Service level objectives. They are synced into the database at startup
     * (matched by name) and are read-only through the API; SLOs created
     * through the API (permission `infra-health.slo.manage`) sit beside them.
     */
    slos?: Array<{
      /** Unique name of the SLO. */
      name: string;
      /** The service, as `opshub.io/health-service` names it. */
      service: string;
      /** Target in percent, above 0 and below 100, e.g. 99.9. */
      objective: number;
      /** Compliance window: a number and one of s, m, h, d, w, e.g. `30d` (1m to 90d). */
      window: string;
      /**
       * `checks`: the share of the service's health-check samples that were
       * not down. `prometheus`: good/total counters from Prometheus.
       */
      source: 'prometheus' | 'checks';
      /** Prometheus only: counter selector of the good events. */
      good?: string;
      /** Prometheus only: counter selector of all events. */
      total?: string;
    }>;
    /** Prometheus for `source: prometheus` SLOs; without it they show "not configured". */
    prometheus?: {
      /** e.g. `http://prometheus:9090`. */
      baseUrl?: string;
      /**
       * Sent as `Authorization: Bearer <token>`.
       * @visibility secret
       */
      token?: string;
      /** Milliseconds before a query is abandoned, 10000 by default. */
      timeoutMs?: number;
    };
    /** Where the recent error and warning log lines of a service come from. */
    logs?: {
      /** OpenSearch or Elasticsearch `_search`. */
      opensearch?: {
        /** e.g. `https://opensearch.example.com:9200`. */
        baseUrl: string;
        /** Index or pattern, e.g. `logs-*`. */
        index: string;
        /** Basic auth user. */
        username?: string;
        /**
         * Basic auth password.
         * @visibility secret
         */
        password?: string;
        /**
         * Elasticsearch API key, sent as `Authorization: ApiKey <key>`.
         * @visibility secret
         */
        apiKey?: string;
        /** Milliseconds before a search is abandoned, 10000 by default. */
        timeoutMs?: number;
        /** Field names of the documents; ECS names by default. */
        fields?: {
          /** Default `@timestamp`. */
          timestamp?: string;
          /** Default `log.level`. */
          level?: string;
          /** Default `message`. */
          message?: string;
          /** Default `service.name`. */
          service?: string;
          /** Default `host.name`. */
          source?: string;
        };
      };
    };

    /** The Alertmanager webhook, `POST /api/infra-health/alerts/alertmanager`. */
    alertmanager?: {
      /**
       * The bearer token Alertmanager sends (`http_config.authorization`).
       * Unset or empty: the webhook answers 404 and stores nothing.
       * @visibility secret
       */
      token?: string;
      /** The label naming the alert's service, `service` by default. */
      serviceLabel?: string;
    };
    /** Slack, for escalations and notifications. `DISABLE_SLACK=1` turns it off. */
    slack?: {
      /**
       * A Slack incoming webhook URL.
       * @visibility secret
       */
      webhookUrl?: string;
    };
    /** PagerDuty Events API v2, for escalations. */
    pagerduty?: {
      /**
       * The integration's routing key.
       * @visibility secret
       */
      routingKey?: string;
      /** Default `https://events.pagerduty.com`; events go to `<baseUrl>/v2/enqueue`. */
      baseUrl?: string;
    };
    /** Notifications of new firing alerts and check status changes. */
    notifications?: {
      /** At most this many notifications per service and minute, 5 by default. */
      perServicePerMinute?: number;
    };
    /** How long alert history is kept; a daily task (scope global) deletes older rows. */
    retention?: {
      /**
       * Days a resolved alert and its escalations are kept after their last
       * change, 365 by default (1 to 36,500). Firing and acknowledged alerts
       * are never deleted.
       */
      resolvedAlertDays?: number;
    };
  };
}
