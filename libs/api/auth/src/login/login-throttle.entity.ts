import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'login_throttles' })
export class LoginThrottleEntity {
  /** sha256 (hex) of `account:<email>` or `address:<ip>`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'blocked_until', type: 'datetime', precision: 3, nullable: true })
  blockedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
