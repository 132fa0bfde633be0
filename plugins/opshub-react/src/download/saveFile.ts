/**
 * A file downloaded through an API client, ready to save.
 *
 * @public
 */
export interface DownloadedFile {
  /** The file's content. */
  blob: Blob;
  /** The name to save it under. */
  filename: string;
}

/**
 * Saves a downloaded file through a temporary Blob URL and a click on a
 * hidden link, the way every OpsHub export reaches the user's disk.
 *
 * @public
 */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // let the browser start the download before the URL goes away
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
