import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A provider's Google calendar that televisit keeps in step: its push channel and its sync state. */
@Entity({ name: 'google_channels' })
export class GoogleChannelEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The Google account (ID token `sub`) whose primary calendar this is. */
  @Column({ name: 'account_id', type: 'varchar', length: 255 })
  accountId!: string;

  /** The live push channel's id; null while none could be opened (polling still runs). */
  @Column({ name: 'channel_id', type: 'varchar', length: 64, nullable: true, unique: true })
  channelId!: string | null;

  @Column({ name: 'resource_id', type: 'varchar', length: 255, nullable: true })
  resourceId!: string | null;

  /** sha256 of the channel's token: a notification must carry the token itself. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  /** Where incremental sync left off; null before the first full sync or after Google's 410. */
  @Column({ name: 'sync_token', type: 'text', nullable: true })
  syncToken!: string | null;

  @Column({ name: 'synced_at', type: 'datetime', precision: 3, nullable: true })
  syncedAt!: Date | null;

  @Column({ name: 'sync_due_at', type: 'datetime', precision: 3, nullable: true })
  syncDueAt!: Date | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
