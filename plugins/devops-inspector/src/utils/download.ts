/**
 * Saves `content` (text of `type`, or a downloaded blob) as a file named
 * `name` through a temporary object URL.
 *
 * @internal
 */
export function download(name: string, type: string, content: string | Blob) {
  const url = URL.createObjectURL(
    typeof content === 'string' ? new Blob([content], { type }) : content,
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
