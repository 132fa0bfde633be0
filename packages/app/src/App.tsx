import { Navigate, Route } from 'react-router-dom';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import { orgPlugin } from '@backstage/plugin-org';
import { UserSettingsPage } from '@backstage/plugin-user-settings';
import { apis } from './apis';
import { entityPage } from './components/catalog/EntityPage';
import { Root } from './components/Root';
import { OpshubSignInPage } from './components/SignIn/OpshubSignInPage';

import { AlertDisplay, OAuthRequestDialog } from '@backstage/core-components';
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { CatalogGraphPage } from '@backstage/plugin-catalog-graph';
import { SignalsDisplay } from '@backstage/plugin-signals';
import { DeploymentsPage } from '@opshub/plugin-deployment-rollback';
import {
  InfraHealthAlertsPage,
  InfraHealthCheckPage,
  InfraHealthPage,
} from '@opshub/plugin-infra-health';
import { ReleaseOrchestrationPage } from '@opshub/plugin-release-orchestration';
import { DevopsInspectorPage } from '@opshub/plugin-devops-inspector';

const app = createApp({
  apis,
  bindRoutes({ bind }) {
    bind(orgPlugin.externalRoutes, {
      catalogIndex: catalogPlugin.routes.catalogIndex,
    });
  },
  components: {
    SignInPage: props => <OpshubSignInPage {...props} />,
  },
});

const routes = (
  <FlatRoutes>
    <Route path="/" element={<Navigate to="catalog" />} />
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route path="/releases" element={<ReleaseOrchestrationPage />} />
    <Route path="/deployments" element={<DeploymentsPage />} />
    <Route path="/infra-health" element={<InfraHealthPage />} />
    <Route path="/infra-health/alerts" element={<InfraHealthAlertsPage />} />
    <Route path="/infra-health/checks/:id" element={<InfraHealthCheckPage />} />
    <Route path="/devops-inspector" element={<DevopsInspectorPage />} />
    <Route path="/settings" element={<UserSettingsPage />} />
    <Route path="/catalog-graph" element={<CatalogGraphPage />} />
  </FlatRoutes>
);

export default app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <SignalsDisplay />
    <AppRouter>
      <Root>{routes}</Root>
    </AppRouter>
  </>,
);
