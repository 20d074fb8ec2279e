import { AppShell, Burger, Divider, Group, Skeleton, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { useCurrentUser } from '../auth/use-session';
import { useClinic } from '../pages/clinics/use-clinics';
import classes from './app-layout.module.css';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LogoMark } from './logo-mark';
import { ApiReferenceLink, MainNav } from './main-nav';
import { UserMenu } from './user-menu';

const MAIN_ID = 'main-content';

export function AppLayout() {
  const [navOpen, nav] = useDisclosure(false);
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Skip to main content
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
        padding={{ base: 'md', sm: 'xl' }}
        classNames={{ main: classes.main, navbar: classes.navbar }}
      >
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpen}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpen}
                aria-controls="main-navigation"
              />
              <Link to="/" className={classes.brand} aria-label="televisit home">
                <LogoMark size={32} />
                <Text component="span" fw={700} fz="lg" lts={-0.2}>
                  televisit
                </Text>
              </Link>
              <Divider orientation="vertical" visibleFrom="xs" h={24} mx={4} />
              <Workspace />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="main-navigation" p="md" aria-label="Main">
          <AppShell.Section grow>
            <MainNav onNavigate={nav.close} />
          </AppShell.Section>
          <AppShell.Section>
            <Divider mb="sm" />
            <ApiReferenceLink />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <div className={classes.content}>
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** The clinic the viewer works in, or "Platform administration" for a platform admin. */
function Workspace() {
  const user = useCurrentUser();
  const clinic = useClinic(user.clinicId);
  if (!user.clinicId) {
    return (
      <Text component="span" c="dimmed" size="sm" visibleFrom="xs">
        Platform administration
      </Text>
    );
  }
  if (!clinic.data) {
    return clinic.isPending ? (
      <Skeleton height={12} width={140} visibleFrom="xs" aria-hidden />
    ) : (
      <Text component="span" c="dimmed" size="sm" visibleFrom="xs">
        Clinic dashboard
      </Text>
    );
  }
  return (
    <Text component="span" size="sm" fw={500} visibleFrom="xs" truncate maw={280}>
      {clinic.data.name}
    </Text>
  );
}
