import { Knex } from 'knex';

/** Inserts deployments for tests; returns their ids in insertion order. */
export async function seedDeployments(
  knex: Knex,
  rows: Array<{
    service: string;
    environment: string;
    version: string;
    status: string;
    startedAt: string;
    source?: string;
  }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const [inserted] = await knex('deployments')
      .insert({
        service: row.service,
        environment: row.environment,
        version: row.version,
        status: row.status,
        source: row.source ?? 'webhook',
        triggered_by: 'user:default/ci',
        started_at: new Date(row.startedAt),
        finished_at:
          row.status === 'in_progress' ? null : new Date(row.startedAt),
      })
      .returning('id');
    ids.push(Number(typeof inserted === 'object' ? inserted.id : inserted));
  }
  return ids;
}

export const sampleDeployments = [
  {
    service: 'payments-api',
    environment: 'dev',
    version: '1.0.0',
    status: 'succeeded',
    startedAt: '2026-11-01T10:00:00Z',
  },
  {
    service: 'payments-api',
    environment: 'dev',
    version: '1.1.0',
    status: 'succeeded',
    startedAt: '2026-11-02T10:00:00Z',
  },
  {
    service: 'payments-api',
    environment: 'dev',
    version: '1.2.0',
    status: 'failed',
    startedAt: '2026-11-03T10:00:00Z',
  },
  {
    service: 'payments-api',
    environment: 'prod',
    version: '1.0.0',
    status: 'succeeded',
    startedAt: '2026-11-02T12:00:00Z',
  },
  {
    service: 'checkout-web',
    environment: 'dev',
    version: '3.4.0',
    status: 'succeeded',
    startedAt: '2026-11-01T09:00:00Z',
  },
];
