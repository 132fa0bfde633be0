import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Cluster,
  Customer,
  CustomerPage,
  CustomerStep,
  Progress,
  Release,
  ReleaseDetail,
  ReleaseMatrix,
  StepEvent,
  StepTemplate,
} from '@opshub/plugin-release-orchestration-common';

/** Test data shared by the component tests. */
export function cluster(overrides: Partial<Cluster> = {}): Cluster {
  return {
    id: 1,
    name: 'eu-west-1',
    displayName: 'EU West 1',
    description: null,
    region: 'eu-west-1',
    catalogEntityRef: 'resource:default/cluster-eu-west',
    kubeconfigPath: null,
    metadata: {},
    customerCount: 3,
    activeCustomerCount: 2,
    version: 1,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A customer of `eu-west-1`. */
export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 1,
    clusterId: 1,
    clusterName: 'eu-west-1',
    name: 'Acme Corporation',
    namespace: 'tenant-acme',
    catalogEntityRef: null,
    isActive: true,
    notes: null,
    metadata: {},
    version: 1,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A page holding `items`. */
export function page(items: Customer[], limit = 20): CustomerPage {
  return { items, totalCount: items.length, limit, offset: 0 };
}

/** A cluster Resource with the given annotations. */
export function clusterEntity(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'cluster-eu-west', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
  };
}

const at = '2026-11-18T09:00:00.000Z';

/** Progress counts; `percent` is computed. */
export function progress(overrides: Partial<Progress> = {}): Progress {
  const p = { total: 0, pending: 0, done: 0, skipped: 0, reverted: 0 };
  Object.assign(p, overrides);
  const total = p.total || p.pending + p.done + p.skipped + p.reverted;
  return {
    ...p,
    total,
    percent: total ? Math.floor(((p.done + p.skipped) * 100) / total) : 0,
  };
}

/** The active release `2026.11`. */
export function release(overrides: Partial<Release> = {}): Release {
  return {
    id: 7,
    name: '2026.11',
    type: 'release',
    status: 'active',
    versionNumber: '2026.11.0',
    releaseDate: '2026-11-24',
    description: 'November release',
    catalogEntityRef: 'component:default/payments-api',
    metadata: {},
    createdBy: 'user:default/alice.nguyen',
    activatedAt: at,
    archivedAt: null,
    version: 3,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A template of release 7. */
export function template(overrides: Partial<StepTemplate> = {}): StepTemplate {
  return {
    id: 101,
    releaseId: 7,
    name: 'Back up the payments schema',
    category: 'deploy',
    type: 'bash',
    content: 'pg_dump --schema=payments',
    description: null,
    orderIndex: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Release 7 with its templates. */
export function releaseDetail(
  overrides: Partial<ReleaseDetail> = {},
): ReleaseDetail {
  return {
    ...release(),
    templates: [
      template(),
      template({ id: 102, name: 'Roll out 2.6.0', orderIndex: 1 }),
      template({
        id: 103,
        name: 'Verify ledger balances',
        category: 'verify',
        type: 'sql',
        content: 'SELECT 1;',
        orderIndex: 0,
      }),
    ],
    customerCount: 2,
    progress: progress({ done: 2, pending: 4 }),
    ...overrides,
  };
}

/** A step of Acme (customer 1) in release 7. */
export function step(overrides: Partial<CustomerStep> = {}): CustomerStep {
  return {
    id: 501,
    releaseId: 7,
    customerId: 1,
    templateId: 101,
    name: 'Back up the payments schema',
    category: 'deploy',
    type: 'bash',
    content: 'pg_dump --schema=payments',
    orderIndex: 0,
    status: 'pending',
    executedAt: null,
    executedBy: null,
    skipReason: null,
    notes: null,
    isCustom: false,
    isOverridden: false,
    version: 4,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A history entry of step 501. */
export function stepEvent(overrides: Partial<StepEvent> = {}): StepEvent {
  return {
    id: 1,
    stepId: 501,
    releaseId: 7,
    customerId: 1,
    kind: 'created',
    actor: 'user:default/alice.nguyen',
    at,
    fromStatus: null,
    toStatus: 'pending',
    note: null,
    contentBefore: null,
    contentAfter: null,
    ...overrides,
  };
}

/** The matrix of eu-west-1 in release 7: Acme and Globex, two steps. */
export function matrix(overrides: Partial<ReleaseMatrix> = {}): ReleaseMatrix {
  return {
    releaseId: 7,
    clusterId: 1,
    clusterName: 'eu-west-1',
    steps: [
      {
        key: 't101',
        templateId: 101,
        name: 'Back up the payments schema',
        category: 'deploy',
        type: 'bash',
        orderIndex: 0,
        isCustom: false,
      },
      {
        key: 't103',
        templateId: 103,
        name: 'Verify ledger balances',
        category: 'verify',
        type: 'sql',
        orderIndex: 0,
        isCustom: false,
      },
    ],
    customers: [
      {
        id: 1,
        name: 'Acme Corporation',
        namespace: 'tenant-acme',
        progress: progress({ done: 1, pending: 1 }),
      },
      {
        id: 2,
        name: 'Globex',
        namespace: 'tenant-globex',
        progress: progress({ pending: 2 }),
      },
    ],
    cells: {
      '1': {
        t101: {
          stepId: 501,
          status: 'done',
          version: 2,
          isOverridden: false,
          isCustom: false,
        },
        t103: {
          stepId: 502,
          status: 'pending',
          version: 1,
          isOverridden: false,
          isCustom: false,
        },
      },
      '2': {
        t101: {
          stepId: 503,
          status: 'pending',
          version: 5,
          isOverridden: true,
          isCustom: false,
        },
        t103: {
          stepId: 504,
          status: 'pending',
          version: 1,
          isOverridden: false,
          isCustom: false,
        },
      },
    },
    progress: progress({ done: 1, pending: 3 }),
    totalCount: 2,
    limit: 100,
    offset: 0,
    ...overrides,
  };
}

/** The ResponseError the client throws for an error response of the backend. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
