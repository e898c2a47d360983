-- Schema drift check of lakehouse acme-lake-gcp-dev, generated from its table templates (iceberg-lakehouse-cdktf).
-- Fails with ERROR() when a live table differs from its template; see docs/operations.md.
WITH expected AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<table_key STRING, table_schema STRING, table_name STRING, column_name STRING, data_type STRING, is_nullable STRING>>[
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'event_id', 'BYTES', 'NO'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'event_time', 'TIMESTAMP', 'NO'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'event_type', 'STRING', 'NO'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'user_id', 'STRING', 'YES'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'ip_address', 'STRING', 'YES'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'session_id', 'STRING', 'YES'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'page_url', 'STRING', 'YES'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'device', 'STRUCT<os STRING, browser STRING, is_mobile BOOL>', 'YES'),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'properties', 'ARRAY<STRUCT<key STRING, value STRING>>', NULL),
    ('analytics.event_stream', 'acme_lake_gcp_dev_analytics', 'event_stream', 'revenue', 'NUMERIC(12, 2)', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'audit_id', 'BYTES', 'NO'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'event_timestamp', 'TIMESTAMP', 'NO'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'user_id', 'STRING', 'NO'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'user_email', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'action_type', 'STRING', 'NO'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'resource_type', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'resource_id', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'resource_name', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'action_result', 'STRING', 'NO'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'ip_address', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'user_agent', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'session_id', 'STRING', 'YES'),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'details', 'ARRAY<STRUCT<key STRING, value STRING>>', NULL),
    ('compliance.audit_trail', 'acme_lake_gcp_dev_compliance', 'audit_trail', 'ingestion_timestamp', 'TIMESTAMP', 'NO'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'customer_sk', 'INT64', 'NO'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'customer_id', 'STRING', 'NO'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'full_name', 'STRING', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'email', 'STRING', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'country_code', 'STRING', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'segment', 'STRING', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'lifetime_value', 'NUMERIC(18, 2)', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'valid_from', 'TIMESTAMP', 'NO'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'valid_to', 'TIMESTAMP', 'YES'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'is_current', 'BOOL', 'NO'),
    ('core.customer_dim', 'acme_lake_gcp_dev_core', 'customer_dim', 'record_hash', 'STRING', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'customer_id', 'STRING', 'NO'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'feature_date', 'DATE', 'NO'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'orders_30d', 'INT64', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'spend_30d', 'FLOAT64', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'avg_basket_90d', 'FLOAT64', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'days_since_last_order', 'INT64', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'churn_score', 'FLOAT64', 'YES'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'embedding', 'ARRAY<FLOAT64>', NULL),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'feature_version', 'STRING', 'NO'),
    ('ml.customer_features', 'acme_lake_gcp_dev_ml', 'customer_features', 'computed_at', 'TIMESTAMP', 'NO'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'event_time', 'TIMESTAMP', 'NO'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'db_name', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'user_name', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'client_addr', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'session_id', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'command_tag', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'object_type', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'object_name', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'statement', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'audit_class', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'result', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'error_code', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'extra', 'ARRAY<STRUCT<key STRING, value STRING>>', NULL),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'ingest_ts', 'TIMESTAMP', 'NO'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'src', 'STRING', 'YES'),
    ('pg_archive_sync.primary_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'primary_postgresql_logs', 'raw', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'event_time', 'TIMESTAMP', 'NO'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'db_name', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'user_name', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'client_addr', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'session_id', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'command_tag', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'object_type', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'object_name', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'statement', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'audit_class', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'result', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'error_code', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'extra', 'ARRAY<STRUCT<key STRING, value STRING>>', NULL),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'ingest_ts', 'TIMESTAMP', 'NO'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'src', 'STRING', 'YES'),
    ('pg_archive_sync.replica_postgresql_logs', 'acme_lake_gcp_dev_pg_archive_sync', 'replica_postgresql_logs', 'raw', 'STRING', 'YES')
  ])
),
actual AS (
  SELECT table_schema, table_name, column_name, data_type, is_nullable
  FROM `acme-lake-dev`.`acme_lake_gcp_dev_analytics`.INFORMATION_SCHEMA.COLUMNS
  WHERE table_name IN ('event_stream') AND is_hidden = 'NO'
  UNION ALL
  SELECT table_schema, table_name, column_name, data_type, is_nullable
  FROM `acme-lake-dev`.`acme_lake_gcp_dev_compliance`.INFORMATION_SCHEMA.COLUMNS
  WHERE table_name IN ('audit_trail') AND is_hidden = 'NO'
  UNION ALL
  SELECT table_schema, table_name, column_name, data_type, is_nullable
  FROM `acme-lake-dev`.`acme_lake_gcp_dev_core`.INFORMATION_SCHEMA.COLUMNS
  WHERE table_name IN ('customer_dim') AND is_hidden = 'NO'
  UNION ALL
  SELECT table_schema, table_name, column_name, data_type, is_nullable
  FROM `acme-lake-dev`.`acme_lake_gcp_dev_ml`.INFORMATION_SCHEMA.COLUMNS
  WHERE table_name IN ('customer_features') AND is_hidden = 'NO'
  UNION ALL
  SELECT table_schema, table_name, column_name, data_type, is_nullable
  FROM `acme-lake-dev`.`acme_lake_gcp_dev_pg_archive_sync`.INFORMATION_SCHEMA.COLUMNS
  WHERE table_name IN ('primary_postgresql_logs', 'replica_postgresql_logs') AND is_hidden = 'NO'
),
tables AS (SELECT DISTINCT table_key, table_schema, table_name FROM expected),
present AS (SELECT DISTINCT table_schema, table_name FROM actual),
differences AS (
  SELECT FORMAT('%s: table %s.%s is missing', t.table_key, t.table_schema, t.table_name) AS problem
  FROM tables t LEFT JOIN present p ON p.table_schema = t.table_schema AND p.table_name = t.table_name
  WHERE p.table_name IS NULL
  UNION ALL
  SELECT FORMAT('%s: column %s (%s) is missing', e.table_key, e.column_name, e.data_type)
  FROM expected e JOIN present p ON p.table_schema = e.table_schema AND p.table_name = e.table_name
  LEFT JOIN actual a ON a.table_schema = e.table_schema AND a.table_name = e.table_name AND a.column_name = e.column_name
  WHERE a.column_name IS NULL
  UNION ALL
  SELECT FORMAT('%s: column %s (%s) is not in the template', t.table_key, a.column_name, a.data_type)
  FROM actual a JOIN tables t ON t.table_schema = a.table_schema AND t.table_name = a.table_name
  LEFT JOIN expected e ON a.table_schema = e.table_schema AND a.table_name = e.table_name AND a.column_name = e.column_name
  WHERE e.column_name IS NULL
  UNION ALL
  SELECT FORMAT('%s: column %s is %s; the template says %s', e.table_key, e.column_name, a.data_type, e.data_type)
  FROM expected e JOIN actual a ON a.table_schema = e.table_schema AND a.table_name = e.table_name AND a.column_name = e.column_name
  WHERE UPPER(REGEXP_REPLACE(REGEXP_REPLACE(a.data_type, r'\s+NOT NULL', ''), r'[\s`]', '')) != UPPER(REGEXP_REPLACE(REGEXP_REPLACE(e.data_type, r'\s+NOT NULL', ''), r'[\s`]', ''))
  UNION ALL
  SELECT FORMAT('%s: column %s is %s; the template says %s', e.table_key, e.column_name,
    IF(a.is_nullable = 'YES', 'nullable', 'required'), IF(e.is_nullable = 'YES', 'nullable', 'required'))
  FROM expected e JOIN actual a ON a.table_schema = e.table_schema AND a.table_name = e.table_name AND a.column_name = e.column_name
  WHERE e.is_nullable IS NOT NULL AND a.is_nullable != e.is_nullable
)
SELECT IF(COUNT(*) = 0,
  'no schema drift in 6 table(s) of acme-lake-gcp-dev',
  ERROR(FORMAT('schema drift in acme-lake-gcp-dev: %d difference(s): %s', COUNT(*),
    STRING_AGG(problem, '; ' ORDER BY problem LIMIT 25))))
FROM differences
