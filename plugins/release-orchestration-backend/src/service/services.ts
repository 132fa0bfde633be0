import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ReleaseStore } from '../database/ReleaseStore';
import { BulkStepService } from './BulkStepService';
import { ClusterService } from './ClusterService';
import { ReleaseSignals } from './common';
import { CustomStepService } from './CustomStepService';
import { ExportService } from './ExportService';
import { MatrixService } from './MatrixService';
import { ReleaseService } from './ReleaseService';
import { ResourceService } from './ResourceService';
import { StepService } from './StepService';
import { TemplateService } from './TemplateService';

/** The services behind the routes. @internal */
export interface ReleaseOrchestrationServices {
  clusters: ClusterService;
  releases: ReleaseService;
  matrix: MatrixService;
  exports: ExportService;
  templates: TemplateService;
  steps: StepService;
  customSteps: CustomStepService;
  bulkSteps: BulkStepService;
  /** The release or cluster a write is authorized against. */
  resources: ResourceService;
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
    matrix: new MatrixService({ store }),
    exports: new ExportService({ store }),
    templates: new TemplateService({ store, signals }),
    steps: new StepService({ store, signals }),
    customSteps: new CustomStepService({ store, signals }),
    bulkSteps: new BulkStepService({ store, signals }),
    resources: new ResourceService({ store }),
  };
}
