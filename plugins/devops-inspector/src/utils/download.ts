import { saveFile } from '@opshub/opshub-react';

/**
 * Saves `text` as a file named `name`, of media type `type`.
 *
 * @internal
 */
export function download(name: string, type: string, text: string) {
  saveFile({ blob: new Blob([text], { type }), filename: name });
}
