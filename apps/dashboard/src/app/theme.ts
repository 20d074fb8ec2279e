import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Palettes are chosen for contrast: white on shade 7 and shade 9 on shade 1 (the "light" variant)
// both pass WCAG AA, which Mantine's default green, red and gray do not.
const clinic: MantineColorsTuple = [
  '#effcfa',
  '#d5f5ef',
  '#a9e9de',
  '#73d6c7',
  '#41bfac',
  '#22a593',
  '#138878',
  '#0f766e',
  '#115e59',
  '#134e4a',
];

const green: MantineColorsTuple = [
  '#f0fdf4',
  '#dcfce7',
  '#bbf7d0',
  '#86efac',
  '#4ade80',
  '#22c55e',
  '#16a34a',
  '#15803d',
  '#166534',
  '#14532d',
];

const red: MantineColorsTuple = [
  '#fef2f2',
  '#fee2e2',
  '#fecaca',
  '#fca5a5',
  '#f87171',
  '#ef4444',
  '#dc2626',
  '#b91c1c',
  '#991b1b',
  '#7f1d1d',
];

// Amber and orange: Mantine's own yellow and orange are too light for text on their light variant.
const yellow: MantineColorsTuple = [
  '#fffbeb',
  '#fef3c7',
  '#fde68a',
  '#fcd34d',
  '#fbbf24',
  '#f59e0b',
  '#d97706',
  '#b45309',
  '#92400e',
  '#78350f',
];

const orange: MantineColorsTuple = [
  '#fff7ed',
  '#ffedd5',
  '#fed7aa',
  '#fdba74',
  '#fb923c',
  '#f97316',
  '#ea580c',
  '#c2410c',
  '#9a3412',
  '#7c2d12',
];

// Slate; shade 6 is Mantine's "dimmed" text and must stay readable on white and on shade 0.
const gray: MantineColorsTuple = [
  '#f8fafc',
  '#f1f5f9',
  '#e2e8f0',
  '#cbd5e1',
  '#94a3b8',
  '#64748b',
  '#526076',
  '#334155',
  '#1e293b',
  '#0f172a',
];

export const theme = createTheme({
  primaryColor: 'clinic',
  primaryShade: { light: 7, dark: 7 },
  colors: { clinic, green, red, gray, yellow, orange },
  autoContrast: true,
  black: '#0f172a',
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  // Viewers who ask their system for less motion get dialogs and menus without animation.
  respectReducedMotion: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.25' },
      h2: { fontSize: '1.125rem', lineHeight: '1.4' },
    },
  },
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'lg' } },
    // A badge is a word or two: never squeezed into "Acti…" by a narrow table column.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
    // Mantine's close buttons are icons without a name; screen readers need one.
    Modal: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' }, radius: 'lg', padding: 'xl' },
      styles: { title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 650 } },
    },
  },
});
