/**
 * What a health check probes:
 * - `http`: an HTTP(S) request, judged by status, body and latency;
 * - `tcp`: a TCP connect to host and port;
 * - `tls`: a TLS handshake, judged by the certificate's expiry;
 * - `postgres`: `select 1` in a read-only transaction.
 *
 * @public
 */
export type HealthCheckKind = 'http' | 'tcp' | 'tls' | 'postgres';

/**
 * Every {@link HealthCheckKind}.
 *
 * @public
 */
export const HEALTH_CHECK_KINDS: ReadonlyArray<HealthCheckKind> = [
  'http',
  'tcp',
  'tls',
  'postgres',
];

/**
 * Where a check is defined: `config` (`infraHealth.checks`, read-only through
 * the API) or `api` (added through `POST /checks`).
 *
 * @public
 */
export type HealthCheckSource = 'config' | 'api';

/**
 * A time range, ISO 8601 timestamps, during which a check's samples are still
 * recorded but no status change is announced. `end` is exclusive.
 *
 * @public
 */
export interface MaintenanceWindow {
  start: string;
  end: string;
  reason?: string;
}

/**
 * What an HTTP check's response body must satisfy: contain a string, or hold
 * a JSON value at a dotted path (`status`, `checks[0].ok`, `$.db.state`).
 *
 * @public
 */
export type HttpBodyCondition =
  | { contains: string }
  | { jsonPath: string; equals: string | number | boolean | null };

/**
 * The settings of a check that only some kinds have. Secrets (header values,
 * the PostgreSQL connection string) are never part of it.
 *
 * @public
 */
export interface HealthCheckSettings {
  /** http: the statuses that count as an answer, e.g. `["200", "204", "300-399"]`. */
  expectedStatuses?: string[];
  /** http: names of the request headers; their values may be secrets. */
  headerNames?: string[];
  /** http: the body condition. */
  body?: HttpBodyCondition;
  /** tcp, tls: the host to connect to. */
  host?: string;
  /** tcp, tls: the port. */
  port?: number;
  /** tls: the SNI server name, the host by default. */
  servername?: string;
  /** tls: a certificate expiring in fewer days is `degraded`. */
  warnDays?: number;
  /** tls: whether an untrusted certificate chain is `down` (true by default). */
  rejectUnauthorized?: boolean;
}

/**
 * The fields every check kind has in `POST /checks` and `PUT /checks/:id`.
 *
 * @public
 */
export interface HealthCheckInputBase {
  name: string;
  service: string;
  /** 10 to 86,400 seconds; 30 by default. */
  intervalSeconds?: number;
  /** 1 to 60,000 ms; 5,000 by default. */
  timeoutMs?: number;
  /** Answers slower than this are `degraded`; 1,000 ms by default. */
  degradedLatencyMs?: number;
  /** 1 to 20; 1 by default. */
  failureThreshold?: number;
  /** 1 to 20; 1 by default. */
  successThreshold?: number;
  runbookUrl?: string | null;
  maintenanceWindows?: MaintenanceWindow[];
}

/**
 * The body of `POST /checks` and `PUT /checks/:id`, by kind. On `PUT`, an
 * http `url` or a postgres `connection` equal to the redacted value the API
 * shows keeps the stored one (with its credentials), and omitted `headers`
 * keep the stored headers.
 *
 * @public
 */
export type HealthCheckInput = HealthCheckInputBase &
  (
    | {
        kind: 'http';
        url: string;
        method?: string;
        /** Values may be secrets: they are stored, never shown. */
        headers?: Record<string, string>;
        /** One status, 200 by default. */
        expectedStatus?: number;
        /** Instead of `expectedStatus`: statuses and ranges (`204`, `"200-299"`, `"2xx"`). */
        expectedStatuses?: Array<number | string>;
        body?: HttpBodyCondition | null;
      }
    | { kind: 'tcp'; host: string; port: number }
    | {
        kind: 'tls';
        host: string;
        port?: number;
        servername?: string;
        warnDays?: number;
        rejectUnauthorized?: boolean;
      }
    | {
        kind: 'postgres';
        /** `postgresql://user:password@host:port/db`; a secret. */
        connection: string;
      }
  );
