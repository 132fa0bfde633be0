import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DatabaseReleaseStore } from '../database/DatabaseReleaseStore';
import { sampleReleaseData, seedReleaseData } from '../testing/seed';
import { createRouter } from './router';
import { createServices } from './services';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

describe.each(ids)('router on %s', databaseId => {
  async function setup(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    const knex = await init(databaseId);
    const store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await seedReleaseData(knex, sampleReleaseData);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      services: createServices({ store }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  it('serves health without credentials', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists clusters with customer counts', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/clusters');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map(
        (c: { name: string; customerCount: number }) =>
          `${c.name}:${c.customerCount}`,
      ),
    ).toEqual(['empty-1:0', 'eu-west-1:3', 'us-east-1:2']);
  });

  it('returns one cluster, 404 when unknown', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const found = await request(app).get('/clusters/eu-west-1');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      name: 'eu-west-1',
      activeCustomerCount: 2,
    });
    const missing = await request(app).get('/clusters/ap-south-1');
    expect(missing.status).toBe(404);
  });

  it('pages the customers of a cluster', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get(
      '/clusters/eu-west-1/customers?limit=2&offset=1',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalCount: 3, limit: 2, offset: 1 });
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Globex',
      'Initech',
    ]);
  });

  it('answers 404 for the customers of an unknown cluster', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/clusters/nope/customers');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: "No cluster named 'nope'",
    });
  });

  it('searches customers with bound values', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const found = await request(app).get('/customers').query({ search: 'hoo' });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      totalCount: 1,
      items: [{ name: 'Hooli', clusterName: 'us-east-1' }],
    });

    const hostile = await request(app)
      .get('/customers')
      .query({ search: `%'; drop table customers; --` });
    expect(hostile.status).toBe(200);
    expect(hostile.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });

    const all = await request(app).get('/customers');
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(5);
  });

  it('rejects bad input with a 400 that names the field', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const badLimit = await request(app).get('/customers?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit/);

    const badOffset = await request(app).get(
      '/clusters/eu-west-1/customers?offset=-1',
    );
    expect(badOffset.status).toBe(400);
    expect(badOffset.body.error.message).toMatch(/offset/);

    const longSearch = await request(app)
      .get('/customers')
      .query({ search: 'x'.repeat(256) });
    expect(longSearch.status).toBe(400);
    expect(longSearch.body.error.message).toMatch(/search/);

    const repeated = await request(app).get('/customers?search=a&search=b');
    expect(repeated.status).toBe(400);
  });

  it('answers 403 on every read route when the policy denies', async () => {
    const app = await setup(AuthorizeResult.DENY);
    for (const path of [
      '/clusters',
      '/clusters/eu-west-1',
      '/clusters/eu-west-1/customers',
      '/customers?search=acme',
    ]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /release-orchestration\.cluster\.read/,
      );
    }
  });
});
