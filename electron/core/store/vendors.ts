import type { Db } from './open-database';
import type { Install, Vendor } from './types';

interface InstallRow {
  readonly id: number;
  readonly vendor: string;
  readonly app: string;
  readonly name: string;
  readonly created_at: string;
}

/** Vendors and their installs, recorded as change sets name them. */
export class VendorRepository {
  private readonly insertVendor;
  private readonly vendorId;
  private readonly insertInstall;
  private readonly installId;
  private readonly listVendorsStmt;
  private readonly listInstallsStmt;

  constructor(db: Db) {
    this.insertVendor = db.prepare<[string, string]>('INSERT INTO vendors (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    this.vendorId = db.prepare<[string], { id: number }>('SELECT id FROM vendors WHERE name = ?');
    this.insertInstall = db.prepare<[number, string, string, string]>(
      'INSERT INTO installs (vendor_id, app, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (vendor_id, app, name) DO NOTHING',
    );
    this.installId = db.prepare<[number, string, string], { id: number }>('SELECT id FROM installs WHERE vendor_id = ? AND app = ? AND name = ?');
    this.listVendorsStmt = db.prepare<[], { id: number; name: string; created_at: string }>('SELECT id, name, created_at FROM vendors ORDER BY name');
    this.listInstallsStmt = db.prepare<[], InstallRow>(
      'SELECT i.id, v.name AS vendor, i.app, i.name, i.created_at FROM installs i JOIN vendors v ON v.id = i.vendor_id ORDER BY v.name, i.app, i.name',
    );
  }

  /** The install's id, creating the vendor and install rows on first sight; null when the change set names no vendor. */
  ensureInstall(vendor: string, app: string, install: string, at: string): number | null {
    if (vendor === '') return null;
    this.insertVendor.run(vendor, at);
    const vendorId = this.vendorId.get(vendor)!.id;
    this.insertInstall.run(vendorId, app, install, at);
    return this.installId.get(vendorId, app, install)!.id;
  }

  listVendors(): readonly Vendor[] {
    return this.listVendorsStmt.all().map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  listInstalls(vendor?: string): readonly Install[] {
    return this.listInstallsStmt
      .all()
      .filter((r) => vendor === undefined || r.vendor === vendor)
      .map((r) => ({ id: r.id, vendor: r.vendor, app: r.app, name: r.name, createdAt: r.created_at }));
  }
}
