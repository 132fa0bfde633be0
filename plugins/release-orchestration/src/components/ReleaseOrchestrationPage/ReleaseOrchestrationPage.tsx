import { Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { ClustersPage } from '../ClustersPage';
import { CustomerPage } from '../CustomerPage';
import { CustomerStepsView } from '../CustomerStepsView';
import { ReleaseDashboard } from '../ReleaseDashboard';
import { ReleasesList } from '../ReleasesList';
import { ReleaseWizard } from '../ReleaseWizard';
import { TemplateStepsManager } from '../TemplateStepsManager';

/**
 * The release-orchestration page and its routes: the releases, the wizard,
 * the dashboard of a release, its template steps, the steps of one customer,
 * the clusters and a customer.
 *
 * @internal
 */
export const ReleaseOrchestrationPage = () => (
  <Page themeId="tool">
    <Header
      title="Release orchestration"
      subtitle="Releases rolled out step by step to every customer of every cluster"
    />
    <Routes>
      <Route path="/" element={<ReleasesList />} />
      <Route path="/new" element={<ReleaseWizard />} />
      <Route path="/releases/:id" element={<ReleaseDashboard />} />
      <Route
        path="/releases/:id/templates"
        element={<TemplateStepsManager />}
      />
      <Route
        path="/releases/:id/customers/:customerId"
        element={<CustomerStepsView />}
      />
      <Route path="/clusters" element={<ClustersPage />} />
      <Route path="/customers/:id" element={<CustomerPage />} />
    </Routes>
  </Page>
);
