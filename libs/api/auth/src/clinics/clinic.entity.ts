import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A clinic: the tenant every user, key and appointment belongs to. */
@Entity({ name: 'clinics' })
export class ClinicEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA zone, e.g. Europe/Berlin: the default for appointments booked without one. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
