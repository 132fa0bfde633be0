import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import deploymentRollbackPlugin from '@opshub/plugin-deployment-rollback-backend';
import devopsInspectorPlugin from '@opshub/plugin-devops-inspector-backend';
import infraHealthPlugin from '@opshub/plugin-infra-health-backend';
import opshubPolicyModule from '@opshub/plugin-permission-backend-module-opshub-policy';
import releaseOrchestrationPlugin from '@opshub/plugin-release-orchestration-backend';
import fs from 'fs';
import type { Server } from 'http';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { DiscoveredRoute, discoverRoutes } from './fuzz/routes';

/**
 * The production permission setup, end to end: the four OpsHub backends,
 * the catalog, the permission backend with `permission.enabled` and the
 * OpsHub policy module, real HTTP between them. Every write route and every
 * devops-inspector route that names an environment is discovered from the
 * routers and called as five callers:
 *
 * - nobody (no token): 401;
 * - a guest and an unrelated user: 403 on every write and on `prod`;
 * - an owner (member of the group that owns catalog entities): 403 on every
 *   write of what another team owns (the release, cluster, template, step and
 *   customer the routes name by default are the platform team's), 403 on the
 *   basic OpsHub writes, which name no owner (see the policy's README), 403 on
 *   `prod`; 2xx on every release-orchestration write route of the release and
 *   clusters whose catalog entities their group owns, and on writes to the
 *   catalog entity their group owns;
 * - an admin (member of `opshub.permissions.adminGroup`): 2xx.
 */

const ADMIN_GROUP = 'group:default/platform-admins';
const PROD = 'live';
const DEV = 'staging';

// what the catalog resolves at sign-in: the user and their groups
const ownership: Record<string, string[]> = {
  'user:development/guest': ['user:development/guest', 'group:default/guests'],
  'user:default/uma': ['user:default/uma', 'group:default/guests'],
  'user:default/olga': ['user:default/olga', 'group:default/payments-team'],
  'user:default/ada': ['user:default/ada', ADMIN_GROUP],
};

const callers = {
  guest: 'user:development/guest',
  unrelated: 'user:default/uma',
  owner: 'user:default/olga',
  admin: 'user:default/ada',
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: ownership[ref] ?? [ref],
      };
    },
  }),
});

/**
 * The mock auth service, except that a plugin calling another on behalf of a
 * user sends a token naming itself as the actor, as the real auth service's
 * on-behalf-of tokens do. Plugins' apply-conditions endpoints refuse user
 * tokens without an actor, so the permission backend could not resolve a
 * conditional decision (the inspector's tiers, the catalog's owners) with the
 * plain mock.
 */
const authFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const pluginId = plugin.getId();
    const auth = mockServices.auth({ pluginId });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type === 'user' && principal.userEntityRef) {
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${pluginId}` },
          }),
        };
      }
      return issue(options);
    };
    return auth;
  },
});

/**
 * A well-formed request for each route that is not a GET, so that the
 * route gets past validation to the permission check. Every discovered
 * route must have one: a new write route fails this test until it is added.
 */
const template = {
  name: 'migrate',
  category: 'deploy',
  type: 'sql',
  content: 'select 1',
};
const writeRequests: Record<string, { query?: string; body?: object }> = {
  'POST /api/release-orchestration/clusters': { body: { name: 'eu-west-1' } },
  'PATCH /api/release-orchestration/clusters/:name': {
    body: { version: 1, displayName: 'EU West' },
  },
  'DELETE /api/release-orchestration/clusters/:name': { query: 'version=1' },
  'POST /api/release-orchestration/customers': {
    body: { clusterId: 1, name: 'acme', namespace: 'acme' },
  },
  'PATCH /api/release-orchestration/customers/:id': {
    body: { version: 1, notes: 'x' },
  },
  'DELETE /api/release-orchestration/customers/:id': { query: 'version=1' },
  'POST /api/release-orchestration/releases': {
    body: { name: '2026.12', type: 'release' },
  },
  'PATCH /api/release-orchestration/releases/:id': {
    body: { version: 1, description: 'x' },
  },
  'DELETE /api/release-orchestration/releases/:id': { query: 'version=1' },
  'POST /api/release-orchestration/releases/:id/activate': {
    body: { version: 1 },
  },
  'POST /api/release-orchestration/releases/:id/customers': {
    body: { customerIds: [1] },
  },
  'POST /api/release-orchestration/releases/:id/archive': {
    body: { version: 1 },
  },
  'POST /api/release-orchestration/releases/:id/templates': { body: template },
  'POST /api/release-orchestration/releases/:id/templates/reorder': {
    body: { category: 'deploy', templateIds: [1] },
  },
  'PATCH /api/release-orchestration/templates/:id': {
    body: { version: 1, content: 'select 2' },
  },
  'DELETE /api/release-orchestration/templates/:id': { query: 'version=1' },
  'POST /api/release-orchestration/releases/:id/customers/:customerId/steps': {
    body: template,
  },
  'POST /api/release-orchestration/releases/:id/steps/bulk': {
    body: { action: 'done', steps: [{ id: 1, version: 1 }] },
  },
  'PUT /api/release-orchestration/steps/:id/content': {
    body: { version: 1, content: 'select 3' },
  },
  'POST /api/release-orchestration/steps/:id/reset': { body: { version: 1 } },
  'POST /api/release-orchestration/steps/:id/done': { body: { version: 1 } },
  'POST /api/release-orchestration/steps/:id/skip': {
    body: { version: 1, reason: 'not needed' },
  },
  'POST /api/release-orchestration/steps/:id/revert': { body: { version: 1 } },
  'POST /api/release-orchestration/steps/:id/reopen': { body: { version: 1 } },
  'DELETE /api/release-orchestration/steps/:id': { query: 'version=1' },
  // `:service` is checkout-web (platform team), `:environment` is prod
  'POST /api/deployment-rollback/services/:service/environments/:environment/deployments':
    { body: { version: '9.9.9', reason: 'policy test' } },
  'POST /api/deployment-rollback/services/:service/environments/:environment/rollback':
    { body: { reason: 'policy test' } },
  // infra-health checks managed through the API (infra-health.check.manage)
  'POST /api/infra-health/checks': {
    body: { name: 'policy-check', service: 'x', url: 'https://x.example.com' },
  },
  'PUT /api/infra-health/checks/:id': {
    body: { name: 'policy-check', service: 'x', url: 'https://x.example.com' },
  },
  'DELETE /api/infra-health/checks/:id': {},
  // SLOs managed through the API (infra-health.slo.manage)
  'POST /api/infra-health/slos': {
    body: {
      name: 'policy-slo',
      service: 'x',
      objective: 99,
      window: '7d',
      source: 'checks',
    },
  },
  'PUT /api/infra-health/slos/:id': {
    body: {
      name: 'policy-slo',
      service: 'x',
      objective: 99,
      window: '7d',
      source: 'checks',
    },
  },
  'DELETE /api/infra-health/slos/:id': {},
  // alert actions (alert.acknowledge, .escalate, .resolve)
  'POST /api/infra-health/alerts/:id/acknowledge': {
    body: { comment: 'policy test' },
  },
  'POST /api/infra-health/alerts/:id/escalate': { body: { target: 'slack' } },
  'POST /api/infra-health/alerts/:id/resolve': { body: {} },
  // reads sent as POST; they name environments, so they are prod routes
  'POST /api/devops-inspector/compare': {
    body: { source: DEV, targets: [PROD] },
  },
  'POST /api/devops-inspector/data-check': {
    body: { source: DEV, target: PROD },
  },
  'POST /api/devops-inspector/compare/jobs': {
    body: { source: DEV, targets: [PROD] },
  },
  // snapshot.create is a resource permission on the environment
  'POST /api/devops-inspector/snapshots': { body: { environment: PROD } },
  // cache.clear names no environment: a write, the admin group's only
  'POST /api/devops-inspector/actions/clear-cache': {},
};

const INSPECTOR = '/api/devops-inspector';
const isInspectorRoute = (route: DiscoveredRoute) =>
  route.path.startsWith(`${INSPECTOR}/`);
const key = (route: DiscoveredRoute) => `${route.method} ${route.path}`;
const isFrameworkRoute = (route: DiscoveredRoute) =>
  /\/\.backstage\/|\/\.well-known\//.test(route.path);

function fillPath(route: DiscoveredRoute) {
  return route.path.replace(/:(\w+)/g, (_, param: string) => {
    if (param === 'name') return isInspectorRoute(route) ? PROD : 'eu-west-1';
    if (param === 'service') return 'checkout-web';
    if (param === 'environment') return 'prod';
    if (param === 'schema') return 'public';
    if (param === 'table') return 'opshub_policy_probe';
    return '1';
  });
}

// each test sends dozens of requests through the permission backend; the
// machine running the suite may be busy
jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const dbId = ids[0];

describe(`production permission policy (${dbId})`, () => {
  let server: Server;
  let routes: DiscoveredRoute[];
  let pg = false;
  let tmpDir: string;

  beforeAll(async () => {
    const knex = await init(dbId);
    pg = knex.client.config.client === 'pg';
    // the inspector reads the test database itself when it is PostgreSQL
    const inspectorUrl = (() => {
      if (!pg) return 'postgresql://reader:unused@127.0.0.1:1/nowhere';
      const url = new URL(
        process.env[
          `BACKSTAGE_TEST_DATABASE_${dbId.replace('_', '')}_CONNECTION_STRING`
        ]!,
      );
      url.pathname = `/${knex.client.database()}`;
      return url.toString();
    })();

    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-policy-'));
    const entities = path.join(tmpDir, 'entities.yaml');
    fs.writeFileSync(
      entities,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: payments-api',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/payments-team',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: checkout-web',
        'spec:',
        '  type: website',
        '  lifecycle: production',
        '  owner: group:default/platform-team',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: cluster-payments',
        'spec:',
        '  type: kubernetes-cluster',
        '  owner: payments-team',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: cluster-platform',
        'spec:',
        '  type: kubernetes-cluster',
        '  owner: group:default/platform-team',
        '',
      ].join('\n'),
    );

    ({ server } = await startTestBackend({
      features: [
        permissionPlugin,
        opshubPolicyModule,
        catalogPlugin,
        releaseOrchestrationPlugin,
        deploymentRollbackPlugin,
        infraHealthPlugin,
        devopsInspectorPlugin,
        userInfoFactory,
        authFactory,
        // requests without a token carry no credentials
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            opshub: { permissions: { adminGroup: ADMIN_GROUP } },
            catalog: {
              rules: [{ allow: ['Component', 'Resource'] }],
              locations: [{ type: 'file', target: entities }],
            },
            infraHealth: {
              checks: [],
              alertmanager: { token: 'policy-test-alertmanager-token' },
            },
            deploymentRollback: {
              webhooks: { generic: { secret: 'policy-test-webhook-secret' } },
              // a deployer on a closed port: deployments start, then fail
              environments: [
                {
                  name: 'prod',
                  executor: {
                    type: 'generic',
                    url: 'http://127.0.0.1:9/deploy',
                    secret: 'policy-test-deployer-secret',
                    timeoutMs: 2000,
                  },
                },
              ],
            },
            devopsInspector: {
              current: { name: DEV, tier: 'uat' },
              dataCheck: { enabled: true },
              environments: {
                [DEV]: {
                  label: 'Staging',
                  tier: 'uat',
                  connection: inspectorUrl,
                  statementTimeoutMs: 5000,
                },
                [PROD]: {
                  label: 'Live',
                  tier: 'prod',
                  connection: inspectorUrl,
                  statementTimeoutMs: 5000,
                },
              },
            },
          },
        }),
      ],
    }));
    routes = discoverRoutes(server).filter(r => !isFrameworkRoute(r));
    await seedPlatformRelease();
  }, 180_000);

  const asAdmin = (r: request.Test) =>
    r.set('Authorization', mockCredentials.user.header(callers.admin));
  const ro = (p: string) => `/api/release-orchestration${p}`;

  /**
   * What the write routes name by default (`fillPath`: id 1, cluster
   * `eu-west-1`) exists and belongs to the platform team: release 1 of
   * `component:default/checkout-web`, active, with template 1, customer 1 on
   * cluster `eu-west-1` (id 1, `resource:default/cluster-platform`) and
   * step 1. So the 403s below are refusals of an existing resource, not of
   * a missing one.
   */
  async function seedPlatformRelease() {
    const cluster = await asAdmin(request(server).post(ro('/clusters'))).send({
      name: 'eu-west-1',
      catalogEntityRef: 'resource:default/cluster-platform',
    });
    const customer = await asAdmin(request(server).post(ro('/customers'))).send(
      { clusterId: cluster.body.id, name: 'acme', namespace: 'acme' },
    );
    const release = await asAdmin(request(server).post(ro('/releases'))).send({
      name: 'platform 2026.12',
      type: 'release',
      catalogEntityRef: 'component:default/checkout-web',
    });
    const firstTemplate = await asAdmin(
      request(server).post(ro(`/releases/${release.body.id}/templates`)),
    ).send(template);
    const activated = await asAdmin(
      request(server).post(ro(`/releases/${release.body.id}/activate`)),
    ).send({ version: release.body.version, customerIds: [customer.body.id] });
    const steps = await asAdmin(
      request(server).get(
        ro(`/releases/${release.body.id}/customers/${customer.body.id}/steps`),
      ),
    );
    expect({
      cluster: [cluster.status, cluster.body.id],
      customer: [customer.status, customer.body.id],
      release: [release.status, release.body.id],
      template: [firstTemplate.status, firstTemplate.body.template?.id],
      activated: activated.status,
      steps: steps.body.items?.map((step: { id: number }) => step.id),
    }).toEqual({
      cluster: [201, 1],
      customer: [201, 1],
      release: [201, 1],
      template: [201, 1],
      activated: 200,
      steps: [1],
    });
  }

  afterAll(async () => {
    // TestDatabases drops its databases after all tests
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  const send = (route: DiscoveredRoute, caller?: string) => {
    const spec = writeRequests[key(route)] ?? {};
    const url = `${fillPath(route)}${spec.query ? `?${spec.query}` : ''}`;
    let req = request(server)[route.method.toLowerCase() as 'get'](url);
    if (caller) {
      req = req.set('Authorization', mockCredentials.user.header(caller));
    }
    return spec.body ? req.send(spec.body) : req;
  };

  /**
   * OpsHub routes that write: every method but GET outside the inspector.
   * Webhook receivers are not among them: they take no user token and
   * authenticate each delivery by its signature instead.
   */
  const isWebhookRoute = (r: DiscoveredRoute) =>
    r.path.includes('/webhooks/') ||
    r.path === '/api/infra-health/alerts/alertmanager';
  const writeRoutes = () =>
    routes.filter(
      r =>
        r.method !== 'GET' &&
        !isInspectorRoute(r) &&
        !isWebhookRoute(r) &&
        /^\/api\/(release-orchestration|deployment-rollback|infra-health)\//.test(
          r.path,
        ),
    );
  /**
   * Inspector routes that name an environment, sent with the prod one, and
   * the configuration view, which describes prod too.
   */
  const isOwnJobRoute = (r: DiscoveredRoute) =>
    r.path === `${INSPECTOR}/compare/jobs/:id`;
  const prodRoutes = () =>
    routes.filter(
      r =>
        isInspectorRoute(r) &&
        // a compare job is its creator's own (404 to anyone else, tested
        // below); starting one is a compare, and is in this list
        !isOwnJobRoute(r) &&
        (r.params.includes('name') ||
          r.method !== 'GET' ||
          r.path === `${INSPECTOR}/config`),
    );

  it('discovers the write and prod routes, with a request for each', () => {
    expect(writeRoutes().length).toBeGreaterThanOrEqual(20);
    expect(prodRoutes().map(key)).toEqual(
      expect.arrayContaining([
        `GET ${INSPECTOR}/environments/:name/tables`,
        `GET ${INSPECTOR}/environments/:name/tables/:schema/:table`,
        `POST ${INSPECTOR}/compare`,
        `GET ${INSPECTOR}/config`,
      ]),
    );
    const missing = [...writeRoutes(), ...prodRoutes()]
      .filter(r => r.method !== 'GET' && !writeRequests[key(r)])
      .map(key);
    expect(missing).toEqual([]);
  });

  it("keeps a compare job its creator's own: 404 to anyone else", async () => {
    const jobRoutes = routes.filter(isOwnJobRoute).map(key);
    expect(jobRoutes).toEqual(
      expect.arrayContaining([
        `GET ${INSPECTOR}/compare/jobs/:id`,
        `DELETE ${INSPECTOR}/compare/jobs/:id`,
      ]),
    );
    const started = await request(server)
      .post(`${INSPECTOR}/compare/jobs`)
      .set('Authorization', mockCredentials.user.header(callers.admin))
      .send({ source: DEV, targets: [PROD] });
    expect(started.status).toBe(202);
    const url = `${INSPECTOR}/compare/jobs/${started.body.id}`;
    for (const caller of [callers.guest, callers.unrelated, callers.owner]) {
      for (const method of ['get', 'delete'] as const) {
        const res = await request(server)
          [method](url)
          .set('Authorization', mockCredentials.user.header(caller));
        expect({ caller, method, status: res.status }).toEqual({
          caller,
          method,
          status: 404,
        });
      }
    }
    const own = await request(server)
      .get(url)
      .set('Authorization', mockCredentials.user.header(callers.admin));
    expect(own.status).toBe(200);
    const unauthenticated = await request(server).get(url);
    expect(unauthenticated.status).toBe(401);
  });

  it('answers 401 to every write and prod route without a token', async () => {
    const unexpected: string[] = [];
    for (const route of [...writeRoutes(), ...prodRoutes()]) {
      const res = await send(route);
      if (res.status !== 401) {
        unexpected.push(`${key(route)}: ${res.status} ${res.text}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it.each([
    ['a guest', callers.guest],
    ['an unrelated user', callers.unrelated],
    ['an owner, on what another team owns', callers.owner],
  ])(
    'answers 403 to %s on every OpsHub write and every prod route',
    async (_who, caller) => {
      const unexpected: string[] = [];
      for (const route of [...writeRoutes(), ...prodRoutes()]) {
        const res = await send(route, caller);
        if (
          res.status !== 403 ||
          !/^Permission denied/.test(res.body?.error?.message ?? '')
        ) {
          unexpected.push(`${key(route)}: ${res.status} ${res.text}`);
        }
      }
      expect(unexpected).toEqual([]);
    },
  );

  it('refuses unsigned webhook deliveries, whoever sends them', async () => {
    const webhooks = routes.filter(isWebhookRoute);
    expect(webhooks.length).toBeGreaterThan(0);
    const accepted: string[] = [];
    for (const route of webhooks) {
      const url = route.path.replace(':provider', 'generic');
      for (const caller of [undefined, callers.unrelated, callers.admin]) {
        let req = request(server).post(url);
        if (caller) {
          req = req.set('Authorization', mockCredentials.user.header(caller));
        }
        const res = await req.send({ environment: 'prod', version: '1.0.0' });
        if (res.status < 400 || res.status >= 500) {
          accepted.push(`${url} as ${caller ?? 'nobody'}: ${res.status}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('lets signed-in users read, but lists prod to the admin group only', async () => {
    const list = async (caller: string) => {
      const res = await request(server)
        .get(`${INSPECTOR}/environments`)
        .set('Authorization', mockCredentials.user.header(caller));
      expect({ caller, status: res.status, body: res.body }).toMatchObject({
        status: 200,
      });
      return JSON.stringify(res.body);
    };
    for (const caller of [callers.guest, callers.unrelated, callers.owner]) {
      const body = await list(caller);
      expect(body).toContain(`"${DEV}"`);
      expect(body).not.toContain(`"${PROD}"`);
    }
    expect(await list(callers.admin)).toContain(`"${PROD}"`);

    for (const readPath of [
      '/api/release-orchestration/releases',
      '/api/release-orchestration/clusters',
      '/api/deployment-rollback/environments',
      '/api/infra-health/checks',
    ]) {
      const res = await request(server)
        .get(readPath)
        .set('Authorization', mockCredentials.user.header(callers.unrelated));
      expect({ readPath, status: res.status }).toEqual({
        readPath,
        status: 200,
      });
    }
  });

  it('lets the admin group write and inspect prod', async () => {
    const as = (r: request.Test) =>
      r.set('Authorization', mockCredentials.user.header(callers.admin));
    const cluster = await as(
      request(server).post('/api/release-orchestration/clusters'),
    ).send({ name: 'admin-cluster' });
    expect(cluster.status).toBe(201);
    const release = await as(
      request(server).post('/api/release-orchestration/releases'),
    ).send({ name: 'admin release', type: 'release' });
    expect(release.status).toBe(201);
    const updated = await as(
      request(server).patch(
        `/api/release-orchestration/releases/${release.body.id}`,
      ),
    ).send({ version: release.body.version, description: 'by an admin' });
    expect(updated.status).toBe(200);
    const deleted = await as(
      request(server).delete(
        `/api/release-orchestration/releases/${release.body.id}?version=${updated.body.version}`,
      ),
    );
    expect(deleted.status).toBe(204);

    // prod is no longer refused: 200 against PostgreSQL, 503 where the
    // environment's database cannot be reached
    const tables = await as(
      request(server).get(`${INSPECTOR}/environments/${PROD}/tables`),
    );
    expect(pg ? [200] : [200, 503]).toContain(tables.status);
    const config = await as(request(server).get(`${INSPECTOR}/config`));
    expect(config.status).toBe(200);
  });

  it('lets an owner deploy and roll back the service their group owns, and nobody else', async () => {
    // wait for the catalog to ingest the components
    let names: string[] = [];
    for (let i = 0; i < 100 && names.length < 2; i++) {
      const res = await request(server)
        .get('/api/catalog/entities?filter=kind=component')
        .set('Authorization', mockCredentials.user.header(callers.unrelated));
      const items: Array<{ metadata: { name: string } }> = Array.isArray(
        res.body,
      )
        ? res.body
        : res.body.items ?? [];
      names = items.map(e => e.metadata.name).sort();
      if (names.length < 2) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    expect(names).toEqual(['checkout-web', 'payments-api']);
    const dr = (p: string) => `/api/deployment-rollback/services${p}`;
    const trigger = (service: string, caller: string) =>
      request(server)
        .post(dr(`/${service}/environments/prod/deployments`))
        .set('Authorization', mockCredentials.user.header(caller))
        .send({ version: '2.0.0' });
    // the owner's trigger is accepted; the closed deployer port fails it
    const owned = await trigger('payments-api', callers.owner);
    expect({ status: owned.status, source: owned.body.source }).toEqual({
      status: 202,
      source: 'trigger',
    });
    for (const [service, caller] of [
      ['payments-api', callers.unrelated],
      ['checkout-web', callers.owner],
    ]) {
      const res = await trigger(service, caller);
      expect({ service, caller, status: res.status }).toEqual({
        service,
        caller,
        status: 403,
      });
    }
    // past the policy, a rollback without an earlier good deployment is 409
    const rollback = await request(server)
      .post(dr('/payments-api/environments/prod/rollback'))
      .set('Authorization', mockCredentials.user.header(callers.owner))
      .send({ reason: 'policy test' });
    expect(rollback.status).toBe(409);
    expect(rollback.body.error.message).toMatch(/no earlier good deployment/);
  });

  it('lets an owner write the catalog entity their group owns, and nobody else', async () => {
    const as = (r: request.Test, caller: string) =>
      r.set('Authorization', mockCredentials.user.header(caller));
    // wait for the catalog to ingest the entities
    let uids: Record<string, string> = {};
    for (let i = 0; i < 100 && Object.keys(uids).length < 2; i++) {
      const res = await as(
        request(server).get('/api/catalog/entities?filter=kind=component'),
        callers.unrelated,
      );
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 200,
      });
      const items: Array<{ metadata: { name: string; uid: string } }> =
        Array.isArray(res.body) ? res.body : res.body.items;
      uids = Object.fromEntries(
        items.map(e => [e.metadata.name, e.metadata.uid]),
      );
      if (Object.keys(uids).length < 2) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    expect(Object.keys(uids).sort()).toEqual(['checkout-web', 'payments-api']);

    const refresh = (entityRef: string, caller: string) =>
      as(request(server).post('/api/catalog/refresh'), caller).send({
        entityRef,
      });
    expect(
      (await refresh('component:default/payments-api', callers.owner)).status,
    ).toBe(200);
    expect(
      (await refresh('component:default/checkout-web', callers.owner)).status,
    ).toBe(403);
    expect(
      (await refresh('component:default/payments-api', callers.unrelated))
        .status,
    ).toBe(403);

    const remove = (name: string, caller: string) =>
      as(
        request(server).delete(`/api/catalog/entities/by-uid/${uids[name]}`),
        caller,
      );
    expect((await remove('payments-api', callers.unrelated)).status).toBe(403);
    expect((await remove('checkout-web', callers.owner)).status).toBe(403);
    expect((await remove('payments-api', callers.owner)).status).toBe(204);
  });

  /** Waits until the catalog has ingested the test entities. */
  async function catalogUids(kind: string, count: number) {
    let uids: Record<string, string> = {};
    for (let i = 0; i < 100 && Object.keys(uids).length < count; i++) {
      const res = await request(server)
        .get(`/api/catalog/entities?filter=kind=${kind}`)
        .set('Authorization', mockCredentials.user.header(callers.unrelated));
      expect({ status: res.status }).toEqual({ status: 200 });
      const items: Array<{ metadata: { name: string; uid: string } }> =
        Array.isArray(res.body) ? res.body : res.body.items;
      uids = Object.fromEntries(
        items.map(e => [e.metadata.name, e.metadata.uid]),
      );
      if (Object.keys(uids).length < count) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    return uids;
  }

  it('lets an owner write every release-orchestration route of the release and clusters their group owns, and nobody else', async () => {
    expect(Object.keys(await catalogUids('resource', 2)).sort()).toEqual([
      'cluster-payments',
      'cluster-platform',
    ]);
    expect(Object.keys(await catalogUids('component', 2)).length).toBe(2);

    // what the admin group creates for the payments team
    const created = async (apiPath: string, body: object) => {
      const res = await asAdmin(request(server).post(ro(apiPath))).send(body);
      expect({ apiPath, status: res.status }).toEqual({
        apiPath,
        status: 201,
      });
      return res.body;
    };
    const ownedCluster = {
      catalogEntityRef: 'resource:default/cluster-payments',
    };
    const cluster = await created('/clusters', {
      name: 'payments-eu',
      ...ownedCluster,
    });
    const spareCluster = await created('/clusters', {
      name: 'payments-spare',
      ...ownedCluster,
    });
    const ownedRelease = {
      type: 'release',
      catalogEntityRef: 'component:default/payments-api',
    };
    let release = await created('/releases', {
      name: 'payments 2026.12',
      ...ownedRelease,
    });
    const draft = await created('/releases', {
      name: 'payments draft',
      ...ownedRelease,
    });

    /**
     * Sends one write as a guest and an unrelated user (403, and since
     * authorization comes first nothing is written) and then as the owner
     * (2xx); records the route.
     */
    const covered = new Set<string>();
    const write = async (
      method: 'post' | 'patch' | 'put' | 'delete',
      route: string,
      apiPath: string,
      body?: object,
    ) => {
      const sendAs = (caller: string) => {
        const req = request(server)
          [method](ro(apiPath))
          .set('Authorization', mockCredentials.user.header(caller));
        return body ? req.send(body) : req;
      };
      for (const other of [callers.guest, callers.unrelated]) {
        const denied = await sendAs(other);
        expect({
          route,
          other,
          answer:
            denied.status === 403 ? 403 : `${denied.status} ${denied.text}`,
        }).toEqual({ route, other, answer: 403 });
      }
      const res = await sendAs(callers.owner);
      expect({
        route,
        answer:
          res.status >= 200 && res.status < 300
            ? '2xx'
            : `${res.status} ${res.text}`,
      }).toEqual({ route, answer: '2xx' });
      covered.add(`${method.toUpperCase()} /api/release-orchestration${route}`);
      return res.body;
    };

    // the cluster and its customers
    await write('patch', '/clusters/:name', `/clusters/${cluster.name}`, {
      version: cluster.version,
      displayName: 'Payments EU',
    });
    const customer = await write('post', '/customers', '/customers', {
      clusterId: cluster.id,
      name: 'globex',
      namespace: 'globex',
    });
    const late = await write('post', '/customers', '/customers', {
      clusterId: cluster.id,
      name: 'initech',
      namespace: 'initech',
    });
    const gone = await write('post', '/customers', '/customers', {
      clusterId: cluster.id,
      name: 'hooli',
      namespace: 'hooli',
    });
    await write('patch', '/customers/:id', `/customers/${customer.id}`, {
      version: customer.version,
      notes: 'owned by payments',
    });
    await write(
      'delete',
      '/customers/:id',
      `/customers/${gone.id}?version=${gone.version}`,
    );
    await write(
      'delete',
      '/clusters/:name',
      `/clusters/${spareCluster.name}?version=${spareCluster.version}`,
    );

    // the release and its templates
    const { template: first } = await write(
      'post',
      '/releases/:id/templates',
      `/releases/${release.id}/templates`,
      template,
    );
    const { template: second } = await write(
      'post',
      '/releases/:id/templates',
      `/releases/${release.id}/templates`,
      { ...template, name: 'seed' },
    );
    const reordered = await write(
      'post',
      '/releases/:id/templates/reorder',
      `/releases/${release.id}/templates/reorder`,
      { category: 'deploy', templateIds: [second.id, first.id] },
    );
    const version = (
      items: Array<{ id: number; version: number }>,
      id: number,
    ) => items.find(item => item.id === id)!.version;
    await write('patch', '/templates/:id', `/templates/${first.id}`, {
      version: version(reordered.items, first.id),
      content: 'select 2',
    });
    await write(
      'delete',
      '/templates/:id',
      `/templates/${second.id}?version=${version(reordered.items, second.id)}`,
    );
    release = await write('patch', '/releases/:id', `/releases/${release.id}`, {
      version: release.version,
      description: 'by the payments team',
    });
    ({ release } = await write(
      'post',
      '/releases/:id/activate',
      `/releases/${release.id}/activate`,
      { version: release.version, customerIds: [customer.id] },
    ));
    await write(
      'post',
      '/releases/:id/customers',
      `/releases/${release.id}/customers`,
      { customerIds: [late.id] },
    );

    // the steps
    const stepsOf = async (customerId: number) =>
      (
        await asAdmin(
          request(server).get(
            ro(`/releases/${release.id}/customers/${customerId}/steps`),
          ),
        )
      ).body.items as Array<{ id: number; version: number }>;
    const [step] = await stepsOf(customer.id);
    const [lateStep] = await stepsOf(late.id);
    const custom = await write(
      'post',
      '/releases/:id/customers/:customerId/steps',
      `/releases/${release.id}/customers/${customer.id}/steps`,
      { ...template, name: 'custom' },
    );
    let current = await write(
      'put',
      '/steps/:id/content',
      `/steps/${step.id}/content`,
      { version: step.version, content: 'select 3' },
    );
    current = await write(
      'post',
      '/steps/:id/reset',
      `/steps/${step.id}/reset`,
      {
        version: current.version,
      },
    );
    current = await write('post', '/steps/:id/done', `/steps/${step.id}/done`, {
      version: current.version,
    });
    current = await write(
      'post',
      '/steps/:id/revert',
      `/steps/${step.id}/revert`,
      { version: current.version, reason: 'rolled back' },
    );
    current = await write(
      'post',
      '/steps/:id/reopen',
      `/steps/${step.id}/reopen`,
      { version: current.version },
    );
    await write('post', '/steps/:id/skip', `/steps/${step.id}/skip`, {
      version: current.version,
      reason: 'not needed',
    });
    await write(
      'post',
      '/releases/:id/steps/bulk',
      `/releases/${release.id}/steps/bulk`,
      {
        action: 'done',
        steps: [{ id: lateStep.id, version: lateStep.version }],
      },
    );
    await write(
      'delete',
      '/steps/:id',
      `/steps/${custom.id}?version=${custom.version}`,
    );
    release = (
      await asAdmin(request(server).get(ro(`/releases/${release.id}`)))
    ).body;
    await write(
      'post',
      '/releases/:id/archive',
      `/releases/${release.id}/archive`,
      { version: release.version },
    );
    await write(
      'delete',
      '/releases/:id',
      `/releases/${draft.id}?version=${draft.version}`,
    );

    // every release-orchestration write route but the two creates, which
    // stay with the admin group
    const expected = writeRoutes()
      .map(key)
      .filter(k => k.includes('/api/release-orchestration/'))
      .filter(
        k =>
          k !== 'POST /api/release-orchestration/clusters' &&
          k !== 'POST /api/release-orchestration/releases',
      )
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect([...covered].sort()).toEqual(expected);

    // creating stays with the admin group
    for (const [apiPath, body] of [
      ['/clusters', { name: 'mine', ...ownedCluster }],
      ['/releases', { name: 'mine', ...ownedRelease }],
    ] as const) {
      const res = await request(server)
        .post(ro(apiPath))
        .set('Authorization', mockCredentials.user.header(callers.owner))
        .send(body);
      expect({ apiPath, status: res.status }).toEqual({
        apiPath,
        status: 403,
      });
    }
  });
});
