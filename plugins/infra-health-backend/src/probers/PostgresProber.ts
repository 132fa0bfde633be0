import { redact, secretsOf } from '@opshub/opshub-common';
import { performance } from 'perf_hooks';
import { Client } from 'pg';
import {
  answeredStatus,
  CheckProber,
  elapsedMs,
  errorMessage,
  ProbeResult,
  ProbeTarget,
} from './types';

/**
 * PostgreSQL checks: one short-lived client per probe runs `select 1` with
 * `default_transaction_read_only=on`, a statement timeout and a connection
 * timeout (both the check's timeout), then disconnects. Use a role that may
 * only read. The connection string is a secret: it never appears in an
 * error or a log.
 *
 * @internal
 */
export class PostgresProber implements CheckProber {
  readonly kind = 'postgres' as const;

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const secrets = secretsOf(target.url);
    const started = performance.now();
    const client = new Client({
      connectionString: target.url,
      connectionTimeoutMillis: target.timeoutMs,
      statement_timeout: target.timeoutMs,
      query_timeout: target.timeoutMs,
      options: '-c default_transaction_read_only=on',
      application_name: 'opshub-infra-health',
    });
    // errors after the probe (a dropped connection) must not crash the process
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        (async () => {
          await client.connect();
          return client.query(
            "select 1 as ok, current_setting('transaction_read_only') as read_only",
          );
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Timed out after ${target.timeoutMs} ms`)),
            target.timeoutMs,
          );
        }),
      ]);
      const latencyMs = elapsedMs(started);
      if (Number(result.rows[0]?.ok) !== 1) {
        return {
          status: 'down',
          latencyMs,
          httpStatus: null,
          error: 'select 1 did not return 1',
        };
      }
      if (result.rows[0]?.read_only !== 'on') {
        // a pooler that drops startup options would run us read-write
        return {
          status: 'down',
          latencyMs,
          httpStatus: null,
          error:
            'The session is not read-only (default_transaction_read_only was not applied)',
        };
      }
      return {
        ...answeredStatus(latencyMs, target),
        latencyMs,
        httpStatus: null,
        error: null,
      };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: elapsedMs(started),
        httpStatus: null,
        error: redact(`PostgreSQL: ${errorMessage(error)}`, secrets).slice(
          0,
          500,
        ),
      };
    } finally {
      clearTimeout(timer);
      await client.end().catch(() => undefined);
    }
  }
}
