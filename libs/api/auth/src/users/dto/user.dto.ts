import { ROLES, zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { passwordSchema } from '../../passwords/password-policy';
import type { UserEntity } from '../user.entity';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address' }));

const userObject = z.object({
  id: z.string(),
  clinicId: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  zoomUser: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
/** Nested wherever a User appears; root DTOs use the plain object (nestjs-zod would make a root with an id a $ref to itself). */
export const userSchema = userObject.meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    clinicId: user.clinicId,
    email: user.email,
    name: user.name,
    role: user.role,
    zoomUser: user.zoomUser,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

export class CreateUserDto extends zodDto(
  z
    .object({
      email: emailSchema,
      name: nameSchema,
      role: z.enum(['clinic_admin', 'provider']),
      password: passwordSchema,
    })
    .strict(),
) {}

export class UpdateUserDto extends zodDto(
  z
    .object({
      name: nameSchema.optional(),
      role: z.enum(['clinic_admin', 'provider']).optional(),
      zoomUser: z.string().trim().min(1).max(254).nullable().optional(),
      disabled: z.boolean().optional(),
      password: passwordSchema.optional(),
      currentPassword: z
        .string()
        .max(128)
        .optional()
        .meta({ description: 'Required to change your own password' }),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'must name at least one field to change'),
) {}

export class UserDto extends zodDto(userObject) {}
export class UserListDto extends zodDto(z.object({ data: z.array(userSchema) })) {}
