// `pnpm audit:verify`: recomputes the BFF audit log's hash chain from the
// database the server uses (DATABASE_URL → PostgreSQL, else PGlite in
// DATA_DIR/db, DATA_DIR defaulting to .data/bff as in apps/bff/src/config).
// Exit 0 when intact, 1 when broken, 2 when it could not check.
// It never migrates: a verifier must not change what it verifies. PGlite is
// single-process: stop the BFF before checking its PGlite folder (PostgreSQL
// can be checked while it runs).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAuditLog, createStorage, type StorageConfig } from '../apps/bff/src/storage';

function storageConfig(env: NodeJS.ProcessEnv): StorageConfig | string {
  if (env.DATABASE_URL)
    return { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1, lockPoolSize: 1 };
  const dataDir = resolve(env.DATA_DIR || join(process.cwd(), '.data', 'bff'));
  const dbDir = join(dataDir, 'db');
  // PGlite would create an empty database here; say there is none instead.
  if (!existsSync(dbDir)) return `no BFF database in ${dbDir} (set DATA_DIR or DATABASE_URL)`;
  return { kind: 'pglite', dataDir: dbDir };
}

async function main(): Promise<number> {
  const config = storageConfig(process.env);
  if (typeof config === 'string') {
    console.error(`audit:verify: ${config}`);
    return 2;
  }
  const where = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : config.dataDir;
  const storage = await createStorage(config, { migrate: false });
  try {
    const result = await createAuditLog(storage.db).verifyChain();
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} records (${where})`);
      return 0;
    }
    console.log(
      `audit chain BROKEN at seq ${result.firstBadSeq} (${result.checked} records checked) (${where})`,
    );
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The message only: a driver error can quote the connection string.
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      `audit:verify: could not check the audit log: ${message.replace(/postgres(ql)?:\/\/\S+/g, '<DATABASE_URL>')}`,
    );
    process.exit(2);
  },
);
