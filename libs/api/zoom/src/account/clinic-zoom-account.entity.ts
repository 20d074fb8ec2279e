import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A clinic's own Zoom account (Server-to-Server OAuth app). Secret and token columns are sealed. */
@Entity({ name: 'clinic_zoom_accounts' })
export class ClinicZoomAccountEntity {
  @PrimaryColumn({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 64 })
  accountId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId!: string;

  @Column({ name: 'client_secret', type: 'text', nullable: true })
  sealedClientSecret!: string | null;

  @Column({ name: 'access_token', type: 'text', nullable: true })
  sealedAccessToken!: string | null;

  @Column({ name: 'access_expires_at', type: 'datetime', precision: 3, nullable: true })
  accessExpiresAt!: Date | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export const accountBinding = (clinicId: string, column: 'client_secret' | 'access_token') => ({
  table: 'clinic_zoom_accounts',
  column,
  rowId: clinicId,
});
