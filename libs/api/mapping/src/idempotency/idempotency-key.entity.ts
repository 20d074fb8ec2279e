import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Idempotency-Key of one caller: in flight, or done with the response to replay (24 hours). */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: 'in_flight' | 'done';

  /** What the request created, bound in the same transaction: a retry after a crash gets it back. */
  @Column({ name: 'resource_id', type: 'varchar', length: 36, nullable: true })
  resourceId!: string | null;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
