import type { ValueTransformer } from 'typeorm';

/**
 * bigint columns as JS numbers. mysql2 hands bigints back as strings (TypeORM enables
 * bigNumberStrings); better-sqlite3 as numbers. Audit sequence numbers stay far below 2^53.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
