import { zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { emailSchema, userSchema } from '../../users/dto/user.dto';

export class LoginDto extends zodDto(
  z.object({ email: emailSchema, password: z.string().min(1, 'must not be empty').max(128) }).strict(),
) {}

export class SessionDto extends zodDto(
  z.object({
    user: userSchema,
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every state-changing request' }),
  }),
) {}
