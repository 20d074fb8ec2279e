import { useDocumentTitle } from '@mantine/hooks';

/** Sets `document.title` to "<page> · televisit". Never put patient data in a page title. */
export function usePageTitle(page: string): void {
  useDocumentTitle(`${page} · televisit`);
}
