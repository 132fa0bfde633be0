import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import deploymentRollbackPlugin from '@opshub/plugin-deployment-rollback-backend';
import devopsInspectorPlugin from '@opshub/plugin-devops-inspector-backend';
import infraHealthPlugin from '@opshub/plugin-infra-health-backend';
import releaseOrchestrationPlugin from '@opshub/plugin-release-orchestration-backend';
import crypto from 'crypto';
import type { Server } from 'http';
import request from 'supertest';
import { malformedBodies, malformedParams, malformedQueries } from './inputs';
import { DiscoveredRoute, discoverRoutes } from './routes';

/**
 * Route-level fuzz test: starts the four OpsHub backends on one database
 * (PostgreSQL where the test command provides one, as in production),
 * discovers every route, and sends out-of-range, negative, non-numeric,
 * huge, unicode and prototype-pollution values in paths, queries and
 * bodies, plus JSON of the wrong type. Asserts that no answer is a 5xx,
 * that every 4xx says what is wrong, that no error body carries a stack
 * trace (the backend runs with NODE_ENV=production), and that no configured
 * secret appears in any body.
 */

// Secrets the config below holds; none may appear in any response.
const secrets = {
  inspectorPassword: `fuzz-pw-${crypto.randomBytes(8).toString('hex')}`,
  probeToken: `fuzz-token-${crypto.randomBytes(8).toString('hex')}`,
};

/** Routes served by Backstage itself, not by OpsHub code. */
const isFrameworkRoute = (route: DiscoveredRoute) =>
  /\/\.backstage\/|\/\.well-known\//.test(route.path);

/** A well-formed value for each path parameter, so one can be malformed at a time. */
function validParam(name: string) {
  if (name === 'name') return 'fuzz';
  if (name === 'schema') return 'public';
  if (name === 'table') return 'fuzz_table';
  return '1';
}

function fillPath(route: DiscoveredRoute, overrides: Record<string, string>) {
  return route.path.replace(
    /:(\w+)/g,
    (_, name: string) => overrides[name] ?? validParam(name),
  );
}

interface Outcome {
  what: string;
  status: number;
  text: string;
}

const { ids, init } = createTestDatabases();
// One database id is enough for the fuzz test: PostgreSQL when available.
const fuzzId = ids[0];

describe(`route fuzz test (${fuzzId})`, () => {
  let server: Server;
  let routes: DiscoveredRoute[];
  const previousNodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    const knex = await init(fuzzId);
    const client = knex.client.config.client;
    const inspectorUrl =
      client === 'pg'
        ? (() => {
            const url = new URL(
              process.env[
                `BACKSTAGE_TEST_DATABASE_${fuzzId.replace(
                  '_',
                  '',
                )}_CONNECTION_STRING`
              ]!,
            );
            url.pathname = `/${knex.client.database()}`;
            return url.toString();
          })()
        : undefined;
    // production mode: the error middleware must not show stack traces
    process.env.NODE_ENV = 'production';
    ({ server } = await startTestBackend({
      features: [
        releaseOrchestrationPlugin,
        deploymentRollbackPlugin,
        infraHealthPlugin,
        devopsInspectorPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            infraHealth: {
              checks: [
                {
                  name: 'fuzz check',
                  service: 'fuzz',
                  url: `http://127.0.0.1:1/health?token=${secrets.probeToken}`,
                  intervalSeconds: 3600,
                },
              ],
            },
            devopsInspector: {
              current: { name: 'fuzz', tier: 'dev' },
              environments: {
                ...(inspectorUrl
                  ? {
                      fuzz: {
                        label: 'Fuzz',
                        tier: 'dev',
                        connection: inspectorUrl,
                        statementTimeoutMs: 5000,
                      },
                    }
                  : {}),
                down: {
                  label: 'Down',
                  tier: 'prod',
                  connection: `postgresql://reader:${secrets.inspectorPassword}@127.0.0.1:1/nowhere`,
                  statementTimeoutMs: 1000,
                },
              },
            },
          },
        }),
      ],
    }));
    routes = discoverRoutes(server).filter(r => !isFrameworkRoute(r));
  }, 120_000);

  afterAll(() => {
    process.env.NODE_ENV = previousNodeEnv;
  });

  it('discovers the routes of all four backends', () => {
    for (const pluginId of [
      'release-orchestration',
      'deployment-rollback',
      'infra-health',
      'devops-inspector',
    ]) {
      expect(
        routes.filter(r => r.path.startsWith(`/api/${pluginId}/`)).length,
      ).toBeGreaterThan(1);
    }
  });

  it('answers malformed input with 4xx and a message, never 5xx, a stack or a secret', async () => {
    const outcomes: Outcome[] = [];
    const send = async (
      what: string,
      method: string,
      path: string,
      body?: string,
    ) => {
      let req = request(server)
        [method.toLowerCase() as 'get'](path)
        .set('Authorization', mockCredentials.user.header());
      if (body !== undefined) {
        req = req.set('Content-Type', 'application/json').send(body);
      }
      const res = await req;
      outcomes.push({ what, status: res.status, text: res.text ?? '' });
    };

    for (const route of routes) {
      const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
      const label = `${route.method} ${route.path}`;
      // every path parameter malformed, one at a time
      for (const param of route.params) {
        for (const [name, value] of malformedParams) {
          await send(
            `${label} :${param}=${name}`,
            route.method,
            fillPath(route, { [param]: value }),
            hasBody ? '{}' : undefined,
          );
        }
      }
      const path = fillPath(route, {});
      // malformed queries on every route
      for (const [name, query] of malformedQueries()) {
        await send(
          `${label} ${name}`,
          route.method,
          `${path}?${query}`,
          hasBody ? '{}' : undefined,
        );
      }
      // malformed and wrongly typed bodies on every write
      if (hasBody) {
        for (const [name, body] of malformedBodies) {
          await send(`${label} body ${name}`, route.method, path, body);
        }
      }
    }

    const problems: string[] = [];
    for (const outcome of outcomes) {
      const { what, status, text } = outcome;
      if (status >= 500) {
        problems.push(`${what}: ${status} ${text.slice(0, 200)}`);
      }
      if (status >= 400 && status < 500) {
        let message: unknown;
        try {
          message = JSON.parse(text)?.error?.message;
        } catch {
          message = undefined;
        }
        if (typeof message !== 'string' || message.trim() === '') {
          problems.push(
            `${what}: ${status} without an error message: ${text.slice(
              0,
              200,
            )}`,
          );
        }
      }
      if (/\n\s+at .+\(.+:\d+:\d+\)|"stack"\s*:/.test(text)) {
        problems.push(`${what}: ${status} body carries a stack trace`);
      }
      for (const [name, secret] of Object.entries(secrets)) {
        if (text.includes(secret)) {
          problems.push(`${what}: ${status} body contains ${name}`);
        }
      }
    }
    // prototype pollution through a body or a query leaves no trace
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const byStatus = outcomes.reduce<Record<number, number>>((acc, o) => {
      acc[o.status] = (acc[o.status] ?? 0) + 1;
      return acc;
    }, {});
    // the figures, for the log of the test command
    // eslint-disable-next-line no-console
    console.log(
      `route fuzz (${fuzzId}): ${routes.length} routes, ${
        outcomes.length
      } requests, statuses ${JSON.stringify(byStatus)}, ${
        problems.length
      } problems`,
    );
    expect(problems).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(1000);
  }, 600_000);
});
