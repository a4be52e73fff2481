export default {
  dataSource: './src/data-source.ts',
  migrationsDir: 'migrations',
  versionTable: 'entity_migrate_version',
  transactionMode: 'each',
};
