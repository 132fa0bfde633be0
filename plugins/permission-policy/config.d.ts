export interface Config {
  opshub?: {
    /** The OpsHub example permission policy. */
    permissions?: {
      /**
       * The group whose members may do everything: every write, and the
       * devops-inspector on `prod` environments. A group entity ref such as
       * `group:default/platform-admins`. Without it, basic writes are denied
       * to everyone.
       */
      adminGroup?: string;
    };
  };
}
