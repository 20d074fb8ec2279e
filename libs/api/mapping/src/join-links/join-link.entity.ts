import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient's link: looked up by the hash of its token; the token itself only sealed, to show the link again. */
@Entity({ name: 'join_links' })
export class JoinLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'appointment_id', type: 'varchar', length: 36 })
  appointmentId!: string;

  @Column({ name: 'token', type: 'text' })
  sealedToken!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
