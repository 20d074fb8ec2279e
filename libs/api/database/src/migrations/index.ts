import { CreateClinics1795000000000 } from './1795000000000-create-clinics';
import { CreateIdentityAndAudit1795000100000 } from './1795000100000-create-identity-and-audit';

/** Every migration, oldest first. Append; never edit one that has shipped. */
export const MIGRATIONS = [CreateClinics1795000000000, CreateIdentityAndAudit1795000100000];
