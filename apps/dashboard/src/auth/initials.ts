/** "Dr. Ada Lovelace" → "AL", "Alex Admin" → "AA", "root" → "R": for an avatar. */
export function initials(name: string): string {
  const words = name
    .replace(/\b(dr|prof|mr|mrs|ms|mx)\.?\s+/gi, '')
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return '?';
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
