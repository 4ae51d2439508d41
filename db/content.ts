import type { Db } from './open.ts';

export interface InstalledPackage {
  version: number;
  manifest: string;
  signature: string | null;
  source: string;
}

/** Installed content packages and the single pointer to the active one. */
export function createContentStore(db: Db) {
  const insertPkg = db.prepare(
    'INSERT OR IGNORE INTO content_packages (version, manifest, signature, source, installed_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMedia = db.prepare('INSERT OR IGNORE INTO media (sha256, mime, bytes) VALUES (?, ?, ?)');
  const activeRow = db.prepare(
    'SELECT p.version, p.manifest, p.signature, p.source FROM content_active a JOIN content_packages p ON p.version = a.version WHERE a.id = 1',
  );
  const setActive = db.prepare(
    'INSERT INTO content_active (id, version, activated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at',
  );
  const hasMedia = db.prepare('SELECT 1 FROM media WHERE sha256 = ?').pluck();
  const mediaMime = db.prepare('SELECT mime FROM media WHERE sha256 = ?').pluck();
  const byVersion = db.prepare('SELECT version, manifest, signature, source FROM content_packages WHERE version = ?');
  const listAll = db.prepare('SELECT version, source, installed_at AS installedAt FROM content_packages ORDER BY version DESC');

  return {
    active: () => activeRow.get() as InstalledPackage | undefined,
    hasMedia: (sha256: string) => hasMedia.get(sha256) !== undefined,
    /** MIME type recorded for a media file, or undefined when no installed package lists it. */
    mediaMime: (sha256: string) => mediaMime.get(sha256) as string | undefined,
    get: (version: number) => byVersion.get(version) as InstalledPackage | undefined,
    /** Records a verified package and its media, and optionally makes it active, atomically. */
    install: db.transaction(
      (pkg: InstalledPackage, media: ReadonlyArray<{ sha256: string; mime: string; bytes: number }>, activate: boolean, now: number) => {
        insertPkg.run(pkg.version, pkg.manifest, pkg.signature, pkg.source, now);
        for (const m of media) insertMedia.run(m.sha256, m.mime, m.bytes);
        if (activate) setActive.run(pkg.version, now);
      },
    ),
    activate: (version: number, now: number) => setActive.run(version, now),
    /** Every installed package, newest first (rollback and the admin's content screen). */
    list: () => listAll.all() as Array<{ version: number; source: string; installedAt: number }>,
  };
}
export type ContentStore = ReturnType<typeof createContentStore>;
