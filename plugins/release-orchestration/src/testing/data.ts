import { Entity } from '@backstage/catalog-model';
import {
  Cluster,
  Customer,
  CustomerPage,
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
    customerCount: 3,
    activeCustomerCount: 2,
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
