import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../api/client';
import { send } from '../../api/send';
import { endSession } from '../../auth/session-state';

/**
 * Sets the viewer's own password. The API then ends every session of the account, this one
 * included, so the dashboard goes to the login page and says why.
 */
export function useChangeOwnPassword(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ password, currentPassword }: { password: string; currentPassword: string }) =>
      send(
        apiClient.PATCH('/api/v1/users/{id}', {
          params: { path: { id: userId } },
          body: { password, currentPassword },
        }),
      ),
    onSuccess: () => endSession(queryClient, 'password_changed'),
  });
}
