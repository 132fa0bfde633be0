-- Demo deployment history for the deployment-rollback plugin. Loaded by
-- `./opshub start` into backstage_plugin_deployment-rollback after the plugin
-- has migrated it; inserts nothing when deployments already exist.
INSERT INTO deployments
  (service, environment, version, commit_sha, status, source, triggered_by, external_id, started_at, finished_at)
SELECT d.service, d.environment, d.version, d.commit_sha, d.status, d.source, d.triggered_by, d.external_id,
       now() - d.age, CASE WHEN d.status = 'in_progress' THEN NULL ELSE now() - d.age + interval '4 minutes' END
FROM (VALUES
  -- earlier good versions, so the demo can roll back (prod, uat, checkout-web dev)
  ('payments-api',  'uat',  '2.3.0', '5e7a0c1', 'succeeded',   'webhook', 'user:default/alice.nguyen', 'gha-0901', interval '13 days'),
  ('payments-api',  'prod', '2.3.0', '5e7a0c1', 'succeeded',   'manual',  'user:default/david.okafor', NULL,       interval '12 days'),
  ('checkout-web',  'dev',  '5.11.3','1d2f8b9', 'succeeded',   'webhook', 'user:default/chloe.martin', 'gha-1901', interval '10 days'),
  ('payments-api',  'dev',  '2.4.0', '9f1c2ab', 'succeeded',   'webhook', 'user:default/alice.nguyen', 'gha-1001', interval '6 days'),
  ('payments-api',  'uat',  '2.4.0', '9f1c2ab', 'succeeded',   'webhook', 'user:default/alice.nguyen', 'gha-1002', interval '5 days'),
  ('payments-api',  'prod', '2.4.0', '9f1c2ab', 'succeeded',   'manual',  'user:default/david.okafor', NULL,       interval '4 days'),
  ('payments-api',  'dev',  '2.5.0', '41be7d0', 'succeeded',   'webhook', 'user:default/alice.nguyen', 'gha-1010', interval '2 days'),
  ('payments-api',  'uat',  '2.5.0', '41be7d0', 'failed',      'webhook', 'user:default/alice.nguyen', 'gha-1011', interval '1 day'),
  ('payments-api',  'dev',  '2.5.1', 'c03d9e4', 'in_progress', 'webhook', 'user:default/bruno.costa',  'gha-1015', interval '10 minutes'),
  ('checkout-web',  'dev',  '5.12.0','7aa0e31', 'succeeded',   'webhook', 'user:default/chloe.martin', 'gha-2001', interval '3 days'),
  ('checkout-web',  'prod', '5.11.3','1d2f8b9', 'succeeded',   'manual',  'user:default/david.okafor', NULL,       interval '9 days'),
  ('checkout-web',  'prod', '5.12.0','7aa0e31', 'rolled_back', 'manual',  'user:default/david.okafor', NULL,       interval '2 days'),
  ('ledger-worker', 'dev',  '0.9.0', 'e45a1f2', 'succeeded',   'webhook', 'user:default/bruno.costa',  'gha-3001', interval '8 days'),
  ('ledger-worker', 'uat',  '0.9.0', 'e45a1f2', 'succeeded',   'webhook', 'user:default/bruno.costa',  'gha-3002', interval '7 days')
) AS d(service, environment, version, commit_sha, status, source, triggered_by, external_id, age)
WHERE NOT EXISTS (SELECT 1 FROM deployments);
