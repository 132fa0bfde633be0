import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { CustomerStep } from '@opshub/plugin-release-orchestration-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseReleaseStore } from '../database/DatabaseReleaseStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { sampleReleaseData, seedReleaseData } from '../testing/seed';
import { createRouter } from './router';
import { createServices } from './services';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

/** A policy that allows exactly the named permissions. */
function allowOnly(...names: string[]): PermissionsService {
  const allowed = new Set(names);
  const decide = async (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result: allowed.has(r.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  return {
    authorize: decide,
    authorizeConditional: decide,
  } as unknown as PermissionsService;
}

const ROOT = '/srv/opshub/kubeconfigs';

describe.each(ids)('permissions and metadata on %s', databaseId => {
  let knex: Knex;
  let store: ReleaseStore;

  async function setup() {
    knex = await init(databaseId);
    store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await seedReleaseData(knex, sampleReleaseData);
  }

  async function app(
    permissions: PermissionsService,
    options: { kubeconfigRoot?: string } = {},
  ) {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      services: createServices({ store, ...options }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  const allowAll = () =>
    mockServices.permissions({ result: AuthorizeResult.ALLOW });

  /** An active release with one template, for Acme; returns Acme's step. */
  async function activeStep(admin: express.Express) {
    const created = await request(admin)
      .post('/releases')
      .send({ name: 'R', type: 'release' });
    const id = created.body.id as number;
    await request(admin)
      .post(`/releases/${id}/templates`)
      .send({ name: 'migrate', category: 'deploy', type: 'sql', content: 'x' })
      .expect(201);
    const [acme] = await knex('customers').where({ name: 'Acme' }).select('id');
    await request(admin)
      .post(`/releases/${id}/activate`)
      .send({ version: 1, customerIds: [Number(acme.id)] })
      .expect(200);
    const steps = await request(admin).get(
      `/releases/${id}/customers/${acme.id}/steps`,
    );
    return {
      releaseId: id,
      customerId: Number(acme.id),
      step: steps.body.items[0] as CustomerStep,
    };
  }

  it('lets step.execute record execution but not change content', async () => {
    await setup();
    const admin = await app(allowAll());
    const { releaseId, customerId, step } = await activeStep(admin);
    const executor = await app(
      allowOnly(
        'release-orchestration.release.read',
        'release-orchestration.step.execute',
      ),
    );

    const override = await request(executor)
      .put(`/steps/${step.id}/content`)
      .send({ version: step.version, content: 'drop table customers;' });
    expect(override.status).toBe(403);
    expect(override.body.error.message).toMatch(
      /release-orchestration\.step\.update/,
    );
    const custom = await request(executor)
      .post(`/releases/${releaseId}/customers/${customerId}/steps`)
      .send({ name: 'x', category: 'deploy', type: 'sql', content: 'y' });
    expect(custom.status).toBe(403);
    expect(
      (
        await request(executor)
          .post(`/steps/${step.id}/reset`)
          .send({ version: step.version })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(executor)
          .post(`/releases/${releaseId}/steps/bulk`)
          .send({
            action: 'reset',
            steps: [{ id: step.id, version: step.version }],
          })
      ).status,
    ).toBe(403);
    // nothing changed
    const [row] = await knex('customer_steps').where({ id: step.id });
    expect(row.content).toBe('x');
    expect(await knex('customer_steps').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(Number((await knex('customer_steps').count({ n: '*' }))[0].n)).toBe(
      1,
    );

    const done = await request(executor)
      .post(`/steps/${step.id}/done`)
      .send({ version: step.version });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    const reverted = await request(executor)
      .post(`/releases/${releaseId}/steps/bulk`)
      .send({
        action: 'revert',
        steps: [{ id: step.id, version: done.body.version }],
      });
    expect(reverted.status).toBe(200);
  });

  it('lets step.update override, add and delete custom steps', async () => {
    await setup();
    const admin = await app(allowAll());
    const { releaseId, customerId, step } = await activeStep(admin);
    const editor = await app(
      allowOnly(
        'release-orchestration.release.read',
        'release-orchestration.step.update',
      ),
    );
    const override = await request(editor)
      .put(`/steps/${step.id}/content`)
      .send({ version: step.version, content: 'select 1;' });
    expect(override.status).toBe(200);
    const custom = await request(editor)
      .post(`/releases/${releaseId}/customers/${customerId}/steps`)
      .send({ name: 'x', category: 'deploy', type: 'sql', content: 'y' });
    expect(custom.status).toBe(201);
    // adding it to the templates also needs template.update
    const toTemplate = await request(editor)
      .post(`/releases/${releaseId}/customers/${customerId}/steps`)
      .send({
        name: 'z',
        category: 'deploy',
        type: 'sql',
        content: 'y',
        addToTemplate: true,
      });
    expect(toTemplate.status).toBe(403);
    expect(
      (
        await request(editor).delete(
          `/steps/${custom.body.id}?version=${custom.body.version}`,
        )
      ).status,
    ).toBe(204);
    // but not record execution
    expect(
      (
        await request(editor)
          .post(`/steps/${step.id}/done`)
          .send({ version: override.body.version })
      ).status,
    ).toBe(403);
  });

  it('guards cluster writes with cluster.create and cluster.update, and customer writes with cluster.update', async () => {
    await setup();
    const releaseManager = await app(
      allowOnly(
        'release-orchestration.release.create',
        'release-orchestration.release.update',
      ),
    );
    expect(
      (await request(releaseManager).post('/clusters').send({ name: 'c-1' }))
        .status,
    ).toBe(403);

    const creator = await app(
      allowOnly(
        'release-orchestration.cluster.create',
        'release-orchestration.cluster.read',
      ),
    );
    const cluster = await request(creator)
      .post('/clusters')
      .send({ name: 'c-1' });
    expect(cluster.status).toBe(201);
    // a customer is written through its cluster: cluster.update
    const refused = await request(creator)
      .post('/customers')
      .send({ clusterId: cluster.body.id, name: 'N', namespace: 'n' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /release-orchestration\.cluster\.update on c-1/,
    );
    const denied = await request(creator)
      .patch('/clusters/c-1')
      .send({ version: 1, displayName: 'C' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /release-orchestration\.cluster\.update/,
    );

    const updater = await app(
      allowOnly(
        'release-orchestration.cluster.update',
        'release-orchestration.cluster.read',
      ),
    );
    const customer = await request(updater)
      .post('/customers')
      .send({ clusterId: cluster.body.id, name: 'N', namespace: 'n' });
    expect(customer.status).toBe(201);
    expect(
      (
        await request(creator)
          .patch(`/customers/${customer.body.id}`)
          .send({ version: 1, notes: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(creator).delete(
          `/customers/${customer.body.id}?version=1`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await request(updater)
          .patch('/clusters/c-1')
          .send({ version: 1, displayName: 'C' })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(updater).delete(
          `/customers/${customer.body.id}?version=1`,
        )
      ).status,
    ).toBe(204);
    expect(
      (await request(updater).post('/clusters').send({ name: 'c-2' })).status,
    ).toBe(403);
  });

  it('authorizes writes on templates, steps and customers against their release or cluster', async () => {
    await setup();
    const admin = await app(allowAll());
    const { releaseId, customerId, step } = await activeStep(admin);
    const templates = await request(admin).get(
      `/releases/${releaseId}/templates`,
    );
    const templateId = templates.body.items[0].id as number;
    const acme = await request(admin).get(`/customers/${customerId}`);
    const cluster = acme.body.clusterName as string;
    const clusterId = acme.body.clusterId as number;

    const seen: Array<{ name: string; resourceRef?: string }> = [];
    const record = async (
      requests: Array<{ permission: { name: string }; resourceRef?: string }>,
    ) =>
      requests.map(r => {
        seen.push({ name: r.permission.name, resourceRef: r.resourceRef });
        return { result: AuthorizeResult.DENY };
      });
    const recorder = await app({
      authorize: record,
      authorizeConditional: record,
    } as unknown as PermissionsService);

    const release = String(releaseId);
    const none = ' (none)';
    const cases: Array<[string, () => request.Test, string, string]> = [
      [
        'PATCH /releases/:id',
        () =>
          request(recorder)
            .patch(`/releases/${releaseId}`)
            .send({ version: 2, description: 'x' }),
        'release-orchestration.release.update',
        release,
      ],
      [
        'POST /releases/:id/templates',
        () =>
          request(recorder).post(`/releases/${releaseId}/templates`).send({
            name: 'm2',
            category: 'deploy',
            type: 'sql',
            content: 'x',
          }),
        'release-orchestration.template.update',
        release,
      ],
      [
        'PATCH /templates/:id',
        () =>
          request(recorder)
            .patch(`/templates/${templateId}`)
            .send({ version: 1, content: 'y' }),
        'release-orchestration.template.update',
        release,
      ],
      [
        'DELETE /templates/:id',
        () => request(recorder).delete(`/templates/${templateId}?version=1`),
        'release-orchestration.template.update',
        release,
      ],
      [
        'PUT /steps/:id/content',
        () =>
          request(recorder)
            .put(`/steps/${step.id}/content`)
            .send({ version: step.version, content: 'y' }),
        'release-orchestration.step.update',
        release,
      ],
      [
        'POST /steps/:id/done',
        () =>
          request(recorder)
            .post(`/steps/${step.id}/done`)
            .send({ version: step.version }),
        'release-orchestration.step.execute',
        release,
      ],
      [
        'POST /releases/:id/steps/bulk',
        () =>
          request(recorder)
            .post(`/releases/${releaseId}/steps/bulk`)
            .send({
              action: 'done',
              steps: [{ id: step.id, version: step.version }],
            }),
        'release-orchestration.step.execute',
        release,
      ],
      [
        'PATCH /clusters/:name',
        () =>
          request(recorder)
            .patch(`/clusters/${cluster}`)
            .send({ version: 1, displayName: 'x' }),
        'release-orchestration.cluster.update',
        cluster,
      ],
      [
        'POST /customers',
        () =>
          request(recorder)
            .post('/customers')
            .send({ clusterId, name: 'New', namespace: 'new' }),
        'release-orchestration.cluster.update',
        cluster,
      ],
      [
        'PATCH /customers/:id',
        () =>
          request(recorder)
            .patch(`/customers/${customerId}`)
            .send({ version: 1, notes: 'x' }),
        'release-orchestration.cluster.update',
        cluster,
      ],
      [
        'POST /steps/:id/done (unknown step)',
        () => request(recorder).post('/steps/999999/done').send({ version: 1 }),
        'release-orchestration.step.execute',
        none,
      ],
      [
        'DELETE /templates/:id (unknown template)',
        () => request(recorder).delete('/templates/999999?version=1'),
        'release-orchestration.template.update',
        none,
      ],
      [
        'DELETE /customers/:id (unknown customer)',
        () => request(recorder).delete('/customers/999999?version=1'),
        'release-orchestration.cluster.update',
        none,
      ],
      [
        'POST /customers (unknown cluster)',
        () =>
          request(recorder)
            .post('/customers')
            .send({ clusterId: 999999, name: 'New', namespace: 'new' }),
        'release-orchestration.cluster.update',
        none,
      ],
    ];
    const got = [];
    for (const [route, send, name, resourceRef] of cases) {
      seen.length = 0;
      const res = await send();
      got.push({ route, status: res.status, seen: [...seen] });
      expect({ route, status: res.status, seen }).toEqual({
        route,
        status: 403,
        seen: [{ name, resourceRef }],
      });
    }
    expect(got).toHaveLength(cases.length);

    // nothing was written
    const after = await request(admin).get(`/steps/${step.id}`);
    expect(after.body.version).toBe(step.version);
    expect(after.body.status).toBe('pending');
    // the unconditional ALLOW passes an unknown resource to the service: 404
    expect(
      (await request(admin).post('/steps/999999/done').send({ version: 1 }))
        .status,
    ).toBe(404);
    expect(
      (await request(admin).delete('/customers/999999?version=1')).status,
    ).toBe(404);
  });

  it('stores metadata objects on clusters, customers and releases', async () => {
    await setup();
    const admin = await app(allowAll());
    const metadata = { owner: 'team-a', tags: ['x', 1], nested: { ok: true } };

    const cluster = await request(admin)
      .post('/clusters')
      .send({ name: 'm-1', metadata });
    expect(cluster.status).toBe(201);
    expect(cluster.body.metadata).toEqual(metadata);
    expect(cluster.body.kubeconfigPath).toBeNull();
    const patched = await request(admin)
      .patch('/clusters/m-1')
      .send({ version: 1, metadata: { owner: 'team-b' } });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata).toEqual({ owner: 'team-b' });
    expect(
      (await request(admin).get('/clusters')).body.items.find(
        (c: { name: string }) => c.name === 'eu-west-1',
      ).metadata,
    ).toEqual({});

    const customer = await request(admin).post('/customers').send({
      clusterId: cluster.body.id,
      name: 'M',
      namespace: 'm',
      metadata,
    });
    expect(customer.status).toBe(201);
    expect(customer.body.metadata).toEqual(metadata);
    const customerPatched = await request(admin)
      .patch(`/customers/${customer.body.id}`)
      .send({ version: 1, metadata: {} });
    expect(customerPatched.body.metadata).toEqual({});

    const release = await request(admin)
      .post('/releases')
      .send({ name: 'R', type: 'release', metadata });
    expect(release.status).toBe(201);
    expect(release.body.metadata).toEqual(metadata);
    const plain = await request(admin)
      .post('/releases')
      .send({ name: 'P', type: 'release' });
    expect(plain.body.metadata).toEqual({});
    const releasePatched = await request(admin)
      .patch(`/releases/${release.body.id}`)
      .send({ version: 1, metadata: { jira: 'OPS-1' } });
    expect(releasePatched.status).toBe(200);
    expect(releasePatched.body.metadata).toEqual({ jira: 'OPS-1' });
    expect(
      (await request(admin).get(`/releases/${release.body.id}`)).body.metadata,
    ).toEqual({ jira: 'OPS-1' });
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'owner=team-a'],
    ['null', null],
    ['a number', 42],
    ['over 16 kB', { blob: 'x'.repeat(16 * 1024) }],
    ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"polluted":true}}}')],
  ])('refuses metadata that is %s with 400', async (_, metadata) => {
    await setup();
    const admin = await app(allowAll());
    for (const [path, body] of [
      ['/clusters', { name: 'bad-1' }],
      ['/releases', { name: 'R', type: 'release' }],
      ['/customers', { clusterId: 1, name: 'B', namespace: 'b' }],
    ] as const) {
      const res = await request(admin)
        .post(path)
        .send({ ...body, metadata });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(/metadata/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses any kubeconfigPath when no root is configured', async () => {
    await setup();
    const admin = await app(allowAll());
    const res = await request(admin)
      .post('/clusters')
      .send({ name: 'k-1', kubeconfigPath: 'k-1.yaml' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/kubeconfigPath/);
    expect(res.body.error.message).toMatch(/kubeconfigRoot is not configured/);
    const none = await request(admin)
      .post('/clusters')
      .send({ name: 'k-1', kubeconfigPath: null });
    expect(none.status).toBe(201);
  });

  it('keeps kubeconfigPath under the configured root', async () => {
    await setup();
    const admin = await app(allowAll(), { kubeconfigRoot: ROOT });
    for (const kubeconfigPath of [
      '../../etc/passwd',
      '/etc/passwd',
      'a/../../b',
      `${ROOT}/../secrets`,
      `${ROOT}-other/x`,
      'a\u0000b',
      'x'.repeat(1025),
      '',
    ]) {
      const res = await request(admin)
        .post('/clusters')
        .send({ name: 'k-1', kubeconfigPath });
      expect([kubeconfigPath.slice(0, 40), res.status]).toEqual([
        kubeconfigPath.slice(0, 40),
        400,
      ]);
      expect(res.body.error.message).toMatch(/kubeconfigPath/);
    }
    expect(await knex('clusters').where({ name: 'k-1' })).toEqual([]);

    const relative = await request(admin)
      .post('/clusters')
      .send({ name: 'k-1', kubeconfigPath: 'eu/k-1.yaml' });
    expect(relative.status).toBe(201);
    expect(relative.body.kubeconfigPath).toBe('eu/k-1.yaml');
    const absolute = await request(admin)
      .patch('/clusters/k-1')
      .send({ version: 1, kubeconfigPath: `${ROOT}/k-1.yaml` });
    expect(absolute.status).toBe(200);
    expect(absolute.body.kubeconfigPath).toBe(`${ROOT}/k-1.yaml`);
    const escape = await request(admin)
      .patch('/clusters/k-1')
      .send({ version: 2, kubeconfigPath: '/etc/passwd' });
    expect(escape.status).toBe(400);
    expect(escape.body.error.message).toMatch(/kubeconfigPath/);
    const cleared = await request(admin)
      .patch('/clusters/k-1')
      .send({ version: 2, kubeconfigPath: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.kubeconfigPath).toBeNull();
  });
});
