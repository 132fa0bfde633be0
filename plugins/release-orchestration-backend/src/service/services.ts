import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ReleaseStore } from '../database/ReleaseStore';
import { ClusterService } from './ClusterService';
import { ReleaseSignals } from './common';
import { ReleaseService } from './ReleaseService';
import { StepService } from './StepService';
import { TemplateService } from './TemplateService';

/** The services behind the routes. @internal */
export interface ReleaseOrchestrationServices {
  clusters: ClusterService;
  releases: ReleaseService;
  templates: TemplateService;
  steps: StepService;
}

/** @internal */
export function createServices(options: {
  store: ReleaseStore;
  signals?: SignalsService;
  logger?: LoggerService;
  /** `releaseOrchestration.kubeconfigRoot`; unset refuses kubeconfig paths. */
  kubeconfigRoot?: string;
}): ReleaseOrchestrationServices {
  const { store, kubeconfigRoot } = options;
  const signals = new ReleaseSignals(options.signals, options.logger);
  return {
    clusters: new ClusterService({ store, kubeconfigRoot }),
    releases: new ReleaseService({ store, signals }),
    templates: new TemplateService({ store, signals }),
    steps: new StepService({ store, signals }),
  };
}
