import { z } from 'zod';

/** NIST 800-63B style: length over composition rules; bounded so that hashing cannot be abused. */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(128, 'must be at most 128 characters');
