import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { releaseOrchestrationPlugin } from './plugin';

describe('releaseOrchestrationPlugin', () => {
  it('starts, migrates and serves its routes', async () => {
    const { server } = await startTestBackend({
      features: [releaseOrchestrationPlugin, mockServices.rootConfig.factory()],
    });

    const health = await request(server).get(
      '/api/release-orchestration/health',
    );
    expect(health.status).toBe(200);

    const unauthenticated = await request(server)
      .get('/api/release-orchestration/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    const clusters = await request(server)
      .get('/api/release-orchestration/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(clusters.status).toBe(200);
    expect(clusters.body).toEqual({ items: [] });

    const customers = await request(server)
      .get('/api/release-orchestration/customers?search=acme')
      .set('Authorization', mockCredentials.user.header());
    expect(customers.status).toBe(200);
    expect(customers.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });

    const missing = await request(server)
      .get('/api/release-orchestration/clusters/eu-west-1/customers')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });
});
