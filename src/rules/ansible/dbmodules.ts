/** Database and message-broker modules whose `password` is an account password. */
export const DB_USER_MODULES = [
  'mysql_user',
  'postgresql_user',
  'mongodb_user',
  'mssql_login',
  'rabbitmq_user',
  'influxdb_user',
  'proxysql_mysql_users',
  'redis',
  'postgresql_db',
  'mysql_db',
  'cockroachdb_user',
];

/** Hashes the modules accept instead of a password (mysql native `*…`, postgres `md5…`/`SCRAM-SHA-256$…`). */
export const DB_HASH = /^(?:\*[0-9A-F]{40}|md5[0-9a-f]{32}|SCRAM-SHA-256\$\S+)$/;
