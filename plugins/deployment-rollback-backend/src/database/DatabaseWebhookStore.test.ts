import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DeploymentStatus } from '@opshub/plugin-deployment-rollback-common';
import { DeploymentUpdate } from '../webhooks/types';
import { DatabaseWebhookStore } from './DatabaseWebhookStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

function update(
  externalId: string,
  status: DeploymentStatus,
): DeploymentUpdate {
  return {
    externalId,
    service: `svc-${externalId}`,
    environment: 'dev',
    version: '1.0.0',
    commitSha: 'abc1234',
    status,
    triggeredBy: 'github:octocat',
    startedAt: new Date('2026-12-02T10:00:00Z'),
    finishedAt: null,
  };
}

describe.each(ids)('DatabaseWebhookStore batches on %s', databaseId => {
  it('applies several deliveries of one deployment in one batch, in order, with one audit row per change', async () => {
    const knex = await init(databaseId);
    const store = await DatabaseWebhookStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const record = async (key: string) =>
      (
        await store.recordDelivery({
          provider: 'github',
          deliveryKey: key,
          event: 'deployment_status',
          outcome: 'pending',
          error: null,
          payload: {},
          receivedAt: new Date(),
        })
      ).id;
    const origin = (key: string) => ({ actor: 'webhook:github', reason: key });
    const [queued, running, done, late, ignoredId] = [
      await record('a'),
      await record('b'),
      await record('c'),
      await record('d'),
      await record('e'),
    ];
    const applied = await store.applyDeliveries([
      // out of order on purpose: the batch applies them by delivery id
      {
        id: done,
        result: {
          kind: 'deployment',
          update: update('x', 'succeeded'),
          origin: origin('c'),
        },
      },
      {
        id: queued,
        result: {
          kind: 'deployment',
          update: update('x', 'queued'),
          origin: origin('a'),
        },
      },
      {
        id: running,
        result: {
          kind: 'deployment',
          update: update('x', 'in_progress'),
          origin: origin('b'),
        },
      },
      {
        id: late,
        result: {
          kind: 'deployment',
          update: update('x', 'queued'),
          origin: origin('d'),
        },
      },
      { id: ignoredId, result: { kind: 'ignored', reason: 'not ours' } },
    ]);
    expect(applied.map(a => [a.id, a.change?.action ?? null])).toEqual([
      [queued, 'webhook.created'],
      [running, 'webhook.status_changed'],
      [done, 'webhook.status_changed'],
      [late, null],
      [ignoredId, null],
    ]);
    expect(applied[2].change?.before?.status).toBe('in_progress');
    expect(applied[2].change?.after.status).toBe('succeeded');
    const deployments = await knex('deployments').select();
    expect(deployments).toHaveLength(1);
    expect(deployments[0].status).toBe('succeeded');
    expect(deployments[0].finished_at).not.toBeNull();
    const audit = await knex('deployment_audit').orderBy('id').select();
    expect(audit.map(row => row.action)).toEqual([
      'webhook.created',
      'webhook.status_changed',
      'webhook.status_changed',
    ]);
    expect(audit.every(row => row.deployment_id === deployments[0].id)).toBe(
      true,
    );
    const outcomes = await knex('webhook_deliveries')
      .orderBy('id')
      .select('outcome');
    expect(outcomes.map(row => row.outcome)).toEqual([
      'processed',
      'processed',
      'processed',
      'processed',
      'ignored',
    ]);
    // applied again: nothing is pending any more, nothing changes
    expect(
      await store.applyDeliveries([
        {
          id: late,
          result: {
            kind: 'deployment',
            update: update('x', 'failed'),
            origin: origin('d'),
          },
        },
      ]),
    ).toEqual([]);
  });

  it('changes nothing when one deployment of the batch cannot be written', async () => {
    const knex = await init(databaseId);
    const store = await DatabaseWebhookStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const ids2: number[] = [];
    for (const key of ['p', 'q']) {
      ids2.push(
        (
          await store.recordDelivery({
            provider: 'github',
            deliveryKey: key,
            event: 'deployment_status',
            outcome: 'pending',
            error: null,
            payload: {},
            receivedAt: new Date(),
          })
        ).id,
      );
    }
    // the audit rows cannot be written (their table is gone), after both
    // deployments were: the whole batch must roll back
    await knex.schema.renameTable('deployment_audit', 'deployment_audit_gone');
    const clash = update('w', 'queued');
    await expect(
      store.applyDeliveries([
        {
          id: ids2[0],
          result: {
            kind: 'deployment',
            update: update('z', 'queued'),
            origin: { actor: 'a', reason: 'r' },
          },
        },
        {
          id: ids2[1],
          result: {
            kind: 'deployment',
            update: clash,
            origin: { actor: 'a', reason: 'r' },
          },
        },
      ]),
      // match the message, not the class: the sqlite3 native module is loaded
      // once per jest worker, so its Error can come from another test file's
      // realm and fail an instanceof check inside toThrow()
    ).rejects.toMatchObject({
      message: expect.stringMatching(/deployment_audit/),
    });
    const [{ n }] = await knex('deployments').count({ n: '*' });
    expect(Number(n)).toBe(0);
    const pending = await knex('webhook_deliveries').where(
      'outcome',
      'pending',
    );
    expect(pending).toHaveLength(2);
  });
});
