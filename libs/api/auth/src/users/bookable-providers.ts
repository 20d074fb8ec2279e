import { Injectable } from '@nestjs/common';
import { preparedSelect, type PreparedSelect } from '@televisit/api-database';
import { DataSource } from 'typeorm';

/** A provider who can be booked: active, in a clinic, with that clinic's neutral title for visits. */
export interface BookableProvider {
  id: string;
  clinicId: string;
  meetingTopic: string;
}

interface Row {
  id: string;
  clinic_id: string | null;
  role: string;
  disabled_at: unknown;
  meeting_topic: string | null;
}

const SQL = `SELECT u.id, u.clinic_id, u.role, u.disabled_at, c.meeting_topic
FROM users u LEFT JOIN clinics c ON c.id = u.clinic_id
WHERE u.id = ?`;

/**
 * What every booking reads about its provider, as one prepared statement on the driver (the booking's
 * hot path; see `preparedSelect`): auth owns users and clinics, so the SQL that names them lives here.
 */
@Injectable()
export class BookableProviders {
  private select: PreparedSelect<Row> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** The user `userId` if it is an active provider of a clinic; null for anyone or anything else. */
  async find(userId: string): Promise<BookableProvider | null> {
    this.select ??= preparedSelect<Row>(this.dataSource, SQL);
    const [row] = await this.select([userId]);
    if (!row || row.role !== 'provider' || row.disabled_at !== null || !row.clinic_id) return null;
    if (row.meeting_topic === null) return null;
    return { id: row.id, clinicId: row.clinic_id, meetingTopic: row.meeting_topic };
  }
}
