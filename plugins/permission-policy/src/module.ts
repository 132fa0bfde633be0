import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OpshubPermissionPolicy } from './policy';

/**
 * Reads `opshub.permissions.adminGroup`: a group entity ref, normalized to
 * `group:<namespace>/<name>`. Throws on anything that is not a group.
 *
 * @internal
 */
export function readAdminGroup(config: Config): string | undefined {
  const key = 'opshub.permissions.adminGroup';
  const value = config.getOptionalString(key)?.trim();
  if (!value) {
    return undefined;
  }
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind: 'group' });
  } catch (error) {
    throw new Error(`${key} must be a group entity ref: ${error}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `${key} must be a group entity ref like group:default/platform-admins, got ${value}`,
    );
  }
  return stringifyEntityRef(ref);
}

/**
 * Installs the OpsHub example permission policy in the permission backend.
 *
 * @public
 */
export const permissionModuleOpshubPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'opshub-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, logger, userInfo }) {
        const adminGroup = readAdminGroup(config);
        if (adminGroup) {
          logger.info(`OpsHub policy: admin group is ${adminGroup}`);
        } else {
          logger.warn(
            'OpsHub policy: opshub.permissions.adminGroup is not set; basic writes and prod inspection are denied to everyone',
          );
        }
        policy.setPolicy(new OpshubPermissionPolicy({ adminGroup, userInfo }));
      },
    });
  },
});
