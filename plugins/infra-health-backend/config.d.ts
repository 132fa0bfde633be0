export interface Config {
  /** Configuration of the OpsHub infra-health backend. */
  infraHealth?: {
    /**
     * The HTTP health checks to probe. They are synced into the database at
     * startup: checks are matched by name, and checks that are no longer
     * configured are deleted together with their samples.
     */
    checks?: Array<{
      /** Unique name of the check, e.g. `payments-api-prod`. */
      name: string;
      /**
       * The service the check belongs to; entities point at it with the
       * `opshub.io/health-service` annotation.
       */
      service: string;
      /**
       * The http(s) URL to probe. Credentials in the URL are sent as basic
       * auth and never shown or logged.
       * @visibility secret
       */
      url: string;
      /** HTTP method, GET by default. */
      method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
      /** The HTTP status a healthy response has, 200 by default. */
      expectedStatus?: number;
      /** Seconds between two probes, 30 by default (at least 10). */
      intervalSeconds?: number;
      /** Milliseconds before a probe is abandoned as down, 5000 by default. */
      timeoutMs?: number;
      /** Responses slower than this are degraded, 1000 ms by default. */
      degradedLatencyMs?: number;
    }>;
    /** Days samples are kept, 7 by default. */
    sampleRetentionDays?: number;

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
  };
}
