import { Button, Stack } from '@mantine/core';
import { IconCalendarTime, IconCalendarX } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { usePageTitle } from '../../app/use-page-title';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ClinicContext } from '../clinics/clinic-context';
import { AppointmentFacts } from './appointment-facts';
import { AppointmentSkeleton } from './appointment-skeleton';
import { AppointmentTimeline } from './appointment-timeline';
import { AppointmentsCrumbs } from './appointments-crumbs';
import { CancelAppointmentDialog } from './cancel-appointment-dialog';
import { MeetingPanel } from './meeting-panel';
import { RescheduleModal } from './reschedule-modal';
import { StartVisitButton, StartVisitOutcome, useStartVisit } from './start-visit';
import { useAppointmentScope, useProviders } from './use-appointment-scope';
import { useAppointment, useCancelAppointment } from './use-appointments';

/** One appointment. The page title and the URL name it "Appointment" and by id: never the patient. */
export function AppointmentDetailPage() {
  usePageTitle('Appointment');
  const { appointmentId = '' } = useParams();
  const scope = useAppointmentScope();
  const providers = useProviders(scope);
  const appointment = useAppointment(appointmentId);
  const cancel = useCancelAppointment(appointmentId);
  const visit = useStartVisit(appointmentId);
  const notify = useNotify();
  const [rescheduling, setRescheduling] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);

  const a = appointment.data;
  const scheduled = a?.status === 'scheduled';
  const startable = scheduled && a?.meeting.status === 'ready';
  const confirmCancel = () =>
    cancel.mutate(undefined, {
      onSuccess: () => {
        setCancelOpen(false);
        notify('The appointment was cancelled. Its meeting is being deleted.');
      },
    });

  return (
    <Stack gap="xl" maw={960}>
      <PageHeader
        above={
          scope.fromClinicList && scope.clinicId ? (
            <ClinicContext clinicId={scope.clinicId} />
          ) : (
            <AppointmentsCrumbs listPath={scope.listPath} current="Appointment" />
          )
        }
        title="Appointment"
        actions={
          a &&
          scheduled && (
            <>
              <Button
                variant="default"
                color="red"
                leftSection={<IconCalendarX size={18} stroke={1.75} aria-hidden />}
                onClick={() => {
                  cancel.reset();
                  setCancelOpen(true);
                }}
              >
                Cancel appointment
              </Button>
              <Button
                variant="default"
                leftSection={<IconCalendarTime size={18} stroke={1.75} aria-hidden />}
                onClick={() => setRescheduling(true)}
              >
                Reschedule
              </Button>
              {startable && <StartVisitButton visit={visit} />}
            </>
          )
        }
      />
      {startable && a && (
        <StartVisitOutcome visit={visit} appointment={a} viewer={scope.viewer} fixPath={scope.fixPath} />
      )}

      {appointment.isPending ? (
        <AppointmentSkeleton />
      ) : appointment.isError ? (
        <QueryError
          error={appointment.error}
          what="the appointment"
          retrying={appointment.isFetching}
          onRetry={() => void appointment.refetch()}
        />
      ) : (
        <>
          <MeetingPanel appointment={appointment.data} viewer={scope.viewer} fixPath={scope.fixPath} />
          <AppointmentFacts
            appointment={appointment.data}
            providerName={providers.nameOf(appointment.data.providerId)}
          />
          <AppointmentTimeline appointment={appointment.data} />
          <RescheduleModal
            appointment={appointment.data}
            opened={rescheduling}
            onClose={() => setRescheduling(false)}
            onMoved={() => {
              setRescheduling(false);
              notify('The appointment was moved. The patient’s link stays the same.');
            }}
          />
          <CancelAppointmentDialog
            opened={cancelOpen}
            videoProvider={appointment.data.videoProvider}
            busy={cancel.isPending}
            error={cancel.error}
            onConfirm={confirmCancel}
            onClose={() => setCancelOpen(false)}
          />
        </>
      )}
    </Stack>
  );
}
