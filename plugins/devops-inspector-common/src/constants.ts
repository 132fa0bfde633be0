/**
 * The plugin id: package names, `/api/devops-inspector`, permission names.
 *
 * @public
 */
export const DEVOPS_INSPECTOR_PLUGIN_ID = 'devops-inspector';

/**
 * Catalog annotation on a database Resource naming the configured inspector
 * environment it lives in, for example
 * `opshub.io/inspector-environment: dev`.
 *
 * @public
 */
export const INSPECTOR_ENVIRONMENT_ANNOTATION =
  'opshub.io/inspector-environment';

/**
 * Resource type of {@link inspectorEnvironmentReadPermission}; the resource
 * ref is the environment name (`local`, `dev`, `uat`, ...).
 *
 * @public
 */
export const INSPECTOR_ENVIRONMENT_RESOURCE_TYPE =
  'devops-inspector-environment';

/**
 * The environment tiers, from least to most sensitive.
 *
 * @public
 */
export const INSPECTOR_ENVIRONMENT_TIERS = [
  'local',
  'dev',
  'uat',
  'prod',
] as const;
