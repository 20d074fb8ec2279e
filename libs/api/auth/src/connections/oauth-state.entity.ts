import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A connect flow in progress: bound to the session that started it, single use, short-lived. */
@Entity({ name: 'oauth_states' })
export class OAuthStateEntity {
  /** sha256 (hex) of the `state` sent to the vendor. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 64 })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  vendor!: string;

  /** The PKCE verifier, sealed. */
  @Column({ name: 'code_verifier', type: 'text', nullable: true })
  sealedCodeVerifier!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
