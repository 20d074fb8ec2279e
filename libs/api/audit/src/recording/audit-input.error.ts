/** A caller tried to record an event the trail must not hold: a programming error (500). */
export class AuditInputError extends Error {
  constructor(message: string) {
    super(`audit event refused: ${message}`);
    this.name = 'AuditInputError';
  }
}
