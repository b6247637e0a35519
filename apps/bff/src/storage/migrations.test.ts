import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { migrate, migrations, SchemaTooNewError, type Migration } from './migrations';
import { createStorage } from './create-storage';
import { createSessionStore } from './sessions';

describe.each(drivers)('migrations on %s', (kind) => {
  const t = useTestStorage(kind);

  it('records every migration once and applies nothing the second time', async () => {
    const { db } = t.storage;
    const { rows } = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(await migrate(db)).toEqual({ applied: [] });
    expect(await migrate(db)).toEqual({ applied: [] });
    const count = await db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(count.rows[0]?.n).toBe(migrations.length);
  });

  it('applies only what is new, in version order', async () => {
    const extra: Migration[] = [
      { version: 1001, name: 'second', statements: ['ALTER TABLE probe ADD COLUMN b int'] },
      { version: 1000, name: 'first', statements: ['CREATE TABLE probe (a int)'] },
    ];
    expect(await migrate(t.storage.db, [...migrations, ...extra])).toEqual({
      applied: [1000, 1001],
    });
    await t.storage.db.query('INSERT INTO probe (a, b) VALUES (1, 2)');
  });

  it('rolls back a failing migration entirely', async () => {
    const broken: Migration = {
      version: 1000,
      name: 'broken',
      statements: ['CREATE TABLE half_done (a int)', 'SELECT * FROM no_such_table'],
    };
    await expect(migrate(t.storage.db, [...migrations, broken])).rejects.toThrow(/no_such_table/);
    const { rows } = await t.storage.db.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(rows).toHaveLength(0);
    const versions = await t.storage.db.query('SELECT version FROM schema_migrations');
    expect(versions.rowCount).toBe(migrations.length);
  });

  it('refuses to run on a schema migrated by a newer version', async () => {
    await t.storage.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')",
    );
    await expect(migrate(t.storage.db)).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});

describe('migrations on postgres, several instances', () => {
  const t = useTestStorage('postgres');

  it('lets instances that start together migrate one at a time', async () => {
    const url = await t.emptyDatabaseUrl();
    const opened = await Promise.all(
      [1, 2, 3, 4].map(() => createStorage({ kind: 'postgres', url })),
    );
    try {
      const applied = opened.map((storage) => storage.migration.applied);
      // Exactly one instance applied everything; the others found it done.
      expect(applied.filter((versions) => versions.length > 0)).toEqual([
        migrations.map((migration) => migration.version),
      ]);
      expect(applied.filter((versions) => versions.length === 0)).toHaveLength(3);
      const { rows } = await opened[0]!.db.query<{ n: number }>(
        'SELECT count(*) AS n FROM schema_migrations',
      );
      expect(rows[0]?.n).toBe(migrations.length);
    } finally {
      await Promise.all(opened.map((storage) => storage.close()));
    }
  });
});

describe('pglite in a data folder', () => {
  it('keeps its data and its migrations across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'latchkey-pglite-folder-'));
    try {
      // Seed the folder with the initdb template (a plain tar of the data
      // folder): initdb in WASM takes seconds, and so does a PGlite instance.
      execFileSync('tar', ['-xf', inject('pgliteInitdbTar'), '-C', dataDir], {
        // Captured, not printed: tar notes that it drops the leading '/'.
        stdio: ['ignore', 'ignore', 'pipe'],
      });

      const first = await createStorage({ kind: 'pglite', dataDir });
      expect(first.migration.applied).toEqual(migrations.map((migration) => migration.version));
      const { id } = await createSessionStore(first.db).create({
        userId: 'u1',
        tenantId: 't1',
        name: 'Uma',
        username: 'uma@contoso.example',
        roles: [],
        homeAccountId: 'u1.t1',
        loginAt: new Date().toISOString(),
      });
      await first.close();

      const second = await createStorage({ kind: 'pglite', dataDir });
      try {
        expect(second.migration.applied).toEqual([]);
        expect((await createSessionStore(second.db).get(id))?.data.userId).toBe('u1');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
