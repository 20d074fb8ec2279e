import { Navigate, Route, Routes } from 'react-router';
import { RequireRole } from '../auth/require-role';
import { RequireSession } from '../auth/require-session';
import { useCurrentUser } from '../auth/use-session';
import { AppLayout } from '../layout/app-layout';
import { ApiKeysPage } from '../pages/api-keys/api-keys-page';
import { AppointmentDetailPage } from '../pages/appointments/appointment-detail-page';
import { AppointmentsPage } from '../pages/appointments/appointments-page';
import { BookAppointmentPage } from '../pages/appointments/book-appointment-page';
import { AuditPage } from '../pages/audit/audit-page';
import { ClinicSettingsPage } from '../pages/clinics/clinic-settings-page';
import { ClinicsPage } from '../pages/clinics/clinics-page';
import { ConnectionsPage } from '../pages/connections/connections-page';
import { LoginPage } from '../pages/login/login-page';
import { NotFoundPage } from '../pages/not-found/not-found-page';
import { ProfilePage } from '../pages/profile/profile-page';
import { StatusPage } from '../pages/status/status-page';
import { UsersPage } from '../pages/users/users-page';
import { ZoomAccountPage } from '../pages/zoom-account/zoom-account-page';
import { homePath, pageRoles } from './access';
import { paths, patterns } from './paths';

export function AppRoutes() {
  return (
    <Routes>
      <Route path={paths.login} element={<LoginPage />} />
      {/* Everything else is behind sign-in, the status page included: it is an admin tool. */}
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path={paths.status} element={<StatusPage />} />
        <Route path={paths.profile} element={<ProfilePage />} />
        <Route element={<RequireRole roles={pageRoles.clinics} />}>
          <Route path={paths.clinics} element={<ClinicsPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.clinicPages} />}>
          <Route path={patterns.clinicUsers} element={<UsersPage />} />
          <Route path={patterns.clinicApiKeys} element={<ApiKeysPage />} />
          <Route path={patterns.clinicAudit} element={<AuditPage />} />
          <Route path={patterns.clinicZoomAccount} element={<ZoomAccountPage />} />
          <Route path={patterns.clinicSettings} element={<ClinicSettingsPage />} />
          <Route path={patterns.clinicAppointments} element={<AppointmentsPage />} />
          <Route path={patterns.clinicNewAppointment} element={<BookAppointmentPage />} />
          <Route path={patterns.clinicAppointment} element={<AppointmentDetailPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.appointments} />}>
          <Route path={paths.appointments} element={<AppointmentsPage />} />
          <Route path={paths.newAppointment} element={<BookAppointmentPage />} />
          <Route path={patterns.appointment} element={<AppointmentDetailPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.users} />}>
          <Route path={paths.users} element={<UsersPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.apiKeys} />}>
          <Route path={paths.apiKeys} element={<ApiKeysPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.zoomAccount} />}>
          <Route path={paths.zoomAccount} element={<ZoomAccountPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.settings} />}>
          <Route path={paths.settings} element={<ClinicSettingsPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.audit} />}>
          <Route path={paths.audit} element={<AuditPage />} />
        </Route>
        <Route element={<RequireRole roles={pageRoles.connections} />}>
          <Route path={paths.connections} element={<ConnectionsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function HomeRedirect() {
  const { role } = useCurrentUser();
  return <Navigate to={homePath(role)} replace />;
}
