import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from '../layout/app-layout';
import { NotFoundPage } from '../pages/not-found/not-found-page';
import { StatusPage } from '../pages/status/status-page';
import { paths } from './paths';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={paths.status} replace />} />
        <Route path={paths.status} element={<StatusPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
