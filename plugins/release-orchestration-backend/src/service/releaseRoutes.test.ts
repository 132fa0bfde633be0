import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import {
  CustomerStep,
  ReleaseMatrix,
} from '@opshub/plugin-release-orchestration-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseReleaseStore } from '../database/DatabaseReleaseStore';
import { ReleaseTables } from '../database/ReleaseTables';
import { sampleReleaseData, seedReleaseData } from '../testing/seed';
import { createRouter } from './router';
import { createServices } from './services';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const USER = 'user:default/mock';

describe.each(ids)('release routes on %s', databaseId => {
  let knex: Knex;
  let publish: jest.Mock;

  async function setup(
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    knex = await init(databaseId);
    const store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await seedReleaseData(knex, sampleReleaseData);
    publish = jest.fn().mockResolvedValue(undefined);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      services: createServices({ store, signals: { publish } }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  async function customerId(name: string): Promise<number> {
    const [row] = await knex('customers').where({ name }).select('id');
    return Number(row.id);
  }

  /** A release with 2 deploy + 1 verify templates, activated for 3 customers. */
  async function activeRelease(app: express.Express) {
    const created = await request(app).post('/releases').send({
      name: 'November',
      type: 'release',
      versionNumber: '2026.11.1',
      releaseDate: '2026-11-30',
      catalogEntityRef: 'component:default/payments-api',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    for (const [name, category] of [
      ['migrate', 'deploy'],
      ['deploy', 'deploy'],
      ['smoke', 'verify'],
    ]) {
      const t = await request(app)
        .post(`/releases/${id}/templates`)
        .send({ name, category, type: 'bash', content: `run ${name}` });
      expect(t.status).toBe(201);
    }
    const customers = [
      await customerId('Acme'),
      await customerId('Globex'),
      await customerId('Hooli'),
    ];
    const activated = await request(app)
      .post(`/releases/${id}/activate`)
      .send({ version: created.body.version, customerIds: customers });
    expect(activated.status).toBe(200);
    expect(activated.body.stepCount).toBe(9);
    return { id, customers, release: activated.body.release };
  }

  async function stepsOf(
    app: express.Express,
    releaseId: number,
    customer: number,
  ): Promise<CustomerStep[]> {
    const res = await request(app).get(
      `/releases/${releaseId}/customers/${customer}/steps`,
    );
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('filters releases by exact catalog entity ref', async () => {
    const app = await setup();
    for (const [name, ref] of [
      ['payments 1', 'component:default/payments-api'],
      ['payments 2', 'component:default/payments-api'],
      ['prefix', 'component:default/payments-api-v2'],
      ['none', null],
    ] as const) {
      const created = await request(app)
        .post('/releases')
        .send({
          name,
          type: 'release',
          ...(ref ? { catalogEntityRef: ref } : {}),
        });
      expect(created.status).toBe(201);
    }
    const names = async (query: string) => {
      const res = await request(app).get(`/releases?${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ name: string }>)
        .map(r => r.name)
        .sort();
    };
    expect(
      await names(
        `entityRef=${encodeURIComponent('component:default/payments-api')}`,
      ),
    ).toEqual(['payments 1', 'payments 2']);
    expect(
      await names(
        `entityRef=${encodeURIComponent(
          'component:default/payments-api',
        )}&limit=1`,
      ),
    ).toHaveLength(1);
    expect(
      (
        await request(app).get(
          `/releases?entityRef=${encodeURIComponent(
            'component:default/payments-api',
          )}`,
        )
      ).body.totalCount,
    ).toBe(2);
    // a bound value: no pattern, no injection
    expect(await names('entityRef=component%3Adefault%2Fpayments%25')).toEqual(
      [],
    );
    expect(
      await names(`entityRef=${encodeURIComponent("x' or '1'='1")}`),
    ).toEqual([]);
    expect(await names('')).toHaveLength(4);
  });

  it('creates, reads, lists, updates and deletes a draft release', async () => {
    const app = await setup();
    const created = await request(app)
      .post('/releases')
      .send({ name: 'Hotfix 1', type: 'hotfix' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      createdBy: USER,
    });
    const id = created.body.id;
    expect(
      (await request(app).post('/releases').send({ name: 'x', type: 'nope' }))
        .status,
    ).toBe(400);
    expect((await request(app).get('/releases/999999')).status).toBe(404);
    expect((await request(app).get('/releases/abc')).status).toBe(400);

    const list = await request(app).get('/releases?type=hotfix&search=hot');
    expect(list.body).toMatchObject({ totalCount: 1 });

    const patched = await request(app)
      .patch(`/releases/${id}`)
      .send({ version: 1, description: 'urgent' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'urgent', version: 2 });
    const stale = await request(app)
      .patch(`/releases/${id}`)
      .send({ version: 1, description: 'lost' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed by someone else/);

    const detail = await request(app).get(`/releases/${id}`);
    expect(detail.body).toMatchObject({
      templates: [],
      customerCount: 0,
      progress: { total: 0, percent: 0 },
    });
    expect(
      (await request(app).delete(`/releases/${id}?version=1`)).status,
    ).toBe(409);
    expect((await request(app).delete(`/releases/${id}`)).status).toBe(400);
    expect(
      (await request(app).delete(`/releases/${id}?version=2`)).status,
    ).toBe(204);
    expect((await request(app).get(`/releases/${id}`)).status).toBe(404);
  });

  it('activates set-based, then refuses a second activation', async () => {
    const app = await setup();
    const { id, customers, release } = await activeRelease(app);
    expect(release).toMatchObject({ status: 'active', version: 2 });
    expect(release.activatedAt).toEqual(expect.any(String));
    expect(publish).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: `release-orchestration:release:${id}`,
        recipients: { type: 'broadcast' },
        message: expect.objectContaining({
          type: 'release.activated',
          releaseId: id,
        }),
      }),
    );
    const again = await request(app)
      .post(`/releases/${id}/activate`)
      .send({ version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/only a draft/);

    const steps = await stepsOf(app, id, customers[0]);
    expect(steps.map(s => `${s.category}:${s.orderIndex}:${s.name}`)).toEqual([
      'deploy:0:migrate',
      'deploy:1:deploy',
      'verify:0:smoke',
    ]);
    expect(steps[0]).toMatchObject({
      status: 'pending',
      content: 'run migrate',
      isCustom: false,
      isOverridden: false,
      version: 1,
    });
    expect(
      (await request(app).get(`/releases/${id}/customers/999999/steps`)).status,
    ).toBe(404);
  });

  it('refuses to activate for inactive or unknown customers (400)', async () => {
    const app = await setup();
    const created = await request(app)
      .post('/releases')
      .send({ name: 'R', type: 'release' });
    const res = await request(app)
      .post(`/releases/${created.body.id}/activate`)
      .send({ version: 1, customerIds: [await customerId('Initech'), 99999] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/inactive/);
    expect(
      (
        await request(app)
          .post(`/releases/${created.body.id}/activate`)
          .send({ version: 7 })
      ).status,
    ).toBe(409);
    expect(
      (await request(app).post('/releases/99999/activate').send({ version: 1 }))
        .status,
    ).toBe(404);
  });

  it('activates every active customer when none are selected', async () => {
    const app = await setup();
    const created = await request(app)
      .post('/releases')
      .send({ name: 'All', type: 'onboarding' });
    await request(app)
      .post(`/releases/${created.body.id}/templates`)
      .send({ name: 'a', category: 'deploy', type: 'text', content: 'x' });
    const res = await request(app)
      .post(`/releases/${created.body.id}/activate`)
      .send({ version: 1 });
    expect(res.status).toBe(200);
    // Acme, Globex, Hooli, Percent (Initech is inactive, Oldco/Ghost deleted)
    expect(res.body.customerIds).toHaveLength(4);
    expect(res.body.stepCount).toBe(4);
  });

  it('leaves nothing behind when activation fails midway', async () => {
    const app = await setup();
    const created = await request(app)
      .post('/releases')
      .send({ name: 'Fails', type: 'release' });
    const id = created.body.id;
    await request(app)
      .post(`/releases/${id}/templates`)
      .send({ name: 'a', category: 'deploy', type: 'text', content: 'x' });
    const spy = jest
      .spyOn(ReleaseTables.prototype, 'updateRelease')
      .mockRejectedValueOnce(new Error('boom after the steps were inserted'));
    try {
      const res = await request(app)
        .post(`/releases/${id}/activate`)
        .send({ version: 1 });
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(
      await knex('customer_steps').where({ release_id: id }).count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    const [{ n }] = await knex('customer_steps')
      .where({ release_id: id })
      .count({ n: '*' });
    expect(Number(n)).toBe(0);
    const [{ m }] = await knex('release_customers')
      .where({ release_id: id })
      .count({ m: '*' });
    expect(Number(m)).toBe(0);
    expect((await request(app).get(`/releases/${id}`)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    // and it can be activated afterwards
    expect(
      (await request(app).post(`/releases/${id}/activate`).send({ version: 1 }))
        .status,
    ).toBe(200);
  });

  it('follows the step state machine and records who did it', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const [step] = await stepsOf(app, id, customers[0]);

    // executed-by comes from the identity; the body cannot carry it
    const forged = await request(app)
      .post(`/steps/${step.id}/done`)
      .send({ version: 1, executedBy: 'user:default/someone-else' });
    expect(forged.status).toBe(400);

    const done = await request(app)
      .post(`/steps/${step.id}/done`)
      .send({ version: 1, notes: 'took 3 minutes' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      executedBy: USER,
      notes: 'took 3 minutes',
      version: 2,
    });
    expect(done.body.executedAt).toEqual(expect.any(String));

    const twice = await request(app)
      .post(`/steps/${step.id}/done`)
      .send({ version: 2 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/is done; it cannot become done/);
    expect(
      (await request(app).post(`/steps/${step.id}/skip`).send({ version: 2 }))
        .status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .post(`/steps/${step.id}/skip`)
          .send({ version: 2, reason: 'n/a' })
      ).status,
    ).toBe(409);

    const reverted = await request(app)
      .post(`/steps/${step.id}/revert`)
      .send({ version: 2, reason: 'broke login' });
    expect(reverted.body).toMatchObject({ status: 'reverted', version: 3 });
    const reopened = await request(app)
      .post(`/steps/${step.id}/reopen`)
      .send({ version: 3 });
    expect(reopened.body).toMatchObject({
      status: 'pending',
      executedBy: null,
      executedAt: null,
    });
    const skipped = await request(app)
      .post(`/steps/${step.id}/skip`)
      .send({ version: 4, reason: 'not needed here' });
    expect(skipped.body).toMatchObject({
      status: 'skipped',
      skipReason: 'not needed here',
    });

    const events = await request(app).get(`/steps/${step.id}/events`);
    expect(
      events.body.items.map(
        (e: { fromStatus: string; toStatus: string; actor: string }) =>
          `${e.fromStatus}>${e.toStatus} ${e.actor}`,
      ),
    ).toEqual([
      `pending>done ${USER}`,
      `done>reverted ${USER}`,
      `reverted>pending ${USER}`,
      `pending>skipped ${USER}`,
    ]);
    const history = await request(app).get(
      `/releases/${id}/events?customerId=${customers[0]}&limit=2`,
    );
    expect(history.body).toMatchObject({ totalCount: 4, limit: 2 });
    expect((await request(app).get('/steps/999999')).status).toBe(404);
    expect(
      (await request(app).post('/steps/999999/done').send({ version: 1 }))
        .status,
    ).toBe(404);
  });

  it('gives one success and one 409 to concurrent "mark done"', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const [step] = await stepsOf(app, id, customers[1]);
    const results = await Promise.all(
      [1, 2].map(n =>
        request(app)
          .post(`/steps/${step.id}/done`)
          .send({ version: 1, notes: `attempt ${n}` }),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    const events = await request(app).get(`/steps/${step.id}/events`);
    expect(events.body.items).toHaveLength(1);
  });

  it('propagates template edits to pending, non-overridden steps only', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const [acme, globex, hooli] = await Promise.all(
      customers.map(c => stepsOf(app, id, c)),
    );
    const templateId = acme[0].templateId!;

    const overridden = await request(app)
      .put(`/steps/${acme[0].id}/content`)
      .send({ version: 1, content: 'run migrate --acme' });
    expect(overridden.body).toMatchObject({ isOverridden: true, version: 2 });
    await request(app).post(`/steps/${globex[0].id}/done`).send({ version: 1 });

    const template = (await request(app).get(`/releases/${id}/templates`)).body
      .items[0];
    const updated = await request(app)
      .patch(`/templates/${templateId}`)
      .send({ version: template.version, content: 'run migrate v2' });
    expect(updated.status).toBe(200);
    expect(updated.body.propagatedStepIds).toEqual([hooli[0].id]);
    expect(
      (
        await request(app)
          .patch(`/templates/${templateId}`)
          .send({ version: template.version, content: 'lost' })
      ).status,
    ).toBe(409);

    const after = await Promise.all(customers.map(c => stepsOf(app, id, c)));
    expect(after[0][0]).toMatchObject({ content: 'run migrate --acme' });
    expect(after[1][0]).toMatchObject({
      content: 'run migrate',
      status: 'done',
      version: 2,
    });
    expect(after[2][0]).toMatchObject({
      content: 'run migrate v2',
      version: 2,
    });

    const hooliEvents = await request(app).get(`/steps/${hooli[0].id}/events`);
    expect(hooliEvents.body.items).toEqual([
      expect.objectContaining({
        kind: 'template',
        contentBefore: 'run migrate',
        contentAfter: 'run migrate v2',
      }),
    ]);

    // reset to template takes the new content and clears the override
    const reset = await request(app)
      .post(`/steps/${acme[0].id}/reset`)
      .send({ version: 2 });
    expect(reset.body).toMatchObject({
      content: 'run migrate v2',
      isOverridden: false,
    });
    // a done step cannot be overridden
    expect(
      (
        await request(app)
          .put(`/steps/${globex[0].id}/content`)
          .send({ version: 2, content: 'x' })
      ).status,
    ).toBe(409);
  });

  it('adds templates to every customer and deletes only pending steps', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const added = await request(app)
      .post(`/releases/${id}/templates`)
      .send({ name: 'notify', category: 'verify', type: 'text', content: 'x' });
    expect(added.body.template.orderIndex).toBe(1);
    for (const c of customers) {
      expect((await stepsOf(app, id, c)).map(s => s.name)).toContain('notify');
    }
    const [acme] = await stepsOf(app, id, customers[0]).then(s =>
      s.filter(x => x.name === 'notify'),
    );
    await request(app).post(`/steps/${acme.id}/done`).send({ version: 1 });
    const deleted = await request(app).delete(
      `/templates/${added.body.template.id}?version=1`,
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletedStepIds).toHaveLength(2);
    const kept = (await stepsOf(app, id, customers[0])).find(
      s => s.name === 'notify',
    );
    expect(kept).toMatchObject({ status: 'done', templateId: null });
    expect(
      (await stepsOf(app, id, customers[1])).map(s => s.name),
    ).not.toContain('notify');
    expect(
      (await request(app).delete('/templates/99999?version=1')).status,
    ).toBe(404);
  });

  it('reorders atomically; concurrent reorders do not interleave', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const templates = (await request(app).get(`/releases/${id}/templates`)).body
      .items;
    const deploy = templates
      .filter((t: { category: string }) => t.category === 'deploy')
      .map((t: { id: number }) => t.id);
    const reversed = [...deploy].reverse();

    expect(
      (
        await request(app)
          .post(`/releases/${id}/templates/reorder`)
          .send({ category: 'deploy', templateIds: [deploy[0]] })
      ).status,
    ).toBe(409);
    expect(
      (
        await request(app)
          .post(`/releases/${id}/templates/reorder`)
          .send({ category: 'sideways', templateIds: deploy })
      ).status,
    ).toBe(400);

    const results = await Promise.all([
      request(app)
        .post(`/releases/${id}/templates/reorder`)
        .send({ category: 'deploy', templateIds: reversed }),
      request(app)
        .post(`/releases/${id}/templates/reorder`)
        .send({ category: 'deploy', templateIds: deploy }),
    ]);
    expect(results.map(r => r.status)).toEqual([200, 200]);
    const final = (await request(app).get(`/releases/${id}/templates`)).body
      .items as Array<{ id: number; category: string; orderIndex: number }>;
    const order = final.filter(t => t.category === 'deploy').map(t => t.id);
    expect([reversed, deploy]).toContainEqual(order);
    expect(
      final.filter(t => t.category === 'deploy').map(t => t.orderIndex),
    ).toEqual([0, 1]);
    // every pending step follows its template
    for (const c of customers) {
      for (const step of await stepsOf(app, id, c)) {
        const t = final.find(x => x.id === step.templateId)!;
        expect(step.orderIndex).toBe(t.orderIndex);
      }
    }
  });

  it('adds custom steps, to one customer or to the template', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const custom = await request(app)
      .post(`/releases/${id}/customers/${customers[0]}/steps`)
      .send({
        name: 'flush cache',
        category: 'deploy',
        type: 'bash',
        content: 'redis-cli flushall',
      });
    expect(custom.status).toBe(201);
    expect(custom.body).toMatchObject({
      isCustom: true,
      templateId: null,
      orderIndex: 2,
    });
    expect((await stepsOf(app, id, customers[1])).length).toBe(3);

    const shared = await request(app)
      .post(`/releases/${id}/customers/${customers[1]}/steps`)
      .send({
        name: 'announce',
        category: 'verify',
        type: 'text',
        content: 'tell #ops',
        addToTemplate: true,
      });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({
      isCustom: false,
      customerId: customers[1],
    });
    for (const c of customers) {
      expect((await stepsOf(app, id, c)).map(s => s.name)).toContain(
        'announce',
      );
    }

    expect(
      (
        await request(app)
          .post(
            `/releases/${id}/customers/${await customerId('Percent')}/steps`,
          )
          .send({ name: 'x', category: 'deploy', type: 'text', content: 'x' })
      ).status,
    ).toBe(404);
    expect(
      (await request(app).delete(`/steps/${shared.body.id}?version=1`)).status,
    ).toBe(400);
    expect(
      (await request(app).delete(`/steps/${custom.body.id}?version=9`)).status,
    ).toBe(409);
    expect(
      (await request(app).delete(`/steps/${custom.body.id}?version=1`)).status,
    ).toBe(204);
    expect((await request(app).get(`/steps/${custom.body.id}`)).status).toBe(
      404,
    );
  });

  it('inserts custom steps at a position, shifting later steps', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const order = async (customer: number, category = 'deploy') =>
      (await stepsOf(app, id, customer))
        .filter(s => s.category === category)
        .map(s => `${s.orderIndex}:${s.name}:${s.status}`);
    const add = (customer: number, body: object) =>
      request(app)
        .post(`/releases/${id}/customers/${customer}/steps`)
        .send({ category: 'deploy', type: 'bash', content: 'x', ...body });

    const deployStep = (await stepsOf(app, id, customers[0])).find(
      s => s.name === 'deploy',
    )!;
    expect(
      (
        await request(app)
          .post(`/steps/${deployStep.id}/done`)
          .send({ version: deployStep.version })
      ).status,
    ).toBe(200);

    const drain = await add(customers[0], { name: 'drain', position: 1 });
    expect(drain.status).toBe(201);
    expect(drain.body).toMatchObject({ orderIndex: 1, version: 1 });
    expect(await order(customers[0])).toEqual([
      '0:migrate:pending',
      '1:drain:pending',
      '2:deploy:done',
    ]);
    expect(
      (await add(customers[0], { name: 'precheck', position: 0 })).status,
    ).toBe(201);
    expect(
      (await add(customers[0], { name: 'last', position: 99 })).status,
    ).toBe(201);
    expect(await order(customers[0])).toEqual([
      '0:precheck:pending',
      '1:migrate:pending',
      '2:drain:pending',
      '3:deploy:done',
      '4:last:pending',
    ]);
    // other customers are untouched
    expect(await order(customers[1])).toEqual([
      '0:migrate:pending',
      '1:deploy:pending',
    ]);

    // a template at position 1 (after migrate) goes after migrate for everyone
    const backup = await add(customers[1], {
      name: 'backup',
      position: 1,
      addToTemplate: true,
    });
    expect(backup.status).toBe(201);
    expect(backup.body).toMatchObject({ isCustom: false, orderIndex: 1 });
    expect(await order(customers[1])).toEqual([
      '0:migrate:pending',
      '1:backup:pending',
      '2:deploy:pending',
    ]);
    expect(await order(customers[0])).toEqual([
      '0:precheck:pending',
      '1:migrate:pending',
      '2:drain:pending',
      '3:backup:pending',
      '4:deploy:done',
      '5:last:pending',
    ]);
    const templates = (await request(app).get(`/releases/${id}`)).body
      .templates as Array<{
      name: string;
      category: string;
      orderIndex: number;
    }>;
    expect(
      templates
        .filter(t => t.category === 'deploy')
        .map(t => `${t.orderIndex}:${t.name}`),
    ).toEqual(['0:migrate', '1:backup', '2:deploy']);
    // the verify category is unchanged
    expect(await order(customers[0], 'verify')).toEqual(['0:smoke:pending']);

    expect((await add(customers[0], { name: 'x', position: -1 })).status).toBe(
      400,
    );
  });

  it('runs bulk actions all or nothing', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const steps = (await stepsOf(app, id, customers[0])).concat(
      await stepsOf(app, id, customers[1]),
    );
    const stale = await request(app)
      .post(`/releases/${id}/steps/bulk`)
      .send({
        action: 'done',
        steps: [
          { id: steps[0].id, version: 1 },
          { id: steps[1].id, version: 5 },
        ],
      });
    expect(stale.status).toBe(409);
    expect((await request(app).get(`/steps/${steps[0].id}`)).body.status).toBe(
      'pending',
    );

    const done = await request(app)
      .post(`/releases/${id}/steps/bulk`)
      .send({
        action: 'done',
        notes: 'batch',
        steps: steps.slice(0, 4).map(s => ({ id: s.id, version: 1 })),
      });
    expect(done.status).toBe(200);
    expect(
      done.body.items.map((s: CustomerStep) => `${s.status}:${s.executedBy}`),
    ).toEqual(Array(4).fill(`done:${USER}`));

    const illegal = await request(app)
      .post(`/releases/${id}/steps/bulk`)
      .send({
        action: 'skip',
        reason: 'x',
        steps: [
          { id: steps[0].id, version: 2 },
          { id: steps[4].id, version: 1 },
        ],
      });
    expect(illegal.status).toBe(409);
    expect((await request(app).get(`/steps/${steps[4].id}`)).body.status).toBe(
      'pending',
    );
    expect(
      (
        await request(app)
          .post(`/releases/${id}/steps/bulk`)
          .send({ action: 'skip', steps: [{ id: steps[4].id, version: 1 }] })
      ).status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .post(`/releases/${id}/steps/bulk`)
          .send({ action: 'done', steps: [{ id: 999999, version: 1 }] })
      ).status,
    ).toBe(404);
  });

  it('adds customers to an active release, once', async () => {
    const app = await setup();
    const { id } = await activeRelease(app);
    const percent = await customerId('Percent');
    const added = await request(app)
      .post(`/releases/${id}/customers`)
      .send({ customerIds: [percent] });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ customerIds: [percent], stepCount: 3 });
    expect(
      (
        await request(app)
          .post(`/releases/${id}/customers`)
          .send({ customerIds: [percent] })
      ).status,
    ).toBe(409);
    expect(
      (await request(app).post(`/releases/${id}/customers`).send({})).status,
    ).toBe(400);
  });

  it('reports progress and a matrix paged by cluster', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    const [step] = await stepsOf(app, id, customers[0]);
    await request(app).post(`/steps/${step.id}/done`).send({ version: 1 });

    const progress = await request(app).get(`/releases/${id}/progress`);
    expect(progress.body.progress).toMatchObject({
      total: 9,
      done: 1,
      pending: 8,
      percent: 11,
    });
    expect(
      progress.body.clusters.map(
        (c: {
          clusterName: string;
          customerCount: number;
          progress: { total: number };
        }) => `${c.clusterName}:${c.customerCount}:${c.progress.total}`,
      ),
    ).toEqual(['eu-west-1:2:6', 'us-east-1:1:3']);
    expect(progress.body.customers).toHaveLength(3);

    const res = await request(app).get(
      `/releases/${id}/matrix?cluster=eu-west-1&limit=1`,
    );
    expect(res.status).toBe(200);
    const matrix = res.body as ReleaseMatrix;
    expect(matrix).toMatchObject({ totalCount: 2, limit: 1, offset: 0 });
    expect(matrix.customers.map(c => c.name)).toEqual(['Acme']);
    expect(matrix.steps.map(s => s.name)).toEqual([
      'migrate',
      'deploy',
      'smoke',
    ]);
    expect(matrix.cells[customers[0]][`t${step.templateId}`]).toEqual({
      stepId: step.id,
      status: 'done',
      version: 2,
      isOverridden: false,
      isCustom: false,
    });
    expect(matrix.progress).toMatchObject({ total: 6, done: 1 });
    expect(matrix.customers[0].progress).toMatchObject({ total: 3, done: 1 });
    expect(
      (await request(app).get(`/releases/${id}/matrix?cluster=nope`)).status,
    ).toBe(404);
    expect((await request(app).get(`/releases/${id}/matrix`)).status).toBe(400);
  });

  it('exports a release as JSON and CSV', async () => {
    const app = await setup();
    const { id, customers } = await activeRelease(app);
    await request(app)
      .post(`/releases/${id}/customers/${customers[0]}/steps`)
      .send({
        name: '=HYPERLINK("x")',
        category: 'deploy',
        type: 'text',
        content: 'a,"b"',
      });
    const json = await request(app).get(`/releases/${id}/export`);
    expect(json.status).toBe(200);
    expect(json.body.steps).toHaveLength(10);
    expect(json.body.templates).toHaveLength(3);
    const csv = await request(app).get(`/releases/${id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^cluster,customer,namespace,category/);
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(
      (await request(app).get(`/releases/${id}/export?format=xml`)).status,
    ).toBe(400);
  });

  it('freezes an archived release', async () => {
    const app = await setup();
    const { id, customers, release } = await activeRelease(app);
    const [step] = await stepsOf(app, id, customers[0]);
    const archived = await request(app)
      .post(`/releases/${id}/archive`)
      .send({ version: release.version });
    expect(archived.body).toMatchObject({ status: 'archived' });
    expect(
      (await request(app).post(`/steps/${step.id}/done`).send({ version: 1 }))
        .status,
    ).toBe(409);
    expect(
      (
        await request(app)
          .patch(`/releases/${id}`)
          .send({ version: archived.body.version, name: 'x' })
      ).status,
    ).toBe(409);
    expect(
      (
        await request(app)
          .post(`/releases/${id}/archive`)
          .send({ version: archived.body.version })
      ).status,
    ).toBe(409);
    expect(
      (
        await request(app)
          .post(`/releases/${id}/templates`)
          .send({ name: 'a', category: 'deploy', type: 'text', content: 'x' })
      ).status,
    ).toBe(409);
  });

  it('manages clusters and customers with soft delete', async () => {
    const app = await setup();
    const created = await request(app).post('/clusters').send({
      name: 'ap-east-1',
      region: 'ap-east-1',
      catalogEntityRef: 'resource:default/cluster-ap-east',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      displayName: 'ap-east-1',
      version: 1,
    });
    expect(
      (await request(app).post('/clusters').send({ name: 'ap-east-1' })).status,
    ).toBe(409);
    expect(
      (await request(app).post('/clusters').send({ name: 'bad name!' })).status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .post('/clusters')
          .send({ name: 'x-1', catalogEntityRef: 'not a ref' })
      ).status,
    ).toBe(400);

    const patched = await request(app)
      .patch('/clusters/ap-east-1')
      .send({ version: 1, displayName: 'AP East' });
    expect(patched.body).toMatchObject({ displayName: 'AP East', version: 2 });
    expect(
      (await request(app).patch('/clusters/ap-east-1').send({ version: 1 }))
        .status,
    ).toBe(409);

    const customer = await request(app).post('/customers').send({
      clusterId: created.body.id,
      name: 'Umbrella',
      namespace: 'tenant-umbrella',
    });
    expect(customer.status).toBe(201);
    expect(
      (
        await request(app).post('/customers').send({
          clusterId: created.body.id,
          name: 'Dup',
          namespace: 'tenant-umbrella',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await request(app)
          .post('/customers')
          .send({ clusterId: 99999, name: 'Dup', namespace: 'x' })
      ).status,
    ).toBe(400);
    expect(
      (await request(app).get(`/customers/${customer.body.id}`)).body,
    ).toMatchObject({
      clusterName: 'ap-east-1',
    });

    // a cluster with an active customer cannot be deleted
    const refused = await request(app).delete('/clusters/ap-east-1?version=2');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/1 active customer/);

    const deactivated = await request(app)
      .patch(`/customers/${customer.body.id}`)
      .send({ version: 1, isActive: false });
    expect(deactivated.body).toMatchObject({ isActive: false, version: 2 });
    expect(
      (await request(app).delete(`/customers/${customer.body.id}?version=1`))
        .status,
    ).toBe(409);
    expect(
      (await request(app).delete(`/customers/${customer.body.id}?version=2`))
        .status,
    ).toBe(204);
    expect(
      (await request(app).get(`/customers/${customer.body.id}`)).status,
    ).toBe(404);
    expect(
      (await request(app).delete('/clusters/ap-east-1?version=2')).status,
    ).toBe(204);
    expect((await request(app).get('/clusters/ap-east-1')).status).toBe(404);
    // the row is kept (soft delete)
    expect(
      await knex('clusters').where({ name: 'ap-east-1' }).first(),
    ).toBeTruthy();
  });

  it('answers 403 when the policy denies', async () => {
    const app = await setup(AuthorizeResult.DENY);
    const calls: Array<[string, object | undefined]> = [
      ['/releases', undefined],
      ['/releases', { name: 'x', type: 'release' }],
      ['/releases/1/activate', { version: 1 }],
      [
        '/releases/1/templates/reorder',
        { category: 'deploy', templateIds: [1] },
      ],
      ['/steps/1/done', { version: 1 }],
      ['/templates/1', { version: 1, content: 'x' }],
    ];
    for (const [path, body] of calls) {
      let res: request.Response;
      if (!body) {
        res = await request(app).get(path);
      } else if (path.startsWith('/templates')) {
        res = await request(app).patch(path).send(body);
      } else {
        res = await request(app).post(path).send(body);
      }
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect(
      (await request(app).post('/clusters').send({ name: 'ok-1' })).status,
    ).toBe(403);
    expect(publish).not.toHaveBeenCalled();
  });
});
