import { assertInScope, clinicScope, notFound, type Principal } from '@televisit/api-core';
import type { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** The user, if the caller may see them: providers see only themselves, admins their clinic. */
export async function findVisibleUser(
  manager: EntityManager,
  principal: Principal,
  userId: string,
): Promise<UserEntity> {
  const user = await manager.findOneBy(UserEntity, { id: userId });
  if (!user) throw notFound('User');
  if (principal.kind === 'user' && principal.role === 'provider') {
    if (user.id !== principal.userId) throw notFound('User');
    return user;
  }
  assertInScope(clinicScope(principal), user.clinicId, 'User');
  return user;
}
