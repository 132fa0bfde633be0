-- =============================================================================
-- OpsHub demo data: Release Orchestration (clusters and customers)
--
-- Target: the database of the release-orchestration backend plugin, after its
-- migrations ran (the plugin runs them when the backend starts; see
-- plugins/release-orchestration-backend/migrations).
--
-- The two clusters are the catalog Resources cluster-eu-west and
-- cluster-us-east of ../entities.yaml (annotation opshub.io/release-cluster).
--
-- Loading rules (same as ../databases/README.md):
--   * plain SQL only: no psql meta-commands, no BEGIN/COMMIT;
--   * works as `psql -v ON_ERROR_STOP=1 -1 -f release-orchestration.sql` and as
--     one node-postgres `client.query(fileText)` (one implicit transaction);
--   * loading it again changes nothing: every INSERT skips rows that exist
--     (ON CONFLICT DO NOTHING on the unique indexes of the migration);
--   * deterministic data, no random().
-- =============================================================================

SET client_min_messages = warning;

INSERT INTO clusters
  (name, display_name, description, region, catalog_entity_ref, created_at, updated_at)
VALUES
  ('eu-west-1', 'EU West 1', 'Primary Kubernetes cluster in eu-west-1.',
   'eu-west-1', 'resource:default/cluster-eu-west', now(), now()),
  ('us-east-1', 'US East 1', 'Secondary Kubernetes cluster in us-east-1.',
   'us-east-1', 'resource:default/cluster-us-east', now(), now())
ON CONFLICT DO NOTHING;

INSERT INTO customers
  (cluster_id, name, namespace, catalog_entity_ref, is_active, notes, created_at, updated_at)
SELECT c.id, v.name, v.namespace, NULL, v.is_active, v.notes, now(), now()
FROM (
  VALUES
    ('eu-west-1', 'Acme Corporation',     'tenant-acme',      true,  NULL),
    ('eu-west-1', 'Globex',               'tenant-globex',    true,  NULL),
    ('eu-west-1', 'Initech',              'tenant-initech',   true,  'Deploys only in the Tuesday window.'),
    ('eu-west-1', 'Umbrella',             'tenant-umbrella',  true,  NULL),
    ('eu-west-1', 'Stark Industries',     'tenant-stark',     true,  NULL),
    ('eu-west-1', 'Wayne Enterprises',    'tenant-wayne',     false, 'Offboarding; left out of new releases.'),
    ('eu-west-1', 'Wonka Industries',     'tenant-wonka',     true,  NULL),
    ('us-east-1', 'Hooli',                'tenant-hooli',     true,  NULL),
    ('us-east-1', 'Cyberdyne Systems',    'tenant-cyberdyne', true,  NULL),
    ('us-east-1', 'Soylent',              'tenant-soylent',   true,  NULL),
    ('us-east-1', 'Tyrell Corporation',   'tenant-tyrell',    true,  'Needs a manual DB migration check after deploy.'),
    ('us-east-1', 'Oscorp',               'tenant-oscorp',    false, 'Trial ended; kept for history.')
) AS v (cluster_name, name, namespace, is_active, notes)
JOIN clusters c ON c.name = v.cluster_name AND c.deleted_at IS NULL
ON CONFLICT DO NOTHING;
