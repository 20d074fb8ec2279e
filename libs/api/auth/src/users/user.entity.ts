import type { Role } from '@televisit/api-core';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** null for platform admins only. */
  @Column({ name: 'clinic_id', type: 'varchar', length: 36, nullable: true })
  clinicId!: string | null;

  /** Lower-cased and trimmed; unique across televisit. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  /** The provider's user (email or id) on the clinic's Server-to-Server Zoom account. */
  @Column({ name: 'zoom_user', type: 'varchar', length: 254, nullable: true })
  zoomUser!: string | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
