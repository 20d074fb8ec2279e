import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { NoticesProvider } from '../components/notices';
import { queryClient } from './query-client';
import { AppRoutes } from './routes';
import { theme } from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <NoticesProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </NoticesProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
