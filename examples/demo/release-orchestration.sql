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

-- -----------------------------------------------------------------------------
-- Releases (migration 20261201000000_releases.js).
--
-- 2026.11  active, ships component:default/payments-api to the ten active
--          customers, six templates, steps in a mix of done / skipped /
--          reverted / pending, one overridden and one custom step, and the
--          history (step_events) of every step that left pending.
-- 2026.12  draft, ships system:default/opshub-demo, two templates, no steps.
--
-- Releases have no unique name, so they are inserted WHERE NOT EXISTS; the
-- child rows use ON CONFLICT DO NOTHING on their unique indexes, or
-- WHERE NOT EXISTS where there is none (custom steps, events).
-- -----------------------------------------------------------------------------

INSERT INTO releases
  (name, type, status, version_number, release_date, description,
   catalog_entity_ref, created_by, activated_at, version, created_at, updated_at)
SELECT v.name, v.type, v.status, v.version_number, v.release_date, v.description,
       v.catalog_entity_ref, v.created_by, v.activated_at::timestamptz, 1,
       v.created_at::timestamptz, v.created_at::timestamptz
FROM (
  VALUES
    ('2026.11', 'release', 'active', '2026.11.0', '2026-11-24',
     'November release of payments-api: refunds in batches and the new ledger schema.',
     'component:default/payments-api', 'user:default/alice.nguyen',
     '2026-11-18 09:00:00+00', '2026-11-10 14:00:00+00'),
    ('2026.12', 'release', 'draft', '2026.12.0', '2026-12-15',
     'December release of the demo platform (in preparation).',
     'system:default/opshub-demo', 'user:default/david.okafor',
     NULL, '2026-11-20 10:00:00+00')
) AS v (name, type, status, version_number, release_date, description,
        catalog_entity_ref, created_by, activated_at, created_at)
WHERE NOT EXISTS (SELECT 1 FROM releases r WHERE r.name = v.name);

INSERT INTO step_templates
  (release_id, name, category, type, content, description, order_index, version,
   created_at, updated_at)
SELECT r.id, v.name, v.category, v.type, v.content, v.description, v.order_index,
       1, r.created_at, r.created_at
FROM (
  VALUES
    ('2026.11', 'Back up the payments schema', 'deploy', 'bash',
     E'pg_dump --schema=payments --format=custom \\\n  --file=/backups/payments-$(date +%F).dump "$PAYMENTS_DB_URL"',
     'Take a backup before the migration.', 0),
    ('2026.11', 'Apply the 2026.11 ledger migration', 'deploy', 'sql',
     E'ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS batch_id uuid;\nCREATE INDEX IF NOT EXISTS ledger_entries_batch_idx ON ledger_entries (batch_id);',
     'Adds batch ids to ledger entries.', 1),
    ('2026.11', 'Roll out payments-api 2.6.0', 'deploy', 'bash',
     E'helm upgrade payments-api opshub/payments-api \\\n  --namespace "$NAMESPACE" --version 2.6.0 --wait --timeout 10m',
     NULL, 2),
    ('2026.11', 'Check the readiness probe', 'verify', 'bash',
     E'kubectl -n "$NAMESPACE" rollout status deploy/payments-api\nkubectl -n "$NAMESPACE" get pods -l app=payments-api',
     NULL, 0),
    ('2026.11', 'Verify ledger balances', 'verify', 'sql',
     E'SELECT account_id, sum(amount) AS balance\nFROM ledger_entries\nGROUP BY account_id\nHAVING sum(amount) <> 0;',
     'Must return no rows.', 1),
    ('2026.11', 'Smoke test a refund', 'verify', 'text',
     E'Sign in to the customer''s back office, refund a test payment of 1.00 and check that it appears in the ledger within a minute.',
     NULL, 2),
    ('2026.12', 'Roll out payments-api 2.7.0', 'deploy', 'bash',
     E'helm upgrade payments-api opshub/payments-api \\\n  --namespace "$NAMESPACE" --version 2.7.0 --wait',
     NULL, 0),
    ('2026.12', 'Check the readiness probe', 'verify', 'bash',
     E'kubectl -n "$NAMESPACE" rollout status deploy/payments-api',
     NULL, 0)
) AS v (release_name, name, category, type, content, description, order_index)
JOIN releases r ON r.name = v.release_name
ON CONFLICT DO NOTHING;

INSERT INTO release_customers (release_id, customer_id, added_by, added_at)
SELECT r.id, c.id, 'user:default/alice.nguyen', r.activated_at
FROM releases r
JOIN customers c ON c.is_active AND c.deleted_at IS NULL
JOIN clusters k ON k.id = c.cluster_id AND k.deleted_at IS NULL
WHERE r.name = '2026.11'
ON CONFLICT DO NOTHING;

-- The status of each template step per customer: eu-west-1 is ahead,
-- us-east-1 has just started.
INSERT INTO customer_steps
  (release_id, customer_id, template_id, name, category, type, content,
   order_index, status, executed_at, executed_by, skip_reason, notes,
   is_custom, is_overridden, version, created_at, updated_at)
SELECT r.id, c.id, t.id, t.name, t.category, t.type,
       CASE WHEN s.overridden THEN replace(t.content, '--wait --timeout 10m', '--wait --timeout 20m')
            ELSE t.content END,
       t.order_index, s.status,
       CASE WHEN s.status IN ('done', 'reverted')
            THEN timestamptz '2026-11-18 09:30:00+00'
                 + (c.id * interval '7 minutes') + (t.id * interval '3 minutes') END,
       CASE WHEN s.status IN ('done', 'reverted') THEN s.actor END,
       CASE WHEN s.status = 'skipped' THEN s.reason END,
       CASE WHEN s.status = 'reverted' THEN s.reason END,
       false, s.overridden,
       CASE s.status WHEN 'pending' THEN 1 WHEN 'reverted' THEN 3 ELSE 2 END,
       r.activated_at, r.activated_at
FROM releases r
JOIN release_customers rc ON rc.release_id = r.id
JOIN customers c ON c.id = rc.customer_id
JOIN step_templates t ON t.release_id = r.id
CROSS JOIN LATERAL (
  SELECT
    CASE
      WHEN c.namespace IN ('tenant-acme', 'tenant-globex') THEN 'done'
      WHEN c.namespace = 'tenant-initech' AND t.category = 'deploy' THEN 'done'
      WHEN c.namespace = 'tenant-initech' AND t.order_index = 2 THEN 'skipped'
      WHEN c.namespace = 'tenant-umbrella' AND t.category = 'deploy' AND t.order_index < 2 THEN 'done'
      WHEN c.namespace = 'tenant-umbrella' AND t.category = 'deploy' THEN 'reverted'
      WHEN c.namespace = 'tenant-stark' AND t.category = 'deploy' AND t.order_index = 0 THEN 'done'
      WHEN c.namespace = 'tenant-hooli' AND t.category = 'deploy' AND t.order_index = 0 THEN 'done'
      WHEN c.namespace = 'tenant-cyberdyne' AND t.category = 'deploy' AND t.order_index = 1 THEN 'skipped'
      ELSE 'pending'
    END AS status,
    CASE
      WHEN c.namespace = 'tenant-initech' THEN 'Refund smoke test is done by the customer on Tuesday.'
      WHEN c.namespace = 'tenant-umbrella' THEN 'Pods crash-looped on 2.6.0; rolled back to 2.5.1.'
      WHEN c.namespace = 'tenant-cyberdyne' THEN 'Ledger schema already migrated by the hotfix 2026.10.2.'
    END AS reason,
    CASE
      WHEN c.namespace IN ('tenant-acme', 'tenant-initech') THEN 'user:default/alice.nguyen'
      WHEN c.namespace IN ('tenant-globex', 'tenant-umbrella') THEN 'user:default/bruno.costa'
      ELSE 'user:default/chloe.martin'
    END AS actor,
    (c.namespace = 'tenant-initech' AND t.category = 'deploy' AND t.order_index = 2) AS overridden
) s
WHERE r.name = '2026.11'
ON CONFLICT DO NOTHING;

-- One custom step, only for Tyrell (see the customer's notes).
INSERT INTO customer_steps
  (release_id, customer_id, template_id, name, category, type, content,
   order_index, status, is_custom, is_overridden, version, created_at, updated_at)
SELECT r.id, c.id, NULL, 'Manual migration check (Tyrell)', 'verify', 'sql',
       E'SELECT version, applied_at\nFROM schema_migrations\nORDER BY applied_at DESC\nLIMIT 5;',
       3, 'pending', true, false, 1, r.activated_at, r.activated_at
FROM releases r
JOIN customers c ON c.namespace = 'tenant-tyrell' AND c.deleted_at IS NULL
JOIN release_customers rc ON rc.release_id = r.id AND rc.customer_id = c.id
WHERE r.name = '2026.11'
  AND NOT EXISTS (
    SELECT 1 FROM customer_steps cs
    WHERE cs.release_id = r.id AND cs.customer_id = c.id AND cs.is_custom
  );

-- History: creation of every step, then each status change and the override.
INSERT INTO step_events
  (step_id, release_id, customer_id, kind, actor, at, from_status, to_status,
   note, content_before, content_after)
SELECT e.step_id, e.release_id, e.customer_id, e.kind, e.actor, e.at,
       e.from_status, e.to_status, e.note, e.content_before, e.content_after
FROM (
  SELECT cs.id AS step_id, cs.release_id, cs.customer_id, 'created' AS kind,
         'user:default/alice.nguyen' AS actor, cs.created_at AS at,
         NULL AS from_status, 'pending' AS to_status, NULL AS note,
         NULL AS content_before, NULL AS content_after, 1 AS seq
  FROM customer_steps cs
  UNION ALL
  SELECT cs.id, cs.release_id, cs.customer_id, 'override',
         'user:default/alice.nguyen', cs.created_at + interval '1 hour',
         NULL, NULL, 'Initech needs a longer rollout timeout.',
         t.content, cs.content, 2
  FROM customer_steps cs
  JOIN step_templates t ON t.id = cs.template_id
  WHERE cs.is_overridden
  UNION ALL
  SELECT cs.id, cs.release_id, cs.customer_id, 'status',
         coalesce(cs.executed_by, 'user:default/chloe.martin'),
         coalesce(cs.executed_at, cs.created_at + interval '2 hours'),
         'pending',
         CASE WHEN cs.status = 'reverted' THEN 'done' ELSE cs.status END,
         CASE WHEN cs.status = 'skipped' THEN cs.skip_reason END,
         NULL, NULL, 3
  FROM customer_steps cs
  WHERE cs.status <> 'pending'
  UNION ALL
  SELECT cs.id, cs.release_id, cs.customer_id, 'status', cs.executed_by,
         cs.executed_at + interval '25 minutes', 'done', 'reverted', cs.notes,
         NULL, NULL, 4
  FROM customer_steps cs
  WHERE cs.status = 'reverted'
) e
JOIN releases r ON r.id = e.release_id AND r.name = '2026.11'
WHERE NOT EXISTS (SELECT 1 FROM step_events x WHERE x.release_id = r.id)
ORDER BY e.at, e.step_id, e.seq;
