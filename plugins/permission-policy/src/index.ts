/**
 * The OpsHub example permission policy, as a module of the permission
 * backend: reads for signed-in users, writes for owners and an admin group,
 * `prod` inspection for the admin group only.
 *
 * @packageDocumentation
 */

export { permissionModuleOpshubPolicy as default } from './module';
