import { CreateClinics1795000000000 } from './1795000000000-create-clinics';
import { CreateIdentityAndAudit1795000100000 } from './1795000100000-create-identity-and-audit';
import { CreateConnections1795000200000 } from './1795000200000-create-connections';
import { CreateAppointments1795000300000 } from './1795000300000-create-appointments';
import { CreateWebhookEventsAndTimeline1795000400000 } from './1795000400000-create-webhook-events-and-timeline';
import { BindIdempotencyResource1795000500000 } from './1795000500000-bind-idempotency-resource';
import { AddClinicMeetingSettings1795000600000 } from './1795000600000-add-clinic-meeting-settings';
import { IndexWebhookEventsReceived1795000700000 } from './1795000700000-index-webhook-events-received';
import { AddZoomMappingHostedBy1795000800000 } from './1795000800000-add-zoom-mapping-hosted-by';
import { CreateGoogleMeetMappings1795000900000 } from './1795000900000-create-google-meet-mappings';
import { CreateGoogleChannels1795001000000 } from './1795001000000-create-google-channels';
import { AddMappingWrittenAt1795001100000 } from './1795001100000-add-mapping-written-at';

/** Every migration, oldest first. Append; never edit one that has shipped. */
export const MIGRATIONS = [
  CreateClinics1795000000000,
  CreateIdentityAndAudit1795000100000,
  CreateConnections1795000200000,
  CreateAppointments1795000300000,
  CreateWebhookEventsAndTimeline1795000400000,
  BindIdempotencyResource1795000500000,
  AddClinicMeetingSettings1795000600000,
  IndexWebhookEventsReceived1795000700000,
  AddZoomMappingHostedBy1795000800000,
  CreateGoogleMeetMappings1795000900000,
  CreateGoogleChannels1795001000000,
  AddMappingWrittenAt1795001100000,
];
