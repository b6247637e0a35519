// What test/global-setup.ts provides to test files (vitest's provide/inject).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server (database `postgres`). */
    postgresAdminUrl: string;
    /** A PGlite `dumpDataDir` tarball right after initdb (which takes seconds in WASM). */
    pgliteInitdbTar: string;
    /** The same after every migration of src/storage/migrations. */
    pgliteMigratedTar: string;
  }
}
