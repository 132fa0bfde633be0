import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import CheckIcon from '@material-ui/icons/Check';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import { useState } from 'react';

/** @internal */
export interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string;
  /** What is copied, for the accessible name: `Copy ${what}`. */
  what: string;
}

/**
 * A small button that copies `text` to the clipboard and says so.
 *
 * @internal
 */
export const CopyButton = ({ text, what }: CopyButtonProps) => {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(text);
      setCopied(true);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  let title = `Copy ${what}`;
  if (failed) {
    title = 'Copying is not allowed here';
  } else if (copied) {
    title = 'Copied';
  }
  return (
    <Tooltip title={title}>
      <IconButton size="small" aria-label={`Copy ${what}`} onClick={copy}>
        {copied ? (
          <CheckIcon fontSize="small" />
        ) : (
          <FileCopyOutlinedIcon fontSize="small" />
        )}
      </IconButton>
    </Tooltip>
  );
};
