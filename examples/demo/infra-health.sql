-- Demo alerts for the infra-health plugin: firing, acknowledged and resolved
-- alerts of the demo services, as Alertmanager would have sent them. Loaded
-- by `./opshub start` into backstage_plugin_infra-health after the plugin has
-- migrated it; inserts nothing when alerts already exist. DEMO ONLY: real
-- alerts arrive through POST /api/infra-health/alerts/alertmanager.
INSERT INTO health_alerts
  (fingerprint, starts_at, ends_at, alertname, service, severity, summary, description, labels, annotations,
   generator_url, runbook_url, dashboard_url, state,
   acknowledged_by, acknowledged_at, ack_comment, ack_until,
   resolved_by, resolved_at, resolve_comment,
   last_received_at, created_at, updated_at)
SELECT a.fingerprint, now() - a.age, CASE WHEN a.state = 'resolved' THEN now() - a.age + interval '25 minutes' END,
       a.alertname, a.service, a.severity, a.summary, a.description,
       json_build_object('alertname', a.alertname, 'service', a.service, 'severity', a.severity, 'env', 'prod')::text,
       json_build_object('summary', a.summary, 'description', a.description,
                         'runbook_url', a.runbook_url, 'dashboard_url', a.dashboard_url)::text,
       'http://prometheus.demo.invalid:9090/graph?g0.expr=' || a.alertname,
       a.runbook_url, a.dashboard_url, a.state,
       a.acked_by, CASE WHEN a.acked_by IS NOT NULL THEN now() - a.age + interval '6 minutes' END, a.ack_comment,
       CASE WHEN a.acked_by IS NOT NULL THEN now() + interval '4 hours' END,
       CASE WHEN a.state = 'resolved' THEN a.resolved_by END,
       CASE WHEN a.state = 'resolved' THEN now() - a.age + interval '25 minutes' END,
       CASE WHEN a.state = 'resolved' AND a.resolved_by <> 'alertmanager' THEN 'Rolled back 2.5.0; error rate is back to normal' END,
       now() - interval '1 minute', now() - a.age, now() - interval '1 minute'
FROM (VALUES
  ('5f2c9a1e0b7d4c31', interval '12 minutes', 'HighErrorRate',       'payments-api',  'critical',
   'payments-api answers 7% HTTP 5xx',      'More than 5% of payments-api requests failed over the last 5 minutes.',
   'https://runbooks.opshub.example/payments-api/high-error-rate', 'https://grafana.opshub.example/d/payments-api',
   'firing', NULL, NULL, NULL),
  ('a81b44c0d9e2f713', interval '40 minutes', 'HighLatencyP95',      'checkout-web',  'warning',
   'checkout-web p95 latency is 2.3 s',     'The 95th percentile latency of checkout-web has been over 1.5 s for 15 minutes.',
   'https://runbooks.opshub.example/checkout-web/latency', 'https://grafana.opshub.example/d/checkout-web',
   'firing', NULL, NULL, NULL),
  ('0c77e5d2b1a94f68', interval '2 hours',    'ConsumerLagHigh',     'ledger-worker', 'warning',
   'ledger-worker is 48,000 messages behind', 'The ledger-worker consumer group lag has been growing for 30 minutes.',
   'https://runbooks.opshub.example/ledger-worker/consumer-lag', NULL,
   'acknowledged', 'user:default/bruno.costa', 'Scaling the consumers to 6 replicas', NULL),
  ('e3d019f4a6c25b87', interval '1 day',      'HighErrorRate',       'payments-api',  'critical',
   'payments-api answers 12% HTTP 5xx',     'More than 5% of payments-api requests failed over the last 5 minutes.',
   'https://runbooks.opshub.example/payments-api/high-error-rate', 'https://grafana.opshub.example/d/payments-api',
   'resolved', NULL, NULL, 'user:default/alice.nguyen'),
  ('9b6a2f5e8d0c1e42', interval '3 days',     'CertificateExpiresSoon', 'checkout-web', 'info',
   'checkout-web certificate expires in 14 days', 'The TLS certificate of checkout.opshub.example expires in 14 days.',
   'https://runbooks.opshub.example/certificates', NULL,
   'resolved', NULL, NULL, 'alertmanager')
) AS a(fingerprint, age, alertname, service, severity, summary, description, runbook_url, dashboard_url,
       state, acked_by, ack_comment, resolved_by)
WHERE NOT EXISTS (SELECT 1 FROM health_alerts);

-- one escalation of the resolved payments-api alert, as the history shows it
INSERT INTO health_alert_escalations (alert_id, target, note, actor, outcome, error, created_at)
SELECT id, 'pagerduty', 'Checkout is failing for customers', 'user:default/alice.nguyen', 'sent', NULL,
       starts_at + interval '8 minutes'
FROM health_alerts
WHERE fingerprint = 'e3d019f4a6c25b87'
  AND NOT EXISTS (SELECT 1 FROM health_alert_escalations);
