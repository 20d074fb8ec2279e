export * from './audit.module';
export { canonicalJson } from './chain/canonical-json';
export {
  type AuditDetails,
  type AuditDetailValue,
  chainHash,
  type ChainedEvent,
  GENESIS_HASH,
} from './chain/chain-hash';
export { AUDIT_ENTITIES } from './events/audit-entities';
export { AuditEventEntity } from './events/audit-event.entity';
export { type AuditEvent, auditEventSchema } from './events/audit-event.schema';
export { AuditHeadEntity } from './events/audit-head.entity';
export * from './events/audit-vocabulary';
export { AuditEventsController } from './listing/audit-events.controller';
export { type AuditEventPage, type ListAuditEventsQuery } from './listing/list-audit-events.dto';
export type { AuditActor, AuditInput } from './recording/audit-input';
export { AuditInputError } from './recording/audit-input.error';
export { AuditService, type PreparedAuditEvent } from './recording/audit.service';
export * from './verify/audit-verify-result';
export { verifyAuditChain } from './verify/verify-audit-chain';
