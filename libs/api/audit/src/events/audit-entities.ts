import { AuditEventEntity } from './audit-event.entity';
import { AuditHeadEntity } from './audit-head.entity';

/** For DataSources built outside Nest (the CLI): the audit tables' entities. */
export const AUDIT_ENTITIES = [AuditEventEntity, AuditHeadEntity];
