import { pageQuerySchema } from '@opshub/opshub-common';
import { parseInput } from '@opshub/opshub-node';
import {
  clusterCreatePermission,
  clusterReadPermission,
  clusterUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { RouteContext } from './context';
import {
  clusterParams,
  createClusterBody,
  createCustomerBody,
  customersQuery,
  idParams,
  updateClusterBody,
  updateCustomerBody,
  versionQuery,
} from './schemas';

/** Clusters and customers. @internal */
export function registerClusterRoutes(ctx: RouteContext): void {
  const { router, authorize, authorizeCluster } = ctx;
  const { clusters, resources } = ctx.services;

  router.get('/clusters', async (req, res) => {
    await authorize(req, clusterReadPermission);
    res.json({ items: await clusters.listClusters() });
  });

  router.post('/clusters', async (req, res) => {
    const body = parseInput(createClusterBody, req.body, 'body');
    await authorize(req, clusterCreatePermission);
    res.status(201).json(await clusters.createCluster(body));
  });

  router.get('/clusters/:name', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    await authorize(req, clusterReadPermission);
    res.json(await clusters.getCluster(name));
  });

  router.patch('/clusters/:name', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    const body = parseInput(updateClusterBody, req.body, 'body');
    await authorizeCluster(req, clusterUpdatePermission, name);
    res.json(await clusters.updateCluster(name, body));
  });

  router.delete('/clusters/:name', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    const { version } = parseInput(versionQuery, req.query, 'query');
    await authorizeCluster(req, clusterUpdatePermission, name);
    await clusters.deleteCluster(name, version);
    res.status(204).end();
  });

  router.get('/clusters/:name/customers', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    const page = parseInput(pageQuerySchema, req.query, 'query');
    await authorize(req, clusterReadPermission);
    res.json(await clusters.listClusterCustomers(name, page));
  });

  router.get('/customers', async (req, res) => {
    const { search, ...page } = parseInput(customersQuery, req.query, 'query');
    await authorize(req, clusterReadPermission);
    res.json(await clusters.searchCustomers(search, page));
  });

  router.post('/customers', async (req, res) => {
    const body = parseInput(createCustomerBody, req.body, 'body');
    // adding a customer writes its cluster
    await authorizeCluster(
      req,
      clusterUpdatePermission,
      await resources.clusterName(body.clusterId),
    );
    res.status(201).json(await clusters.createCustomer(body));
  });

  router.get('/customers/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, clusterReadPermission);
    res.json(await clusters.getCustomer(id));
  });

  router.patch('/customers/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(updateCustomerBody, req.body, 'body');
    await authorizeCluster(
      req,
      clusterUpdatePermission,
      await resources.clusterOfCustomer(id),
    );
    res.json(await clusters.updateCustomer(id, body));
  });

  router.delete('/customers/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionQuery, req.query, 'query');
    await authorizeCluster(
      req,
      clusterUpdatePermission,
      await resources.clusterOfCustomer(id),
    );
    await clusters.deleteCustomer(id, version);
    res.status(204).end();
  });
}
