/**
 * The plugin id: package names, `/api/release-orchestration`, permission
 * names.
 *
 * @public
 */
export const RELEASE_ORCHESTRATION_PLUGIN_ID = 'release-orchestration';

/**
 * Catalog annotation on a cluster Resource naming the release cluster it
 * stands for, for example `opshub.io/release-cluster: eu-west-1`.
 *
 * @public
 */
export const RELEASE_CLUSTER_ANNOTATION = 'opshub.io/release-cluster';

/**
 * Catalog annotation naming the release customer an entity stands for, for
 * example `opshub.io/release-customer: tenant-acme`.
 *
 * @public
 */
export const RELEASE_CUSTOMER_ANNOTATION = 'opshub.io/release-customer';

/**
 * Catalog annotation on a Component or System naming the component it ships in
 * releases, for example `opshub.io/release-component: payments-api`.
 *
 * @public
 */
export const RELEASE_COMPONENT_ANNOTATION = 'opshub.io/release-component';

/**
 * Permission resource type of a release; the resource ref is the release id
 * as a string (`"42"`). Writes on a release's templates and steps are
 * authorized against their release.
 *
 * @public
 */
export const RELEASE_RESOURCE_TYPE = 'release-orchestration-release';

/**
 * Permission resource type of a cluster; the resource ref is the cluster name
 * (`"eu-west-1"`). Writes on a customer are authorized against its cluster.
 *
 * @public
 */
export const CLUSTER_RESOURCE_TYPE = 'release-orchestration-cluster';
