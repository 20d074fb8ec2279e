import { Injectable } from '@nestjs/common';
import { Clock, DomainException } from '@televisit/api-core';
import { Vault } from '@televisit/api-vault';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull, Not, Or } from 'typeorm';
import { MEETING_DELETED_AT_VENDOR } from '../timeline/timeline-kinds';
import { MEETING_NOT_FOUND, type VendorMeeting } from '../video-provider/video-provider.port';
import { GoogleMeetMappingEntity } from './google-meet-mapping.entity';
import type { MappingColumns } from './mapping-columns';
import { ZoomMappingEntity } from './zoom-mapping.entity';

type MappingEntity = ZoomMappingEntity | GoogleMeetMappingEntity;

/** Each video vendor's mapping table, by the key its VideoProvider has (and appointments store). */
export const MAPPING_ENTITIES: Readonly<Record<string, new () => MappingEntity>> = {
  zoom: ZoomMappingEntity,
  google_meet: GoogleMeetMappingEntity,
};

/** The mapping tables of every vendor, each through a `MappingTable`. */
@Injectable()
export class MeetingMappings {
  private readonly tables = new Map<string, MappingTable>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  /** The mapping table of `videoProvider` (an appointment's vendor key). */
  of(videoProvider: string): MappingTable {
    let table = this.tables.get(videoProvider);
    if (!table) {
      const target = MAPPING_ENTITIES[videoProvider];
      if (!target) {
        throw new DomainException(
          422,
          'video_provider_unavailable',
          `${videoProvider} meetings are not available here.`,
        );
      }
      table = new MappingTable(this.dataSource, this.vault, this.clock, target);
      this.tables.set(videoProvider, table);
    }
    return table;
  }
}

/** Reads and writes one vendor's mapping table, sealing the join URL and passcode. */
export class MappingTable {
  /** The table's name, which binds its sealed values to it. */
  readonly tableName: string;

  /** Whether the table keeps a second vendor id (`vendorMeetingUuid`). */
  private readonly hasUuid: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly target: new () => MappingEntity,
  ) {
    const metadata = dataSource.getMetadata(target);
    this.tableName = metadata.tableName;
    this.hasUuid = metadata.findColumnWithPropertyName('vendorMeetingUuid') !== undefined;
  }

  /** `vendorMeetingUuid` as a row of this table takes it: only where the table has the column. */
  private uuid(value: string | null): { vendorMeetingUuid?: string | null } {
    return this.hasUuid ? { vendorMeetingUuid: value } : {};
  }

  private binding(appointmentId: string, column: 'join_url' | 'passcode') {
    return { table: this.tableName, column, rowId: appointmentId };
  }

  private get repository() {
    return this.dataSource.getRepository<MappingColumns>(this.target);
  }

  find(appointmentId: string): Promise<MappingColumns | null> {
    return this.repository.findOneBy({ appointmentId });
  }

  /** The mapping, created with a fresh opaque marker (never PHI) the first time. */
  async ensure(appointmentId: string): Promise<MappingColumns> {
    const existing = await this.find(appointmentId);
    if (existing) return existing;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(this.target)
      .values({
        appointmentId,
        marker: `televisit:${randomBytes(16).toString('hex')}`,
        status: 'pending',
        vendorMeetingId: null,
        ...this.uuid(null),
        hostAccountId: null,
        hostedBy: null,
        sealedJoinUrl: null,
        sealedPasscode: null,
        settings: null,
        observedVersion: null,
        lastError: null,
        createAttemptedAt: null,
        writtenAt: null,
      })
      .orIgnore()
      .execute();
    return this.repository.findOneByOrFail({ appointmentId });
  }

  /** Committed before the vendor is called: whoever tries next must first look for the meeting. */
  async markCreateAttempted(appointmentId: string): Promise<void> {
    await this.repository.update({ appointmentId }, { createAttemptedAt: this.clock.now() });
  }

  /**
   * Records what the vendor confirmed. A deletion at the vendor reported meanwhile (`meeting.deleted`
   * arriving while the call was under way) stands: the mapping is not marked ready over it. `wrote`:
   * the vendor was written just now (a create or an update), so a report of a change there no newer
   * than `written_at` is this write, or an earlier state, seen late.
   */
  async confirm(
    appointmentId: string,
    meeting: VendorMeeting,
    version: number,
    wrote: boolean,
  ): Promise<void> {
    const repository = this.repository;
    const now = this.clock.now();
    await repository.update(
      { appointmentId },
      {
        vendorMeetingId: meeting.vendorMeetingId,
        ...this.uuid(meeting.vendorMeetingUuid),
        hostAccountId: meeting.hostAccountId,
        hostedBy: meeting.hostedBy ?? null,
        sealedJoinUrl: this.vault.seal(meeting.joinUrl, this.binding(appointmentId, 'join_url')),
        sealedPasscode: meeting.passcode
          ? this.vault.seal(meeting.passcode, this.binding(appointmentId, 'passcode'))
          : null,
        settings: JSON.stringify(meeting.settings),
        observedVersion: version,
        ...(wrote ? { writtenAt: now } : {}),
      },
    );
    await repository.update(
      { appointmentId, lastError: Or(IsNull(), Not(MEETING_DELETED_AT_VENDOR)) },
      { status: 'ready', lastError: null },
    );
  }

  async cancelled(appointmentId: string, version: number): Promise<void> {
    await this.repository.update(
      { appointmentId },
      { status: 'cancelled', observedVersion: version, lastError: null },
    );
  }

  /**
   * Records why the last attempt failed. The meeting stays `ready` (its link still works) unless the
   * vendor no longer has it (`meeting_not_found`): then it is `failed`, and no patient is sent there.
   */
  async failed(appointmentId: string, code: string): Promise<void> {
    await this.repository.update(
      { appointmentId },
      code === MEETING_NOT_FOUND ? { lastError: code, status: 'failed' } : { lastError: code },
    );
  }

  /** The join URL sealed in a mapping row (`join_url`), opened; null when none was confirmed yet. */
  joinUrlOf(appointmentId: string, sealedJoinUrl: string | null): string | null {
    return sealedJoinUrl ? this.vault.open(sealedJoinUrl, this.binding(appointmentId, 'join_url')) : null;
  }

  /** The vendor meeting as last confirmed, with its secrets opened; null before the first confirmation. */
  meetingOf(mapping: MappingColumns): VendorMeeting | null {
    if (!mapping.vendorMeetingId || !mapping.sealedJoinUrl || !mapping.hostAccountId) return null;
    return {
      vendorMeetingId: mapping.vendorMeetingId,
      vendorMeetingUuid:
        'vendorMeetingUuid' in mapping && typeof mapping.vendorMeetingUuid === 'string'
          ? mapping.vendorMeetingUuid
          : null,
      hostAccountId: mapping.hostAccountId,
      ...(mapping.hostedBy ? { hostedBy: mapping.hostedBy } : {}),
      joinUrl: this.joinUrlOf(mapping.appointmentId, mapping.sealedJoinUrl) as string,
      passcode: mapping.sealedPasscode
        ? this.vault.open(mapping.sealedPasscode, this.binding(mapping.appointmentId, 'passcode'))
        : null,
      settings: mapping.settings ? (JSON.parse(mapping.settings) as Record<string, unknown>) : {},
    };
  }
}
