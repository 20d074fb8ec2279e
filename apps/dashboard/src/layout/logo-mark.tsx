/** The televisit mark: a video camera carrying a cross. Same drawing as public/favicon.svg. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-clinic-7)" />
      <rect x="5" y="9.5" width="16" height="13" rx="3" fill="#fff" />
      <path d="M22 14l5-3v10l-5-3z" fill="#fff" />
      <path d="M12 12.5h2v2.5h2.5v2H14v2.5h-2V17H9.5v-2H12z" fill="var(--mantine-color-clinic-7)" />
    </svg>
  );
}
