import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { DatabaseWebhookStore } from '../database/DatabaseWebhookStore';
import { pruneHistory, readRetention } from './retention';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;

describe('readRetention', () => {
  it('keeps a year of audit and 30 days of deliveries unless configured', () => {
    expect(readRetention(new ConfigReader({}))).toEqual({
      auditDays: 365,
      deliveryDays: 30,
    });
    expect(
      readRetention(
        new ConfigReader({
          deploymentRollback: { retention: { auditDays: 90, deliveryDays: 7 } },
        }),
      ),
    ).toEqual({ auditDays: 90, deliveryDays: 7 });
    expect(() =>
      readRetention(
        new ConfigReader({
          deploymentRollback: { retention: { auditDays: 0 } },
        }),
      ),
    ).toThrow(/retention.auditDays/);
  });
});

describe.each(ids)('pruneHistory on %s', databaseId => {
  it('deletes old audit rows and old finished deliveries, never pending ones or deployments', async () => {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const deployments = await DatabaseDeploymentStore.create({ database });
    const webhooks = await DatabaseWebhookStore.create({ database });
    const now = new Date('2026-12-01T00:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);

    const [row] = await knex('deployments')
      .insert({
        service: 'payments-api',
        environment: 'prod',
        version: '1.0.0',
        status: 'succeeded',
        source: 'manual',
        triggered_by: 'user:default/a',
        started_at: ago(400),
        finished_at: ago(400),
      })
      .returning('id');
    const deploymentId = Number(typeof row === 'object' ? row.id : row);
    await knex('deployment_audit').insert(
      [400, 366, 364, 1].map(days => ({
        deployment_id: deploymentId,
        service: 'payments-api',
        environment: 'prod',
        actor: 'user:default/a',
        action: 'trigger',
        details: '{}',
        created_at: ago(days),
      })),
    );
    const deliveries: Array<[string, string, number]> = [
      ['old-processed', 'processed', 31],
      ['old-rejected', 'rejected', 40],
      ['old-pending', 'pending', 60],
      ['new-processed', 'processed', 29],
    ];
    for (const [key, outcome, days] of deliveries) {
      await knex('webhook_deliveries').insert({
        provider: 'github',
        delivery_key: key,
        event: 'deployment_status',
        verified: true,
        outcome,
        attempts: 0,
        received_at: ago(days),
        processed_at: outcome === 'pending' ? null : ago(days),
      });
    }

    await expect(
      pruneHistory({
        deployments,
        webhooks,
        retention: { auditDays: 365, deliveryDays: 30 },
        now,
      }),
    ).resolves.toEqual({ audit: 2, deliveries: 2 });
    expect(
      (await knex('webhook_deliveries').orderBy('delivery_key')).map(
        r => r.delivery_key,
      ),
    ).toEqual(['new-processed', 'old-pending']);
    const [{ n }] = await knex('deployment_audit').count({ n: '*' });
    expect(Number(n)).toBe(2);
    const [{ d }] = await knex('deployments').count({ d: '*' });
    expect(Number(d)).toBe(1);
  });
});
