import { CreateClinics1795000000000 } from './1795000000000-create-clinics';

/** Every migration, oldest first. Append; never edit one that has shipped. */
export const MIGRATIONS = [CreateClinics1795000000000];
