import type { ApiKeyScope } from '@televisit/api-core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

const scopesColumn = {
  to: (scopes: ApiKeyScope[]) => scopes.join(','),
  from: (value: string) => (value ? (value.split(',') as ApiKeyScope[]) : []),
};

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** sha256 (hex) of the whole key; the key itself is shown once and never stored. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 255, transformer: scopesColumn })
  scopes!: ApiKeyScope[];

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
