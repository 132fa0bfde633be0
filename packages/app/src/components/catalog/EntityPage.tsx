import Grid from '@material-ui/core/Grid';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityDependsOnResourcesCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSubcomponentsCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  isKind,
  hasCatalogProcessingErrors,
  isOrphan,
  hasRelationWarnings,
  EntityRelationWarning,
} from '@backstage/plugin-catalog';
import {
  EntityUserProfileCard,
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
} from '@backstage/plugin-org';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  EntityCurrentVersionsCard,
  EntityDeploymentsContent,
  isDeploymentRollbackAvailable,
} from '@opshub/plugin-deployment-rollback';
import {
  EntityInfraHealthCard,
  EntityInfraHealthContent,
  isInfraHealthAvailable,
} from '@opshub/plugin-infra-health';
import {
  EntityReleaseClusterCard,
  EntityReleaseClusterContent,
  EntityReleasesContent,
  isReleaseComponentAvailable,
  isReleaseOrchestrationAvailable,
} from '@opshub/plugin-release-orchestration';
import {
  EntityDevopsInspectorCard,
  EntityDevopsInspectorContent,
  isDevopsInspectorAvailable,
} from '@opshub/plugin-devops-inspector';

const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasRelationWarnings}>
        <Grid item xs={12}>
          <EntityRelationWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

/** OpsHub cards, each shown only when the entity carries its annotation. */
const opshubCards = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isDeploymentRollbackAvailable}>
        <Grid item md={6} xs={12}>
          <EntityCurrentVersionsCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isInfraHealthAvailable}>
        <Grid item md={6} xs={12}>
          <EntityInfraHealthCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isReleaseOrchestrationAvailable}>
        <Grid item md={6} xs={12}>
          <EntityReleaseClusterCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isDevopsInspectorAvailable}>
        <Grid item md={6} xs={12}>
          <EntityDevopsInspectorCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={6}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityCatalogGraphCard height={400} />
    </Grid>
    {opshubCards}
    <Grid item md={4} xs={12}>
      <EntityLinksCard />
    </Grid>
    <Grid item md={8} xs={12}>
      <EntityHasSubcomponentsCard />
    </Grid>
  </Grid>
);

/** The OpsHub tabs, each shown only when its `isXAvailable` holds. */
const opshubTabs = [
  <EntityLayout.Route
    key="deployments"
    path="/deployments"
    title="Deployments"
    if={isDeploymentRollbackAvailable}
  >
    <EntityDeploymentsContent />
  </EntityLayout.Route>,
  <EntityLayout.Route
    key="health"
    path="/health"
    title="Health"
    if={isInfraHealthAvailable}
  >
    <EntityInfraHealthContent />
  </EntityLayout.Route>,
  <EntityLayout.Route
    key="release-cluster"
    path="/releases"
    title="Releases"
    if={isReleaseOrchestrationAvailable}
  >
    <EntityReleaseClusterContent />
  </EntityLayout.Route>,
  <EntityLayout.Route
    key="release-component"
    path="/shipped-releases"
    title="Releases"
    if={isReleaseComponentAvailable}
  >
    <EntityReleasesContent />
  </EntityLayout.Route>,
  <EntityLayout.Route
    key="inspector"
    path="/inspector"
    title="Database"
    if={isDevopsInspectorAvailable}
  >
    <EntityDevopsInspectorContent />
  </EntityLayout.Route>,
];

const dependenciesContent = (
  <EntityLayout.Route path="/dependencies" title="Dependencies">
    <Grid container spacing={3} alignItems="stretch">
      <Grid item md={6}>
        <EntityDependsOnComponentsCard />
      </Grid>
      <Grid item md={6}>
        <EntityDependsOnResourcesCard />
      </Grid>
    </Grid>
  </EntityLayout.Route>
);

const componentPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
    {opshubTabs}
    {dependenciesContent}
  </EntityLayout>
);

const resourcePage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
    {opshubTabs}
  </EntityLayout>
);

const userPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityUserProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const groupPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityGroupProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMembersListCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const systemPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard height={400} />
        </Grid>
        {opshubCards}
        <Grid item md={6}>
          <EntityHasComponentsCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    {opshubTabs}
    <EntityLayout.Route path="/diagram" title="Diagram">
      <EntityCatalogGraphCard
        direction={Direction.TOP_BOTTOM}
        title="System Diagram"
        height={700}
        relations={[
          RELATION_PART_OF,
          RELATION_HAS_PART,
          RELATION_DEPENDENCY_OF,
          RELATION_DEPENDS_ON,
        ]}
        unidirectional={false}
      />
    </EntityLayout.Route>
  </EntityLayout>
);

const domainPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasSystemsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('resource')} children={resourcePage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case>{componentPage}</EntitySwitch.Case>
  </EntitySwitch>
);
