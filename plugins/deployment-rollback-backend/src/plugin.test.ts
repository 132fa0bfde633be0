import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { deploymentRollbackPlugin } from './plugin';

describe('deploymentRollbackPlugin', () => {
  it('starts, migrates and serves its routes', async () => {
    const { server } = await startTestBackend({
      features: [deploymentRollbackPlugin, mockServices.rootConfig.factory()],
    });

    const health = await request(server).get('/api/deployment-rollback/health');
    expect(health.status).toBe(200);

    const unauthenticated = await request(server)
      .get('/api/deployment-rollback/deployments')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    const list = await request(server)
      .get('/api/deployment-rollback/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });
  });
});
