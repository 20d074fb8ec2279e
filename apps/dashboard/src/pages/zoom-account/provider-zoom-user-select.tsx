import { Loader, NativeSelect } from '@mantine/core';
import { describeMutationError } from '../../components/explain-error';
import { useNotify } from '../../components/notices';
import { useSetZoomUser, type ZoomAccountUser } from './use-zoom-account';
import { NONE, type ProviderRow, selectedValue, zoomUserOptions } from './zoom-mapping';

/**
 * A provider's "Zoom user": choosing one saves at once (PATCH zoomUser). While it saves the select
 * shows the choice, spins and is disabled; a failure is shown under it and the stored value returns.
 */
export function ProviderZoomUserSelect({
  clinicId,
  row,
  zoomUsers,
}: {
  clinicId: string;
  row: ProviderRow;
  zoomUsers: readonly ZoomAccountUser[];
}) {
  const notify = useNotify();
  const setZoomUser = useSetZoomUser(clinicId);
  const { provider } = row;
  const options = zoomUserOptions(row, zoomUsers);
  const value = setZoomUser.isPending ? (setZoomUser.variables.zoomUser ?? NONE) : selectedValue(row);

  const choose = (chosen: string) => {
    if (chosen === selectedValue(row)) return;
    const label = options.find((option) => option.value === chosen)?.label ?? chosen;
    setZoomUser.mutate(
      { userId: provider.id, zoomUser: chosen === NONE ? null : chosen },
      {
        onSuccess: () =>
          notify(
            chosen === NONE
              ? `${provider.name} has no Zoom user of the clinic now.`
              : `${provider.name}’s visits will be hosted by ${label}.`,
          ),
      },
    );
  };

  return (
    <NativeSelect
      aria-label={`Zoom user of ${provider.name}`}
      data={options}
      value={value}
      disabled={setZoomUser.isPending}
      aria-busy={setZoomUser.isPending || undefined}
      rightSection={setZoomUser.isPending ? <Loader size={14} aria-hidden /> : undefined}
      onChange={(event) => choose(event.currentTarget.value)}
      error={setZoomUser.isError ? `Not saved: ${describeMutationError(setZoomUser.error)}` : undefined}
      maw={460}
    />
  );
}
