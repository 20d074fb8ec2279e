import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CONNECTION_STATUSES = ['connected', 'needs_reauth', 'not_connected'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

const scopesColumn = {
  to: (scopes: string[] | null) => (scopes?.length ? scopes.join(' ') : null),
  from: (value: string | null) => (value ? value.split(' ') : []),
};

/** A provider's link to their own vendor account. Token columns hold vault-sealed values only. */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId!: string;

  @Column({ type: 'varchar', length: 32 })
  vendor!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ConnectionStatus;

  @Column({ name: 'account_id', type: 'varchar', length: 128, nullable: true })
  accountId!: string | null;

  @Column({ name: 'account_email', type: 'varchar', length: 254, nullable: true })
  accountEmail!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true, transformer: scopesColumn })
  scopes!: string[];

  @Column({ name: 'access_token', type: 'text', nullable: true })
  sealedAccessToken!: string | null;

  @Column({ name: 'refresh_token', type: 'text', nullable: true })
  sealedRefreshToken!: string | null;

  @Column({ name: 'access_expires_at', type: 'datetime', precision: 3, nullable: true })
  accessExpiresAt!: Date | null;

  @Column({ name: 'connected_at', type: 'datetime', precision: 3, nullable: true })
  connectedAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
